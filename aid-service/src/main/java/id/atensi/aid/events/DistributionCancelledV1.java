package id.atensi.aid.events;

import id.atensi.commons.events.DomainEvent;
import id.atensi.commons.events.EventType;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A distribution was cancelled before dispatch, or returned after it; releasedIdr went back to the budget. Ids and amounts only, no personal data. */
@EventType(aggregate = "distribution", name = "distribution.cancelled", version = 1)
public record DistributionCancelledV1(UUID distributionId, UUID programmeId, String outcome, long releasedIdr, OffsetDateTime cancelledAt) implements DomainEvent {

    @Override
    public String aggregateId() {
        return distributionId.toString();
    }
}
