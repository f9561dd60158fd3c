package id.atensi.aid.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Why a distribution is cancelled or came back. */
@Schema(name = "ReasonRequest")
public record ReasonRequest(@NotBlank @Size(max = 2000) String reason) {
}
