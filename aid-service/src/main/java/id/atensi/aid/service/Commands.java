package id.atensi.aid.service;

import id.atensi.aid.domain.FundingSourceKind;
import id.atensi.aid.domain.ItemCategory;
import id.atensi.aid.domain.ProgrammeKind;
import id.atensi.aid.domain.RecipientKind;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** What callers ask the aid service to do: the request bodies, validated at the edge. */
public final class Commands {

    private Commands() {
    }

    @Schema(name = "OpenProgrammeRequest")
    public record OpenProgramme(
            @NotBlank @Size(max = 300) String name,
            @NotNull ProgrammeKind kind,
            @NotNull LocalDate periodStart,
            @NotNull LocalDate periodEnd,
            @NotEmpty @Size(max = 50) List<@Valid @NotNull FundingSourceShare> fundingSources) {
    }

    @Schema(name = "FundingSourceRequest", description = "CSR needs partnerId (the CSR partner); OTHER needs funderName and may name a non-state funder's partnerId. A partnerId must be a known, active partner (422).")
    public record FundingSourceShare(
            @NotNull FundingSourceKind kind,
            UUID partnerId,
            @Size(max = 300) String funderName,
            @NotNull @Min(value = 1, message = "must be at least 1 rupiah") Long amountIdr) {
    }

    @Schema(name = "ItemRequest")
    public record NewItem(
            @NotBlank @Size(max = 50) String code,
            @NotBlank @Size(max = 300) String name,
            @NotBlank @Size(max = 50) String unit,
            @NotNull ItemCategory category,
            @NotNull @Min(value = 1, message = "must be at least 1 rupiah") Long amountIdr) {
    }

    @Schema(name = "ItemPriceRequest")
    public record NewPrice(@NotNull @Min(value = 1, message = "must be at least 1 rupiah") Long amountIdr) {
    }

    @Schema(name = "DistributionRequest", description = """
            Who pays: fundingSourceId (one source pays the whole total), or fundingShares (several sources, amounts adding up
            exactly to the total), or neither: drawn on approval from the programme's pool, its funding sources in their
            order, each giving what it has left until the total is reached.""")
    public record ProposeDistribution(
            @NotNull UUID programmeId,
            @Schema(description = "The one funding source that pays the whole total; not with fundingShares") UUID fundingSourceId,
            @Schema(description = "An explicit split: each source of the programme once, the amounts adding up exactly to the distribution's total (422 otherwise); not with fundingSourceId")
            @Size(min = 1, max = 50) List<@Valid @NotNull FundingShare> fundingShares,
            @NotNull RecipientKind recipientKind,
            @NotNull UUID recipientId,
            @Schema(description = "The partner that channels the aid; a partner caller's own organisation by default") UUID channellingPartnerId,
            @NotEmpty @Size(max = 100) List<@Valid @NotNull Line> lines,
            @Size(max = 2000) String note,
            @Schema(description = "Officer only: give the same item to the same recipient in the same programme again, for this reason")
            @Valid DuplicateOverride duplicateOverride) {
    }

    @Schema(name = "FundingShareRequest")
    public record FundingShare(@NotNull UUID fundingSourceId, @NotNull @Min(value = 1, message = "must be at least 1 rupiah") Long amountIdr) {
    }

    @Schema(name = "DistributionLineRequest")
    public record Line(@NotNull UUID itemId, @NotNull @Min(value = 1, message = "must be at least 1") Long quantity) {
    }

    @Schema(name = "DuplicateOverride")
    public record DuplicateOverride(@NotBlank @Size(max = 2000) String reason) {
    }

    @Schema(name = "ReasonRequest")
    public record Reason(@NotBlank @Size(max = 2000) String reason) {
    }

    @Schema(name = "ProofOfDelivery")
    public record Proof(
            @NotBlank @Size(max = 300) String receivedBy,
            @NotNull OffsetDateTime receivedAt,
            @NotBlank @Size(max = 500) String place,
            @DecimalMin("-90") @DecimalMax("90") Double latitude,
            @DecimalMin("-180") @DecimalMax("180") Double longitude,
            @NotBlank @Size(max = 1000) @Schema(description = "Where the photo or signature file is stored") String fileReference,
            @NotNull @Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be a SHA-256 digest in 64 hex digits") String fileSha256) {
    }

    @Schema(name = "DeliveryRequest", description = "Without lines everything was delivered; with lines, the quantities that arrived (fewer: PARTIALLY_DELIVERED).")
    public record Delivery(
            @NotNull(message = "a delivery needs its proof") @Valid Proof proof,
            @Size(max = 100) List<@Valid @NotNull DeliveredLine> lines) {
    }

    @Schema(name = "DeliveredLine")
    public record DeliveredLine(@NotNull @Min(1) Integer position, @NotNull @Min(0) Long deliveredQuantity) {
    }
}
