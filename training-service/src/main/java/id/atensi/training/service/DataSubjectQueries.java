package id.atensi.training.service;

import id.atensi.commons.rest.ProblemException;
import id.atensi.training.domain.Attendance;
import id.atensi.training.domain.ClassSession;
import id.atensi.training.domain.Enrolment;
import id.atensi.training.domain.Outcome;
import id.atensi.training.domain.TrainingClass;
import id.atensi.training.events.KnownBeneficiary;
import id.atensi.training.events.KnownConsent;
import id.atensi.training.events.PersonalDataErasure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything the training service holds on one beneficiary, for the person's right of access (UU 27/2022): what it
 * learned of them from the beneficiary service, their consents, and each enrolment with its class, attendance and
 * outcomes. Read in one transaction, so that the document is one moment's state.
 */
@ApplicationScoped
public class DataSubjectQueries {

    private final TrainingAccess access;
    private final Clock clock;

    DataSubjectQueries(TrainingAccess access, Clock clock) {
        this.access = access;
        this.clock = clock;
    }

    public record DataSubject(UUID beneficiaryId, OffsetDateTime generatedAt, KnownBeneficiary known, PersonalDataErasure erasure,
                              List<KnownConsent> consents, List<Participation> participations) {
    }

    /** One enrolment of the person, with what goes with it. */
    public record Participation(Enrolment enrolment, TrainingClass trainingClass, List<Mark> attendance, List<Outcome> outcomes) {
    }

    public record Mark(ClassSession session, Attendance attendance) {
    }

    /** @return the document; 404 when the service holds nothing on the person, or an officer's unit has not served them */
    @Transactional
    public DataSubject of(UUID beneficiaryId) {
        KnownBeneficiary known = KnownBeneficiary.findById(beneficiaryId);
        List<Enrolment> enrolments = Enrolment.list("beneficiaryId = ?1 order by enrolledAt, seq", beneficiaryId);
        Map<UUID, TrainingClass> classes = enrolments.isEmpty() ? Map.of()
                : TrainingClass.<TrainingClass>list("id in ?1", enrolments.stream().map(e -> e.classId).distinct().toList()).stream()
                .collect(Collectors.toMap(c -> c.id, Function.identity()));
        access.readsDataSubject(beneficiaryId, known != null, classes.values());

        List<Participation> participations = enrolments.stream().map(enrolment -> {
            Map<UUID, ClassSession> sessions = ClassSession.ofClass(enrolment.classId).stream()
                    .collect(Collectors.toMap(s -> s.id, Function.identity()));
            List<Mark> marks = Attendance.<Attendance>list("enrolmentId", enrolment.id).stream()
                    .map(attendance -> new Mark(sessions.get(attendance.sessionId), attendance))
                    .sorted(Comparator.comparing((Mark mark) -> mark.session().date).thenComparing(mark -> mark.session().startTime))
                    .toList();
            List<Outcome> outcomes = Outcome.list("enrolmentId = ?1 order by observedOn, recordedAt", enrolment.id);
            return new Participation(enrolment, classes.get(enrolment.classId), marks, outcomes);
        }).toList();
        return new DataSubject(beneficiaryId, Clocks.now(clock), known, PersonalDataErasure.findById(beneficiaryId),
                KnownConsent.list("beneficiaryId = ?1 order by purpose", beneficiaryId), participations);
    }

    static ProblemException notFound(UUID beneficiaryId) {
        return ProblemException.notFound("data subject", beneficiaryId);
    }
}
