package id.atensi.aid.events;

import id.atensi.commons.events.DomainEvent;
import id.atensi.commons.events.EventType;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A dispatched distribution reached its recipient, fully or partly (partial), with proof. Ids and amounts only, no personal data. */
@EventType(aggregate = "distribution", name = "distribution.delivered", version = 1)
public record DistributionDeliveredV1(UUID distributionId, UUID programmeId, long amountIdr, long deliveredIdr, boolean partial, OffsetDateTime deliveredAt) implements DomainEvent {

    @Override
    public String aggregateId() {
        return distributionId.toString();
    }
}
