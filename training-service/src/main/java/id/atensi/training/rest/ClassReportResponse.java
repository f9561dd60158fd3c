package id.atensi.training.rest;

import id.atensi.training.domain.ClassStatus;
import id.atensi.training.service.ReportService;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.UUID;

@Schema(name = "ClassReport")
public record ClassReportResponse(UUID classId, String title, ClassStatus status, int capacity, long sessions, TotalsResponse totals) {

    static ClassReportResponse of(ReportService.ClassReport report) {
        return new ClassReportResponse(report.trainingClass().id, report.trainingClass().title, report.trainingClass().status,
                report.trainingClass().capacity, report.sessions(), TotalsResponse.of(report.totals()));
    }
}
