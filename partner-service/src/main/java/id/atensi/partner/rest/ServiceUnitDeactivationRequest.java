package id.atensi.partner.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ServiceUnitDeactivationRequest")
public record ServiceUnitDeactivationRequest(
        @NotBlank @Size(max = 1000) @Schema(examples = "Closed for renovation of the dormitories") String reason) {
}
