package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.service.CaseService;
import id.atensi.vocabulary.ConsentPurpose;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record ConsentRequest(@NotNull @Schema(description = "The purpose of processing (docs/vocabulary.md)") ConsentPurpose purpose,
                             @NotNull Boolean given,
                             @Valid @NotNull @Schema(description = "What shows the consent or its withdrawal; at least one of the two") Evidence evidence,
                             @Size(max = 500) String note) {

    @Schema(name = "ConsentEvidence")
    public record Evidence(@Size(max = 200) @Schema(examples = "BRSPDI-BDG/PK/2026/0412") String formReference,
                           @Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be a SHA-256 in hex (64 characters)")
                           @Schema(description = "SHA-256 (hex) of the uploaded document") String documentSha256) {

        CaseService.Evidence toEvidence() {
            return new CaseService.Evidence(formReference, documentSha256);
        }
    }
}
