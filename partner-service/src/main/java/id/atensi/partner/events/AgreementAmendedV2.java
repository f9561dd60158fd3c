package id.atensi.partner.events;

import id.atensi.commons.events.DomainEvent;
import id.atensi.commons.events.EventType;
import id.atensi.partner.domain.Agreement;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * {@code atensi.partner.agreement.amended.v2}: an addendum changed the period, the scope or the commitments.
 * {@code changedFields} names what it changed; the other members carry the agreement's whole current terms, so a
 * read model replaces its copy.
 * <p>
 * v2 because the clusters are the programme's ({@code id.atensi.vocabulary.Cluster}): where v1 said
 * {@code SOCIAL_EXCLUSION_AND_TRAFFICKING_VICTIMS}, v2 names {@code SOCIAL_EXCLUSION} and {@code TRAFFICKING_VICTIMS}.
 * The other members are v1's.
 */
@EventType(aggregate = "agreement", name = "agreement.amended", version = 2)
public record AgreementAmendedV2(UUID agreementId, String number, String addendumNumber, String status, LocalDate endsOn,
                                 long committedIdr, List<String> changedFields, LocalDate startsOn, Set<String> services,
                                 Set<String> clusters, Set<String> regionCodes, Set<UUID> serviceUnitIds) implements DomainEvent {

    public static AgreementAmendedV2 of(Agreement agreement, String addendumNumber, List<String> changedFields) {
        return new AgreementAmendedV2(agreement.id, agreement.number, addendumNumber, agreement.status.name(), agreement.endsOn,
                agreement.committedIdr(), changedFields, agreement.startsOn, names(agreement.services), names(agreement.clusters),
                new TreeSet<>(agreement.regionCodes), new TreeSet<>(agreement.serviceUnitIds));
    }

    private static Set<String> names(Set<? extends Enum<?>> values) {
        Set<String> names = new TreeSet<>();
        values.forEach(value -> names.add(value.name()));
        return names;
    }

    @Override
    public String aggregateId() {
        return agreementId.toString();
    }
}
