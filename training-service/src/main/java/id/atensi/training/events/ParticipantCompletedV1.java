package id.atensi.training.events;

import id.atensi.commons.events.DomainEvent;
import id.atensi.commons.events.EventType;

import java.time.OffsetDateTime;
import java.util.UUID;

/** {@code atensi.training.participant.completed.v1}: a participant completed a class and received a certificate; it reaches the beneficiary's timeline. */
@EventType(aggregate = "participant", name = "participant.completed", version = 1)
public record ParticipantCompletedV1(UUID enrolmentId, UUID classId, UUID beneficiaryId, String certificateNumber, int sessionsAttended,
                                     int sessionsTotal, OffsetDateTime completedAt) implements DomainEvent {

    @Override
    public String aggregateId() {
        return enrolmentId.toString();
    }
}
