package id.atensi.aid.events;

import id.atensi.commons.events.DomainEvent;
import id.atensi.commons.events.EventType;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A distribution was approved and its amount reserved on the programme's budget. Superseded by v2 and published beside
 * it while consumers move: fundingSourceId is left out when the distribution draws on several sources (only v2 names
 * them). Ids and amounts only, no personal data.
 */
@EventType(aggregate = "distribution", name = "distribution.approved", version = 1)
public record DistributionApprovedV1(UUID distributionId, UUID programmeId, UUID fundingSourceId, UUID channellingPartnerId, String recipientKind, UUID recipientId, long amountIdr, OffsetDateTime approvedAt) implements DomainEvent {

    @Override
    public String aggregateId() {
        return distributionId.toString();
    }
}
