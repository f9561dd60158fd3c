package id.atensi.aid.events;

import id.atensi.commons.events.DomainEvent;
import id.atensi.commons.events.EventType;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An approved distribution left for its recipient. Ids and amounts only, no personal data. */
@EventType(aggregate = "distribution", name = "distribution.dispatched", version = 1)
public record DistributionDispatchedV1(UUID distributionId, UUID programmeId, long amountIdr, OffsetDateTime dispatchedAt) implements DomainEvent {

    @Override
    public String aggregateId() {
        return distributionId.toString();
    }
}
