package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.domain.ImportJob;
import id.atensi.beneficiary.domain.ImportRejection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

public record ImportResponse(UUID id, ImportJob.Status status, int total, int done, int registered, int unchanged, int rejected,
                             List<RejectedRow> rejections, OffsetDateTime createdAt, OffsetDateTime finishedAt) {

    /** A row that was not registered: its line (1 = header) and why, never its content. */
    @Schema(name = "RejectedRow")
    public record RejectedRow(int line, String reason) {
    }

    static ImportResponse of(ImportJob job, List<ImportRejection> rejections) {
        return new ImportResponse(job.id, job.status, job.total, job.done, job.registered, job.unchanged, job.rejected,
                rejections.stream().map(r -> new RejectedRow(r.line, r.reason)).toList(), job.createdAt, job.finishedAt);
    }
}
