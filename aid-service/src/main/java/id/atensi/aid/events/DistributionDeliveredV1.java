package id.atensi.aid.events;

import id.atensi.commons.events.DomainEvent;
import id.atensi.commons.events.EventType;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A dispatched distribution reached its recipient, fully or partly (partial), with proof; fundingShares says what each
 * funding source paid for and got back (absent from events recorded before distributions had shares). Ids and amounts
 * only, no personal data.
 */
@EventType(aggregate = "distribution", name = "distribution.delivered", version = 1)
public record DistributionDeliveredV1(UUID distributionId, UUID programmeId, long amountIdr, long deliveredIdr, boolean partial,
                                      List<FundingShare> fundingShares, OffsetDateTime deliveredAt) implements DomainEvent {

    /** One funding source's part: amountIdr reserved, deliveredIdr paid for, releasedIdr back to the source. */
    public record FundingShare(UUID fundingSourceId, long amountIdr, long deliveredIdr, long releasedIdr) {
    }

    @Override
    public String aggregateId() {
        return distributionId.toString();
    }
}
