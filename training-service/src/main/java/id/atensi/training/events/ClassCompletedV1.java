package id.atensi.training.events;

import id.atensi.commons.events.DomainEvent;
import id.atensi.commons.events.EventType;

import java.time.OffsetDateTime;
import java.util.UUID;

/** {@code atensi.training.class.completed.v1}: a class was closed and completion computed. */
@EventType(aggregate = "class", name = "class.completed", version = 1)
public record ClassCompletedV1(UUID classId, int participants, int completed, int thresholdPercent, OffsetDateTime completedAt) implements DomainEvent {

    @Override
    public String aggregateId() {
        return classId.toString();
    }
}
