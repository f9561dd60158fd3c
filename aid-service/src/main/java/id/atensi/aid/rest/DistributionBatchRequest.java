package id.atensi.aid.rest;

import id.atensi.aid.service.DistributionBatchService;
import id.atensi.aid.service.DistributionService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** Distributions of one programme proposed together, each exactly as a single proposal would be. */
@Schema(name = "DistributionBatchRequest")
public record DistributionBatchRequest(
        @Schema(description = "1 to 10,000 distributions, all naming the same programmeId")
        @NotEmpty @Size(max = DistributionBatchService.MAX_DISTRIBUTIONS) List<@Valid @NotNull DistributionRequest> distributions) {

    List<DistributionService.Proposal> toProposals() {
        return distributions.stream().map(DistributionRequest::toProposal).toList();
    }
}
