package id.atensi.training.rest;

import id.atensi.training.domain.IncomeBand;
import id.atensi.training.domain.OutcomeKind;
import id.atensi.training.service.OutcomeService;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

@Schema(name = "OutcomeRequest", description = "A follow-up observation of a former participant")
public record OutcomeRequest(@NotNull @Schema(examples = "OWN_BUSINESS") OutcomeKind kind,
                             @Schema(examples = "FROM_1M_TO_3M") IncomeBand incomeBand,
                             @NotNull @PastOrPresent @Schema(examples = "2024-06-30") LocalDate observedOn,
                             @Size(max = 1000) @Schema(examples = "Opened a home workshop (bengkel rumahan)") String note) {

    OutcomeService.Observation observation() {
        return new OutcomeService.Observation(kind, incomeBand, observedOn, note);
    }
}
