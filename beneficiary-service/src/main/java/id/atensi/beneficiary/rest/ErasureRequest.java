package id.atensi.beneficiary.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record ErasureRequest(@NotBlank @Size(max = 200)
                             @Schema(description = "The request's reference in the unit's register (a letter, a form); never the person's own words", examples = "BRSPDI-BDG/PDP/2026/0031")
                             String requestReference) {
}
