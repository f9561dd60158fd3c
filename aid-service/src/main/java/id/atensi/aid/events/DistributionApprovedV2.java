package id.atensi.aid.events;

import id.atensi.commons.events.DomainEvent;
import id.atensi.commons.events.EventType;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A distribution was approved and its amount reserved on one or more of its programme's funding sources: the shares
 * add up exactly to amountIdr. Replaces v1, whose single fundingSourceId cannot name several sources; v1 is still
 * published beside it while consumers move. Ids and amounts only, no personal data.
 */
@EventType(aggregate = "distribution", name = "distribution.approved", version = 2)
public record DistributionApprovedV2(UUID distributionId, UUID programmeId, String fundingMode, List<FundingShare> fundingShares,
                                     UUID channellingPartnerId, String recipientKind, UUID recipientId, long amountIdr,
                                     OffsetDateTime approvedAt) implements DomainEvent {

    /** What one funding source reserved of the distribution. */
    public record FundingShare(UUID fundingSourceId, long amountIdr) {
    }

    @Override
    public String aggregateId() {
        return distributionId.toString();
    }
}
