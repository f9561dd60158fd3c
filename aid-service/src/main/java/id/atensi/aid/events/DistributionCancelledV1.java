package id.atensi.aid.events;

import id.atensi.commons.events.DomainEvent;
import id.atensi.commons.events.EventType;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A distribution was cancelled before dispatch, or returned after it; releasedIdr went back to the budget, fundingShares
 * says to which funding source (empty when nothing was reserved; absent from events recorded before distributions had
 * shares). Ids and amounts only, no personal data.
 */
@EventType(aggregate = "distribution", name = "distribution.cancelled", version = 1)
public record DistributionCancelledV1(UUID distributionId, UUID programmeId, String outcome, long releasedIdr,
                                      List<FundingShare> fundingShares, OffsetDateTime cancelledAt) implements DomainEvent {

    /** What went back to one funding source. */
    public record FundingShare(UUID fundingSourceId, long releasedIdr) {
    }

    @Override
    public String aggregateId() {
        return distributionId.toString();
    }
}
