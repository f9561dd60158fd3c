package id.atensi.training.service;

import id.atensi.commons.events.EventOutbox;
import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import id.atensi.training.domain.Enrolment;
import id.atensi.training.domain.EnrolmentStatus;
import id.atensi.training.domain.IncomeBand;
import id.atensi.training.domain.Outcome;
import id.atensi.training.domain.OutcomeKind;
import id.atensi.training.events.OutcomeRecordedV1;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Follow-ups of former participants: whether the class led to an income. */
@ApplicationScoped
public class OutcomeService {

    private final EventOutbox outbox;
    private final TrainingAccess access;
    private final Clock clock;
    private final PartnerSharing sharing;

    OutcomeService(EventOutbox outbox, TrainingAccess access, Clock clock, PartnerSharing sharing) {
        this.sharing = sharing;
        this.outbox = outbox;
        this.access = access;
        this.clock = clock;
    }

    public record Observation(OutcomeKind kind, IncomeBand incomeBand, LocalDate observedOn, String note) {
    }

    /** Recorded for whoever finished the class, completed or not: those who did not complete are followed up too. */
    @Transactional
    public Disclosed<Outcome> record(UUID classId, UUID enrolmentId, Observation observation) {
        access.changes(classId);
        Enrolment enrolment = EnrolmentService.inClass(classId, enrolmentId);
        if (enrolment.status != EnrolmentStatus.COMPLETED && enrolment.status != EnrolmentStatus.NOT_COMPLETED) {
            throw new ProblemException(ProblemCode.CONFLICT, "outcomes are recorded once the class is closed; this enrolment is "
                    + enrolment.status, List.of(), Map.of("currentStatus", enrolment.status));
        }
        Outcome outcome = new Outcome();
        outcome.id = UUID.randomUUID();
        outcome.enrolmentId = enrolmentId;
        outcome.kind = observation.kind();
        outcome.incomeBand = observation.incomeBand();
        outcome.observedOn = observation.observedOn();
        outcome.note = observation.note();
        outcome.recordedAt = Clocks.now(clock);
        outcome.persist();
        outbox.record(new OutcomeRecordedV1(outcome.id, enrolmentId, classId, enrolment.beneficiaryId, outcome.kind, outcome.incomeBand,
                outcome.observedOn));
        return new Disclosed<>(outcome, sharing.enrolment(enrolment).personalDataWithheld());
    }

    /** Oldest first; a partner without the person's PARTNER_SHARING consent gets them without their notes. */
    public List<Disclosed<Outcome>> of(UUID classId, UUID enrolmentId) {
        access.reads(classId);
        boolean withheld = sharing.enrolment(EnrolmentService.inClass(classId, enrolmentId)).personalDataWithheld();
        return Outcome.<Outcome>list("enrolmentId = ?1 order by observedOn, recordedAt", enrolmentId).stream()
                .map(outcome -> new Disclosed<>(outcome, withheld)).toList();
    }
}
