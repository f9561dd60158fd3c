package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.domain.Consent;
import id.atensi.vocabulary.ConsentPurpose;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.UUID;

public record ConsentResponse(UUID id, UUID beneficiaryId,
                              @Schema(description = "Null only for a record made before purposes were a closed vocabulary; see legacyPurpose") ConsentPurpose purpose,
                              @Schema(description = "The free text of a record made before purposes were a closed vocabulary; such a record decides nothing") String legacyPurpose,
                              boolean given, String recordedBy, OffsetDateTime recordedAt,
                              ConsentRequest.Evidence evidence, String note) {

    static ConsentResponse of(Consent c) {
        return new ConsentResponse(c.id, c.beneficiaryId, c.purpose, c.legacyPurpose, c.given, c.recordedBy, c.recordedAt,
                c.evidenceReference == null && c.evidenceSha256 == null ? null
                        : new ConsentRequest.Evidence(c.evidenceReference, c.evidenceSha256),
                c.note);
    }
}
