package id.atensi.partner.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "DeactivationRequest")
public record DeactivationRequest(@NotBlank @Size(max = 1000) @Schema(examples = "The foundation was dissolved") String reason) {
}
