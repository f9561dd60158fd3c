package id.atensi.training.events;

import id.atensi.commons.events.DomainEvent;
import id.atensi.commons.events.EventType;

import java.time.OffsetDateTime;
import java.util.UUID;

/** {@code atensi.training.class.opened.v1}: a class takes enrolments. */
@EventType(aggregate = "class", name = "class.opened", version = 1)
public record ClassOpenedV1(UUID classId, OffsetDateTime openedAt) implements DomainEvent {

    @Override
    public String aggregateId() {
        return classId.toString();
    }
}
