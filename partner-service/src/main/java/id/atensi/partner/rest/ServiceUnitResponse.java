package id.atensi.partner.rest;

import id.atensi.partner.domain.ServiceUnit;
import id.atensi.partner.domain.ServiceUnitKind;
import id.atensi.partner.domain.ServiceUnitStatus;
import id.atensi.vocabulary.Cluster;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

@Schema(name = "ServiceUnit")
public record ServiceUnitResponse(UUID id, String name, ServiceUnitKind kind, String provinceCode, String regencyCode,
                                  String addressLine, int residentialCapacity, Set<Cluster> clusters,
                                  @Schema(description = "An INACTIVE unit takes no new residents, classes or distributions") ServiceUnitStatus status,
                                  @Schema(description = "Exactly the transitions the service accepts now: INACTIVE (deactivation), ACTIVE (reactivation)") List<ServiceUnitStatus> allowedTransitions,
                                  @Schema(description = "Why the unit was closed; only while INACTIVE") String deactivationReason,
                                  @Schema(description = "Since when the unit is closed; only while INACTIVE") OffsetDateTime deactivatedAt,
                                  OffsetDateTime registeredAt, OffsetDateTime updatedAt,
                                  @Schema(description = "The version, also sent as ETag") long version) {

    static ServiceUnitResponse of(ServiceUnit unit) {
        return new ServiceUnitResponse(unit.id, unit.name, unit.kind, unit.provinceCode, unit.regencyCode, unit.addressLine,
                unit.residentialCapacity, new TreeSet<>(unit.clusters), unit.status, unit.allowedTransitions(), unit.deactivationReason, unit.deactivatedAt, unit.registeredAt, unit.updatedAt, unit.version);
    }
}
