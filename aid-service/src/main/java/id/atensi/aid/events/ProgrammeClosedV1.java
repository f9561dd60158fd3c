package id.atensi.aid.events;

import id.atensi.commons.events.DomainEvent;
import id.atensi.commons.events.EventType;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An aid programme was closed: it takes no new distributions. Ids and amounts only, no personal data. */
@EventType(aggregate = "programme", name = "programme.closed", version = 1)
public record ProgrammeClosedV1(UUID programmeId, long budgetIdr, long committedIdr, long deliveredIdr, OffsetDateTime closedAt) implements DomainEvent {

    @Override
    public String aggregateId() {
        return programmeId.toString();
    }
}
