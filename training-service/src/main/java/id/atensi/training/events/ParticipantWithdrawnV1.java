package id.atensi.training.events;

import id.atensi.commons.events.DomainEvent;
import id.atensi.commons.events.EventType;

import java.time.OffsetDateTime;
import java.util.UUID;

/** {@code atensi.training.participant.withdrawn.v1}: a participant left; promotedEnrolmentId names who took the freed place, if anyone. */
@EventType(aggregate = "participant", name = "participant.withdrawn", version = 1)
public record ParticipantWithdrawnV1(UUID enrolmentId, UUID classId, UUID beneficiaryId, UUID promotedEnrolmentId, OffsetDateTime withdrawnAt) implements DomainEvent {

    @Override
    public String aggregateId() {
        return enrolmentId.toString();
    }
}
