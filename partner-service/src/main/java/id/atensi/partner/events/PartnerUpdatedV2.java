package id.atensi.partner.events;

import id.atensi.commons.events.DomainEvent;
import id.atensi.commons.events.EventType;
import id.atensi.partner.domain.AccreditationGrade;
import id.atensi.partner.domain.Partner;
import id.atensi.vocabulary.Cluster;
import id.atensi.vocabulary.PartnerType;

import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

/**
 * {@code atensi.partner.updated.v2}: a partner's details changed; the whole public state, so read models just replace theirs.
 * <p>
 * v2 because the clusters are the programme's ({@code id.atensi.vocabulary.Cluster}): where v1 said
 * {@code SOCIAL_EXCLUSION_AND_TRAFFICKING_VICTIMS}, v2 names {@code SOCIAL_EXCLUSION} and {@code TRAFFICKING_VICTIMS}.
 * The other members are v1's.
 */
@EventType(aggregate = "partner", name = "updated", version = 2)
public record PartnerUpdatedV2(UUID partnerId, PartnerType type, String legalName, String shortName, String status,
                               AccreditationGrade accreditationGrade, LocalDate accreditationExpiresOn,
                               String provinceCode, String regencyCode, Set<Cluster> clusters, UUID parentId)
        implements DomainEvent {

    public static PartnerUpdatedV2 of(Partner partner) {
        return new PartnerUpdatedV2(partner.id, partner.type, partner.legalName, partner.shortName, partner.status.name(),
                partner.accreditationGrade, partner.accreditationExpiresOn, partner.provinceCode, partner.regencyCode,
                Set.copyOf(partner.clusters), partner.parentId);
    }

    @Override
    public String aggregateId() {
        return partnerId.toString();
    }
}
