package id.atensi.training.events;

import id.atensi.commons.events.DomainEvent;
import id.atensi.commons.events.EventType;
import id.atensi.training.domain.Audience;
import id.atensi.training.domain.EnrolmentStatus;

import java.time.OffsetDateTime;
import java.util.UUID;

/** {@code atensi.training.participant.enrolled.v1}: a participant took a place (ENROLLED, also when promoted from the waitlist) or joined the waitlist (WAITLISTED). beneficiaryId is null for named participants; names stay in this service. */
@EventType(aggregate = "participant", name = "participant.enrolled", version = 1)
public record ParticipantEnrolledV1(UUID enrolmentId, UUID classId, UUID beneficiaryId, Audience audience, EnrolmentStatus status,
                                    OffsetDateTime at) implements DomainEvent {

    @Override
    public String aggregateId() {
        return enrolmentId.toString();
    }
}
