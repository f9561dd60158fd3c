package id.atensi.training.rest;

import id.atensi.training.service.ReportService;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

@Schema(name = "ProgrammeReport")
public record ProgrammeReportResponse(UUID programmeId, String title, int classCount, TotalsResponse totals, List<ClassReportResponse> classes) {

    static ProgrammeReportResponse of(ReportService.ProgrammeReport report) {
        return new ProgrammeReportResponse(report.programme().id, report.programme().title, report.classes().size(),
                TotalsResponse.of(report.totals()), report.classes().stream().map(ClassReportResponse::of).toList());
    }
}
