package id.atensi.aid.events;

import id.atensi.commons.events.DomainEvent;
import id.atensi.commons.events.EventType;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An aid programme was opened with its budget. Ids and amounts only, no personal data. */
@EventType(aggregate = "programme", name = "programme.opened", version = 1)
public record ProgrammeOpenedV1(UUID programmeId, String kind, LocalDate periodStart, LocalDate periodEnd, long budgetIdr, OffsetDateTime openedAt) implements DomainEvent {

    @Override
    public String aggregateId() {
        return programmeId.toString();
    }
}
