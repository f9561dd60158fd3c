package id.atensi.beneficiary.events;

import id.atensi.beneficiary.domain.TimelineEntry;
import id.atensi.commons.events.ConsumedEvent;
import id.atensi.commons.events.EventConsumer;
import id.atensi.commons.events.PermanentEventFailure;
import id.atensi.commons.persistence.TimeOrderedIds;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

/**
 * Puts training enrolments and completions of registered people on their timelines, from the training
 * service's events. Idempotent through the inbox (one application per event id); named participants
 * (no beneficiaryId) are not ours and are skipped.
 */
@ApplicationScoped
public class TrainingTimelineConsumer implements EventConsumer {

    static final String ENROLLED = "atensi.training.participant.enrolled.v1";
    static final String COMPLETED = "atensi.training.participant.completed.v1";
    static final String WITHDRAWN = "atensi.training.participant.withdrawn.v1";

    /** The fields of the training payloads this consumer reads; others are ignored. */
    record Participant(UUID enrolmentId, UUID classId, UUID beneficiaryId, String status, String certificateNumber,
                       OffsetDateTime at, OffsetDateTime completedAt, OffsetDateTime withdrawnAt) {
    }

    @Override
    public String name() {
        return "training-timeline";
    }

    @Override
    public Set<String> topics() {
        return Set.of("atensi.training.events");
    }

    @Override
    public void resetReadModel() {
        TimelineEntry.delete("source", "training");
    }

    @Override
    public void handle(ConsumedEvent event) {
        if (!ENROLLED.equals(event.type()) && !COMPLETED.equals(event.type()) && !WITHDRAWN.equals(event.type())) {
            return;
        }
        Participant participant = event.dataAs(Participant.class);
        if (participant.beneficiaryId() == null) {
            return;
        }
        if (participant.enrolmentId() == null || participant.classId() == null) {
            throw new PermanentEventFailure(event.type() + " " + event.id() + " lacks enrolmentId or classId");
        }
        TimelineEntry entry = new TimelineEntry();
        entry.id = TimeOrderedIds.next();
        entry.beneficiaryId = participant.beneficiaryId();
        entry.source = "training";
        entry.referenceId = participant.enrolmentId().toString();
        switch (event.type()) {
            case ENROLLED -> {
                entry.kind = "training.enrolled";
                entry.summary = ("WAITLISTED".equals(participant.status()) ? "waitlisted for" : "enrolled in") + " training class "
                        + participant.classId();
                entry.occurredAt = first(participant.at(), event.time());
            }
            case COMPLETED -> {
                entry.kind = "training.completed";
                entry.summary = "completed training class " + participant.classId()
                        + (participant.certificateNumber() == null ? "" : ", certificate " + participant.certificateNumber());
                entry.occurredAt = first(participant.completedAt(), event.time());
            }
            default -> {
                entry.kind = "training.withdrawn";
                entry.summary = "withdrew from training class " + participant.classId();
                entry.occurredAt = first(participant.withdrawnAt(), event.time());
            }
        }
        entry.persist();
    }

    private static OffsetDateTime first(OffsetDateTime a, OffsetDateTime b) {
        return a != null ? a : b;
    }
}
