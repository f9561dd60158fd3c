package id.atensi.aid.rest;

import id.atensi.aid.domain.RecipientKind;
import id.atensi.aid.service.DistributionBatchService;
import id.atensi.aid.service.Money;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/** What a batch proposal answers. */
@Schema(name = "DistributionBatch")
public record DistributionBatchResponse(
        UUID programmeId,
        @Schema(description = "How many distributions were proposed") int count,
        @Schema(description = "The sum of their totals, in rupiah") long totalIdr,
        List<Proposed> distributions) {

    @Schema(name = "DistributionBatchItem")
    public record Proposed(@Schema(description = "The new distribution, PROPOSED; GET /api/v1/aid/distributions/{id}") UUID id,
                           RecipientKind recipientKind, UUID recipientId, long totalIdr) {
    }

    static DistributionBatchResponse of(UUID programmeId, List<DistributionBatchService.Proposed> proposed) {
        long total = 0;
        for (DistributionBatchService.Proposed one : proposed) {
            total = Money.add(total, one.totalIdr(), "the batch's total");
        }
        return new DistributionBatchResponse(programmeId, proposed.size(), total, proposed.stream()
                .map(one -> new Proposed(one.id(), one.recipientKind(), one.recipientId(), one.totalIdr())).toList());
    }
}
