package id.atensi.training.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "CancelClassRequest")
public record CancelClassRequest(@NotBlank @Size(max = 500) @Schema(examples = "The venue is flooded") String reason) {
}
