package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.domain.ImportJob;
import id.atensi.beneficiary.domain.ImportRejection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

public record ImportResponse(UUID id, ImportJob.Status status, ImportJob.Format format,
                             @Schema(description = "Rows in the file (header excluded)") int total,
                             @Schema(description = "Rows in committed chunks") int done,
                             int registered,
                             @Schema(description = "Rows whose NIK was registered already (an import of the same file again)") int unchanged,
                             int rejected,
                             @Schema(description = "Chunks committed: each registers its rows whole or not at all") int chunks,
                             @Schema(description = "RUNNING without a committed chunk for the configured time (its worker died or hangs; another takes it over)")
                             boolean stalled,
                             @Schema(description = "SHA-256 of the uploaded file") String fileSha256,
                             @Schema(description = "Why a FAILED job stopped") String failure,
                             @Schema(description = "The first 200 rejected rows by line; all of them: GET …/rejections")
                             List<RejectedRow> rejections, OffsetDateTime createdAt, OffsetDateTime progressedAt, OffsetDateTime finishedAt) {

    /** A row that was not registered: its line (1 = header; for JSON lines the first record), the field(s) at fault and why, never its content. */
    @Schema(name = "RejectedRow")
    public record RejectedRow(int line, @Schema(description = "The field(s) at fault, comma-separated, or row", examples = "nik") String field,
                              @Schema(examples = "nik: the digits of the birth date do not match the birth date") String reason) {

        static RejectedRow of(ImportRejection rejection) {
            return new RejectedRow(rejection.line, rejection.field, rejection.reason);
        }
    }

    static ImportResponse of(ImportJob job, boolean stalled, List<ImportRejection> rejections) {
        return new ImportResponse(job.id, job.status, job.format, job.total, job.done, job.registered, job.unchanged, job.rejected,
                job.chunks, stalled, job.fileSha256, job.failure, rejections.stream().map(RejectedRow::of).toList(), job.createdAt,
                job.progressedAt, job.finishedAt);
    }
}
