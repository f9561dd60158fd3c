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
 * {@code atensi.partner.service-unit.registered.v2}: a Balai/Sentra can now host residents, classes and aid.
 * <p>
 * v2 because the clusters are the programme's ({@code id.atensi.vocabulary.Cluster}): where v1 said
 * {@code SOCIAL_EXCLUSION_AND_TRAFFICKING_VICTIMS}, v2 names {@code SOCIAL_EXCLUSION} and {@code TRAFFICKING_VICTIMS}.
 * The other members are v1's.
 */
@EventType(aggregate = "service-unit", name = "service-unit.registered", version = 2)
public record ServiceUnitRegisteredV2(UUID serviceUnitId, String name, ServiceUnitKind kind, String provinceCode,
                                      String regencyCode, int residentialCapacity, Set<Cluster> clusters,
                                      ServiceUnitStatus status)
        implements DomainEvent {

    public static ServiceUnitRegisteredV2 of(ServiceUnit unit) {
        return new ServiceUnitRegisteredV2(unit.id, unit.name, unit.kind, unit.provinceCode, unit.regencyCode,
                unit.residentialCapacity, Set.copyOf(unit.clusters), unit.status);
    }

    @Override
    public String aggregateId() {
        return serviceUnitId.toString();
    }
}
