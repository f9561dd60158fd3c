package id.atensi.aid.rest;

import id.atensi.aid.service.ProofFileQueries;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A stored proof file, without its bytes: what a delivery's proof names with proofFileId. */
@Schema(name = "ProofFile", description = "A photo or document stored as proof of a distribution's delivery; sha256 is computed by the service from the bytes received")
public record ProofFileResponse(
        @Schema(examples = "5a1c9e0e-8f53-4c43-9d4f-2b7f0c1d2e3f") UUID id,
        UUID distributionId,
        @Schema(examples = "image/jpeg", enumeration = {"image/jpeg", "image/png", "application/pdf"}) String contentType,
        @Schema(examples = "1843200") long sizeBytes,
        @Schema(examples = "3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b") String sha256,
        @Schema(description = "Where the file is read back (GET); the fileReference of a proof that names it",
                examples = "/api/v1/aid/distributions/7d0f4c1e-2a4b-4f6e-9a51-6c2b8e3d1f00/proof-files/5a1c9e0e-8f53-4c43-9d4f-2b7f0c1d2e3f") String fileReference,
        @Schema(description = "The uploader (token subject)") String uploadedBy,
        OffsetDateTime uploadedAt) {

    static ProofFileResponse of(ProofFileQueries.Stored stored) {
        return new ProofFileResponse(stored.id(), stored.distributionId(), stored.contentType(), stored.sizeBytes(), stored.sha256(),
                stored.reference(), stored.uploadedBy(), stored.uploadedAt());
    }
}
