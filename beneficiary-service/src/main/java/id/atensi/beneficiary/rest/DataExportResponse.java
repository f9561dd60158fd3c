package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.domain.DataExport;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.UUID;

public record DataExportResponse(UUID id, UUID beneficiaryId, DataExport.Status status,
                                 @Schema(description = "Services whose part is in, of partsTotal") int partsDone, int partsTotal,
                                 String requestedBy, OffsetDateTime requestedAt, OffsetDateTime finishedAt,
                                 @Schema(description = "For FAILED: which service's part could not be had, and why") String failure) {

    static DataExportResponse of(DataExport export) {
        return new DataExportResponse(export.id, export.beneficiaryId, export.status, export.partsDone, export.partsTotal,
                export.requestedBy, export.requestedAt, export.finishedAt, export.failure);
    }
}
