package id.atensi.partner.rest;

import id.atensi.partner.domain.Cluster;
import id.atensi.partner.domain.ServiceUnit;
import id.atensi.partner.domain.ServiceUnitKind;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

@Schema(name = "ServiceUnit")
public record ServiceUnitResponse(UUID id, String name, ServiceUnitKind kind, String provinceCode, String regencyCode,
                                  String addressLine, int residentialCapacity, Set<Cluster> clusters,
                                  OffsetDateTime registeredAt, OffsetDateTime updatedAt,
                                  @Schema(description = "The version, also sent as ETag") long version) {

    static ServiceUnitResponse of(ServiceUnit unit) {
        return new ServiceUnitResponse(unit.id, unit.name, unit.kind, unit.provinceCode, unit.regencyCode, unit.addressLine,
                unit.residentialCapacity, new TreeSet<>(unit.clusters), unit.registeredAt, unit.updatedAt, unit.version);
    }
}
