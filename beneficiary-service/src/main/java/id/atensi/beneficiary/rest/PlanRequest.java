package id.atensi.beneficiary.rest;

import id.atensi.vocabulary.AtensiService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

public record PlanRequest(@NotNull List<@Valid @NotNull Line> services) {

    /** One planned service with its target date. */
    @Schema(name = "PlanLine")
    public record Line(@NotNull @Schema(examples = "SOCIAL_AID_AND_ASSISTANCE") AtensiService service,
                       @NotBlank @Size(max = 500) String description, @NotNull LocalDate targetDate) {
    }
}
