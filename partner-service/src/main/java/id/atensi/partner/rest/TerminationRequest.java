package id.atensi.partner.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "TerminationRequest")
public record TerminationRequest(@NotBlank @Size(max = 2000) @Schema(examples = "The CSR programme was discontinued") String reason) {
}
