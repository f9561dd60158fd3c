package id.atensi.aid.rest;

import id.atensi.aid.domain.DeliveredQuantity;
import id.atensi.aid.domain.Proof;
import id.atensi.aid.service.DistributionService;
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
import java.util.List;

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
            @NotBlank @Size(max = 1000) @Schema(description = "Where the photo or signature file is stored") String fileReference,
            @NotNull @Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be a SHA-256 digest in 64 hex digits") String fileSha256) {
    }

    @Schema(name = "DeliveredLine")
    public record DeliveredLine(@NotNull @Min(1) Integer position, @NotNull @Min(0) Long deliveredQuantity) {
    }

    DistributionService.Delivery toDelivery() {
        return new DistributionService.Delivery(new Proof(proof.receivedBy().strip(), proof.receivedAt(), proof.place().strip(), proof.latitude(),
                proof.longitude(), proof.fileReference().strip(), proof.fileSha256().toLowerCase()),
                lines == null ? List.of() : lines.stream().map(line -> new DeliveredQuantity(line.position(), line.deliveredQuantity())).toList());
    }
}
