package id.atensi.aid.rest;

import id.atensi.aid.events.KnownBeneficiary;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A beneficiary as the aid service learned of it from the beneficiary service's events. */
@Schema(name = "KnownBeneficiary")
public record KnownBeneficiaryResponse(UUID beneficiaryId, String fullName, String status, UUID serviceUnitId, String provinceCode,
                                       String regencyCode,
                                       @Schema(description = "The survivor this record was merged into; it receives no aid of its own")
                                       UUID mergedInto, OffsetDateTime registeredAt, OffsetDateTime updatedAt) {

    static KnownBeneficiaryResponse of(KnownBeneficiary known) {
        return new KnownBeneficiaryResponse(known.beneficiaryId, known.fullName, known.status, known.serviceUnitId, known.provinceCode,
                known.regencyCode, known.mergedInto, known.registeredAt, known.updatedAt);
    }
}
