package id.atensi.partner.events;

import id.atensi.commons.events.DomainEvent;
import id.atensi.commons.events.EventType;
import id.atensi.partner.domain.ServiceUnit;
import id.atensi.partner.domain.ServiceUnitKind;
import id.atensi.partner.domain.ServiceUnitStatus;
import id.atensi.vocabulary.Cluster;

import java.util.Set;
import java.util.UUID;

/**
 * {@code atensi.partner.service-unit.updated.v2}: a unit's whole public state after a change of its details or of its
 * status (deactivation, reactivation). Status travels here rather than in event types of its own so that every read
 * model that already follows this type learns of a closed unit without a change of its own.
 * <p>
 * v2 because the clusters are the programme's ({@code id.atensi.vocabulary.Cluster}): where v1 said
 * {@code SOCIAL_EXCLUSION_AND_TRAFFICKING_VICTIMS}, v2 names {@code SOCIAL_EXCLUSION} and {@code TRAFFICKING_VICTIMS}.
 * The other members are v1's.
 */
@EventType(aggregate = "service-unit", name = "service-unit.updated", version = 2)
public record ServiceUnitUpdatedV2(UUID serviceUnitId, String name, ServiceUnitKind kind, String provinceCode,
                                   String regencyCode, int residentialCapacity, Set<Cluster> clusters,
                                   ServiceUnitStatus status)
        implements DomainEvent {

    public static ServiceUnitUpdatedV2 of(ServiceUnit unit) {
        return new ServiceUnitUpdatedV2(unit.id, unit.name, unit.kind, unit.provinceCode, unit.regencyCode,
                unit.residentialCapacity, Set.copyOf(unit.clusters), unit.status);
    }

    @Override
    public String aggregateId() {
        return serviceUnitId.toString();
    }
}
