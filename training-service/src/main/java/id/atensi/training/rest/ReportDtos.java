package id.atensi.training.rest;

import id.atensi.training.domain.Audience;
import id.atensi.training.domain.ClassStatus;
import id.atensi.training.domain.OutcomeKind;
import id.atensi.training.service.ReportService;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Report bodies. */
public final class ReportDtos {

    private ReportDtos() {
    }

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

    @Schema(name = "ClassReport")
    public record ClassReportResponse(UUID classId, String title, ClassStatus status, int capacity, long sessions, TotalsResponse totals) {

        static ClassReportResponse of(ReportService.ClassReport report) {
            return new ClassReportResponse(report.trainingClass().id, report.trainingClass().title, report.trainingClass().status,
                    report.trainingClass().capacity, report.sessions(), TotalsResponse.of(report.totals()));
        }
    }

    @Schema(name = "ProgrammeReport")
    public record ProgrammeReportResponse(UUID programmeId, String title, int classCount, TotalsResponse totals, List<ClassReportResponse> classes) {

        static ProgrammeReportResponse of(ReportService.ProgrammeReport report) {
            return new ProgrammeReportResponse(report.programme().id, report.programme().title, report.classes().size(),
                    TotalsResponse.of(report.totals()), report.classes().stream().map(ClassReportResponse::of).toList());
        }
    }
}
