package id.atensi.training.rest;

import id.atensi.training.domain.Audience;
import id.atensi.training.domain.OutcomeKind;
import id.atensi.training.service.ReportService;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.Map;

/** The totals of a class or a programme, the part both reports share. */
@Schema(name = "TrainingTotals")
public record TotalsResponse(
        @Schema(description = "People who took a place (enrolled, completed or not completed)") long participants,
        long waitlisted, long withdrawn,
        Map<Audience, Long> participantsByAudience,
        @Schema(description = "PRESENT marks among all attendance marks recorded, in percent; absent before any is recorded") BigDecimal attendanceRatePercent,
        long completed, long notCompleted,
        @Schema(description = "Completers among participants of closed classes, in percent; absent before a class closes") BigDecimal completionRatePercent,
        @Schema(description = "Each former participant counted once, by their latest outcome") Map<OutcomeKind, Long> latestOutcomes) {

    static TotalsResponse of(ReportService.Totals t) {
        return new TotalsResponse(t.participants(), t.waitlisted(), t.withdrawn(), t.participantsByAudience(), t.attendanceRatePercent(),
                t.completed(), t.notCompleted(), t.completionRatePercent(), t.latestOutcomes());
    }
}
