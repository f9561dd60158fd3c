package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.domain.Erasure;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.UUID;

public record ErasureResponse(UUID beneficiaryId,
                              @Schema(description = "What stands in the person's name from now on, in every service") String pseudonym,
                              Erasure.Reason reason, String requestReference, String erasedBy, OffsetDateTime erasedAt) {

    static ErasureResponse of(Erasure erasure) {
        return new ErasureResponse(erasure.beneficiaryId, erasure.pseudonym, erasure.reason, erasure.requestReference,
                erasure.erasedBy, erasure.erasedAt);
    }
}
