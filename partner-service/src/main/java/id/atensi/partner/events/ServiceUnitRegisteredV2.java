package id.atensi.partner.events;

import id.atensi.commons.events.DomainEvent;
import id.atensi.commons.events.EventType;
import id.atensi.partner.domain.Cluster;
import id.atensi.partner.domain.ServiceUnit;
import id.atensi.partner.domain.ServiceUnitKind;
import id.atensi.partner.domain.ServiceUnitStatus;

import java.util.Set;
import java.util.UUID;

/** {@code atensi.partner.service-unit.registered.v1}: a Balai/Sentra can now host residents, classes and aid. */
@EventType(aggregate = "service-unit", name = "service-unit.registered", version = 1)
public record ServiceUnitRegisteredV1(UUID serviceUnitId, String name, ServiceUnitKind kind, String provinceCode,
                                      String regencyCode, int residentialCapacity, Set<Cluster> clusters,
                                      ServiceUnitStatus status)
        implements DomainEvent {

    public static ServiceUnitRegisteredV1 of(ServiceUnit unit) {
        return new ServiceUnitRegisteredV1(unit.id, unit.name, unit.kind, unit.provinceCode, unit.regencyCode,
                unit.residentialCapacity, Set.copyOf(unit.clusters), unit.status);
    }

    @Override
    public String aggregateId() {
        return serviceUnitId.toString();
    }
}
