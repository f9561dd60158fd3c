package id.atensi.aid.rest;

import id.atensi.aid.domain.DeliveredQuantity;
import id.atensi.aid.domain.Proof;
import id.atensi.aid.service.DistributionService;
import id.atensi.commons.rest.Problem;
import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A report that a dispatched distribution reached its recipient, with proof. */
@Schema(name = "DeliveryRequest", description = "Without lines everything was delivered; with lines, the quantities that arrived (fewer: PARTIALLY_DELIVERED).")
public record DeliveryRequest(
        @NotNull(message = "a delivery needs its proof") @Valid ProofOfDelivery proof,
        @Size(max = 100) List<@Valid @NotNull DeliveredLine> lines) {

    @Schema(name = "ProofOfDelivery")
    public record ProofOfDelivery(
            @NotBlank @Size(max = 300) String receivedBy,
            @NotNull OffsetDateTime receivedAt,
            @NotBlank @Size(max = 500) String place,
            @DecimalMin("-90") @DecimalMax("90") Double latitude,
            @DecimalMin("-180") @DecimalMax("180") Double longitude,
            @Size(max = 1000) @Schema(description = "Where the photo or signature file is stored, when it was not uploaded here: then required, with fileSha256. Leave it out with proofFileId: the uploaded file's address is used",
                    examples = "s3://lks-bina-sejahtera/proofs/2026-03-05-bantargebang.jpg") String fileReference,
            @Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be a SHA-256 digest in 64 hex digits")
            @Schema(description = "SHA-256 of the file, 64 hex digits. Required with fileReference; optional with proofFileId, and then it must be the uploaded file's (422 proof-checksum-mismatch otherwise)",
                    examples = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08") String fileSha256,
            @Schema(description = "A file uploaded for this distribution (POST /api/v1/aid/distributions/{id}/proof-files): its address and the SHA-256 the service computed become the proof's fileReference and fileSha256",
                    examples = "5a1c9e0e-8f53-4c43-9d4f-2b7f0c1d2e3f") UUID proofFileId) {
    }

    @Schema(name = "DeliveredLine")
    public record DeliveredLine(@NotNull @Min(1) Integer position, @NotNull @Min(0) Long deliveredQuantity) {
    }

    /** A proof names either an uploaded file (proofFileId) or a file kept elsewhere (fileReference and fileSha256): 400 otherwise. */
    DistributionService.Delivery toDelivery() {
        List<Problem.FieldError> errors = new ArrayList<>();
        boolean referenced = proof.fileReference() != null && !proof.fileReference().isBlank();
        if (proof.proofFileId() != null && proof.fileReference() != null) {
            errors.add(new Problem.FieldError("proof.fileReference", "must be left out with proofFileId: the uploaded file's address is used"));
        } else if (proof.proofFileId() == null) {
            if (!referenced) {
                errors.add(new Problem.FieldError("proof.fileReference", "must not be blank without proofFileId"));
            }
            if (proof.fileSha256() == null) {
                errors.add(new Problem.FieldError("proof.fileSha256", "must not be null without proofFileId"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemCode.VALIDATION, "the request has invalid fields", errors, Map.of());
        }
        return new DistributionService.Delivery(new Proof(proof.receivedBy().strip(), proof.receivedAt(), proof.place().strip(), proof.latitude(),
                proof.longitude(), referenced ? proof.fileReference().strip() : null,
                proof.fileSha256() == null ? null : proof.fileSha256().toLowerCase()), proof.proofFileId(),
                lines == null ? List.of() : lines.stream().map(line -> new DeliveredQuantity(line.position(), line.deliveredQuantity())).toList());
    }
}
