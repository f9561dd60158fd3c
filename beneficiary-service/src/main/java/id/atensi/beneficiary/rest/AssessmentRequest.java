package id.atensi.beneficiary.rest;

import id.atensi.vocabulary.AtensiService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

public record AssessmentRequest(@NotNull @PastOrPresent LocalDate assessedOn, @Size(max = 2000) String summary,
                                @NotEmpty List<@Valid @NotNull Need> needs) {

    /** What the person needs of one of the seven services. */
    @Schema(name = "AssessmentNeed")
    public record Need(@NotNull @Schema(examples = "VOCATIONAL_TRAINING_AND_ENTREPRENEURSHIP") AtensiService service,
                       @NotBlank @Size(max = 500) @Schema(examples = "workshop skills") String need) {
    }
}
