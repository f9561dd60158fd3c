package id.atensi.training.events;

import id.atensi.commons.events.DomainEvent;
import id.atensi.commons.events.EventType;

import java.time.OffsetDateTime;
import java.util.UUID;

/** {@code atensi.training.class.cancelled.v1}: a class will not (or no longer) take place. */
@EventType(aggregate = "class", name = "class.cancelled", version = 1)
public record ClassCancelledV1(UUID classId, String reason, OffsetDateTime cancelledAt) implements DomainEvent {

    @Override
    public String aggregateId() {
        return classId.toString();
    }
}
