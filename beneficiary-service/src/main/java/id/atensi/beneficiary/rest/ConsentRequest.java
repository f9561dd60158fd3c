package id.atensi.beneficiary.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record ConsentRequest(@NotBlank @Size(max = 100) @Schema(examples = "data-sharing-with-partners") String purpose,
                             @NotNull Boolean given, @Size(max = 500) String note) {
}
