package id.atensi.aid.rest;

import id.atensi.aid.domain.RecipientKind;
import id.atensi.aid.domain.Share;
import id.atensi.aid.service.DistributionService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/** A proposed distribution: items to one recipient, paid by one funding source, an explicit split, or the pool. */
@Schema(name = "DistributionRequest", description = """
        Who pays: fundingSourceId (one source pays the whole total), or fundingShares (several sources, amounts adding up
        exactly to the total), or neither: drawn on approval from the programme's pool, its funding sources in their
        order, each giving what it has left until the total is reached.""")
public record DistributionRequest(
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

    @Schema(name = "FundingShareRequest")
    public record FundingShare(@NotNull UUID fundingSourceId, @NotNull @Min(value = 1, message = "must be at least 1 rupiah") Long amountIdr) {
    }

    @Schema(name = "DistributionLineRequest")
    public record Line(@NotNull UUID itemId, @NotNull @Min(value = 1, message = "must be at least 1") Long quantity) {
    }

    @Schema(name = "DuplicateOverride")
    public record DuplicateOverride(@NotBlank @Size(max = 2000) String reason) {
    }

    DistributionService.Proposal toProposal() {
        return new DistributionService.Proposal(programmeId, fundingSourceId,
                fundingShares == null ? null : fundingShares.stream().map(share -> new Share(share.fundingSourceId(), share.amountIdr())).toList(),
                recipientKind, recipientId, channellingPartnerId,
                lines.stream().map(line -> new DistributionService.Line(line.itemId(), line.quantity())).toList(), note,
                duplicateOverride == null ? null : duplicateOverride.reason());
    }
}
