package id.atensi.training.service;

import id.atensi.commons.events.EventOutbox;
import id.atensi.commons.rest.Problem;
import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import id.atensi.commons.rest.Versions;
import id.atensi.training.config.TrainingConfig;
import id.atensi.training.domain.Audience;
import id.atensi.training.domain.ClassSession;
import id.atensi.training.domain.ClassStatus;
import id.atensi.training.domain.CompletionRule;
import id.atensi.training.domain.Enrolment;
import id.atensi.training.domain.EnrolmentStatus;
import id.atensi.training.domain.Modality;
import id.atensi.training.domain.Programme;
import id.atensi.training.domain.SkillArea;
import id.atensi.training.domain.TrainingClass;
import id.atensi.training.events.ClassCancelledV1;
import id.atensi.training.events.ClassCompletedV1;
import id.atensi.training.events.ClassOpenedV1;
import id.atensi.training.events.ClassScheduledV1;
import id.atensi.training.events.ParticipantCompletedV1;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Scheduling classes, their sessions and their lifecycle, up to completion and certificates; reads are {@link ClassQueries}. */
@ApplicationScoped
public class ClassService {

    private final EventOutbox outbox;
    private final TrainingAccess access;
    private final EnrolmentService enrolments;
    private final CompletionRule completionRule;
    private final ClassQueries queries;
    private final Clock clock;

    ClassService(EventOutbox outbox, TrainingAccess access, ClassQueries queries, EnrolmentService enrolments, TrainingConfig config,
                 Clock clock) {
        this.outbox = outbox;
        this.access = access;
        this.queries = queries;
        this.enrolments = enrolments;
        this.completionRule = new CompletionRule(config.completionThresholdPercent());
        this.clock = clock;
    }

    /** What a caller decides about a class; the programme and the sessions are given separately. */
    public record ClassDetails(String title, Set<SkillArea> skillAreas, UUID hostUnitId, Set<UUID> providerPartnerIds, Modality modality,
                               String meetingLink, String place, LocalDate startDate, LocalDate endDate, int capacity,
                               Set<Audience> audiences) {
    }

    public record SessionDetails(LocalDate date, LocalTime startTime, LocalTime endTime, String topic) {
    }

    @Transactional
    public ClassQueries.ClassReading schedule(UUID programmeId, ClassDetails details, List<SessionDetails> sessions) {
        if (Programme.findById(programmeId) == null) {
            throw new ProblemException(ProblemCode.UNPROCESSABLE, "programme " + programmeId + " does not exist", List.of(),
                    Map.of("programmeId", programmeId));
        }
        validate(details);
        access.schedulesFor(details.hostUnitId(), details.providerPartnerIds());
        TrainingAccess.requireKnownHostAndProviders(details.hostUnitId(), details.providerPartnerIds(), null);
        TrainingClass trainingClass = new TrainingClass();
        trainingClass.id = UUID.randomUUID();
        trainingClass.programmeId = programmeId;
        trainingClass.status = ClassStatus.PLANNED;
        trainingClass.createdAt = Clocks.now(clock);
        apply(trainingClass, details);
        trainingClass.persist();
        for (SessionDetails session : sessions) {
            addSession(trainingClass, session);
        }
        outbox.record(new ClassScheduledV1(trainingClass.id, programmeId, trainingClass.title, trainingClass.hostUnitId,
                Set.copyOf(trainingClass.providerPartnerIds), Set.copyOf(trainingClass.skillAreas), trainingClass.modality,
                trainingClass.startDate, trainingClass.endDate, trainingClass.capacity, Set.copyOf(trainingClass.audiences)));
        return queries.reading(trainingClass);
    }

    @Transactional
    public ClassQueries.ClassReading update(UUID id, long expectedVersion, ClassDetails details) {
        TrainingClass trainingClass = changeable(id, expectedVersion);
        if (trainingClass.status == ClassStatus.COMPLETED || trainingClass.status == ClassStatus.CANCELLED) {
            throw new ProblemException(ProblemCode.CONFLICT, "a " + trainingClass.status + " class cannot be changed", List.of(),
                    Map.of("currentStatus", trainingClass.status));
        }
        validate(details);
        access.keepsOwnPartner(details.providerPartnerIds());
        access.schedulesFor(details.hostUnitId(), details.providerPartnerIds());
        TrainingAccess.requireKnownHostAndProviders(details.hostUnitId(), details.providerPartnerIds(), trainingClass.hostUnitId);
        long enrolled = Enrolment.count("classId = ?1 and status = ?2", id, EnrolmentStatus.ENROLLED);
        if (details.capacity() < enrolled) {
            throw new ProblemException(ProblemCode.UNPROCESSABLE, "capacity cannot go below the " + enrolled + " participants enrolled",
                    List.of(new Problem.FieldError("capacity", "must be at least " + enrolled)), Map.of("enrolled", enrolled));
        }
        int previousCapacity = trainingClass.capacity;
        apply(trainingClass, details);
        if (trainingClass.capacity > previousCapacity && trainingClass.status.takesEnrolments()) {
            enrolments.fillFreeSeats(trainingClass);
        }
        Versions.flush(TrainingClass.getEntityManager(), "class");
        return queries.reading(trainingClass);
    }

    private TrainingClass changeable(UUID id, Long expectedVersion) {
        TrainingClass trainingClass = access.changes(id);
        Versions.require("class", trainingClass.version, expectedVersion);
        return trainingClass;
    }

    @Transactional
    public ClassSession addSession(UUID classId, SessionDetails session) {
        TrainingClass trainingClass = access.changes(classId);
        if (trainingClass.status == ClassStatus.COMPLETED || trainingClass.status == ClassStatus.CANCELLED) {
            throw new ProblemException(ProblemCode.CONFLICT, "a " + trainingClass.status + " class takes no new sessions", List.of(),
                    Map.of("currentStatus", trainingClass.status));
        }
        return addSession(trainingClass, session);
    }

    @Transactional
    public ClassQueries.ClassReading open(UUID id, Long expectedVersion) {
        TrainingClass trainingClass = transition(id, expectedVersion, ClassStatus.OPEN);
        outbox.record(new ClassOpenedV1(id, Clocks.now(clock)));
        return queries.reading(trainingClass);
    }

    @Transactional
    public ClassQueries.ClassReading start(UUID id, Long expectedVersion) {
        return queries.reading(transition(id, expectedVersion, ClassStatus.RUNNING));
    }

    @Transactional
    public ClassQueries.ClassReading cancel(UUID id, Long expectedVersion, String reason) {
        TrainingClass trainingClass = transition(id, expectedVersion, ClassStatus.CANCELLED);
        trainingClass.cancelReason = reason.strip();
        trainingClass.closedAt = Clocks.now(clock);
        Versions.flush(TrainingClass.getEntityManager(), "class");
        outbox.record(new ClassCancelledV1(id, trainingClass.cancelReason, trainingClass.closedAt));
        return queries.reading(trainingClass);
    }

    /**
     * Closes a running class: each enrolled participant completes when the attendance rule holds and then
     * receives a certificate number; the others end NOT_COMPLETED. Waitlisted people keep waiting for nothing,
     * so they stay as they were, visible in the reports.
     */
    @Transactional
    public ClassQueries.ClassReading complete(UUID id, Long expectedVersion) {
        TrainingClass trainingClass = transition(id, expectedVersion, ClassStatus.COMPLETED);
        long sessionsTotal = ClassSession.count("classId", id);
        OffsetDateTime now = Clocks.now(clock);
        int year = now.atZoneSameInstant(clock.getZone()).getYear();
        trainingClass.closedAt = now;
        Map<UUID, Integer> attended = attendedSessions(id);
        List<Enrolment> participants = Enrolment.list("classId = ?1 and status = ?2 order by seq", id, EnrolmentStatus.ENROLLED);
        int completed = 0;
        for (Enrolment participant : participants) {
            participant.sessionsAttended = attended.getOrDefault(participant.id, 0);
            if (completionRule.completed(participant.sessionsAttended, (int) sessionsTotal)) {
                completed++;
                participant.status = EnrolmentStatus.COMPLETED;
                participant.certificateNumber = certificateNumber(trainingClass, completed, year);
                outbox.record(new ParticipantCompletedV1(participant.id, id, participant.beneficiaryId, participant.certificateNumber,
                        participant.sessionsAttended, (int) sessionsTotal, now));
            } else {
                participant.status = EnrolmentStatus.NOT_COMPLETED;
            }
        }
        Versions.flush(TrainingClass.getEntityManager(), "class");
        outbox.record(new ClassCompletedV1(id, participants.size(), completed, completionRule.thresholdPercent(), now));
        return queries.reading(trainingClass);
    }

    /**
     * Moves a class to {@code target} if, and only if, a read of it now offers that transition; a refusal names the
     * same offer. The class row is locked, so no session is added meanwhile.
     */
    private TrainingClass transition(UUID id, Long expectedVersion, ClassStatus target) {
        TrainingClass trainingClass = changeable(id, expectedVersion);
        Set<ClassStatus> allowed = queries.allowedTransitions(trainingClass);
        if (!allowed.contains(target)) {
            ProblemException refused = ProblemException.illegalTransition("the class", trainingClass.status, target, allowed);
            // The one shape of a refused transition, with the reason a transition the status alone permits is not offered.
            if (trainingClass.status.canBecome(target) && target == ClassStatus.OPEN) {
                throw new ProblemException(ProblemCode.UNPROCESSABLE, "a class of a closed service unit cannot open for enrolment",
                        List.of(TrainingAccess.closedHost(trainingClass.hostUnitId)), refused.properties());
            }
            if (trainingClass.status.canBecome(target) && target == ClassStatus.COMPLETED) {
                throw new ProblemException(ProblemCode.CONFLICT, "a class without sessions cannot be completed; add its sessions first",
                        List.of(), refused.properties());
            }
            throw refused;
        }
        trainingClass.status = target;
        Versions.flush(TrainingClass.getEntityManager(), "class");
        return trainingClass;
    }

    private static Map<UUID, Integer> attendedSessions(UUID classId) {
        List<Object[]> rows = TrainingClass.getEntityManager().createQuery("""
                        select a.enrolmentId, count(a) from Attendance a, ClassSession s
                        where a.sessionId = s.id and s.classId = :classId and a.status = id.atensi.training.domain.AttendanceStatus.PRESENT
                        group by a.enrolmentId""", Object[].class)
                .setParameter("classId", classId)
                .getResultList();
        Map<UUID, Integer> attended = new HashMap<>();
        for (Object[] row : rows) {
            attended.put((UUID) row[0], ((Number) row[1]).intValue());
        }
        return attended;
    }

    /** TRN-2024-1a2b3c4d-0007: year of closing in the programme's time zone, the class, the completer's rank; unique by construction. */
    private static String certificateNumber(TrainingClass trainingClass, int rank, int year) {
        return "TRN-%d-%s-%04d".formatted(year, trainingClass.id.toString().substring(0, 8), rank);
    }

    private static ClassSession addSession(TrainingClass trainingClass, SessionDetails details) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (!details.endTime().isAfter(details.startTime())) {
            errors.add(new Problem.FieldError("endTime", "must be after startTime"));
        }
        if (details.date().isBefore(trainingClass.startDate) || details.date().isAfter(trainingClass.endDate)) {
            errors.add(new Problem.FieldError("date", "must be within the class dates " + trainingClass.startDate + " to " + trainingClass.endDate));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemCode.VALIDATION, "the request has invalid fields", errors, Map.of());
        }
        ClassSession session = new ClassSession();
        session.id = UUID.randomUUID();
        session.classId = trainingClass.id;
        session.date = details.date();
        session.startTime = details.startTime();
        session.endTime = details.endTime();
        session.topic = details.topic().strip();
        session.persist();
        return session;
    }

    private static void validate(ClassDetails details) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (details.endDate().isBefore(details.startDate())) {
            errors.add(new Problem.FieldError("endDate", "must not be before startDate"));
        }
        if (details.modality() != Modality.ON_SITE && (details.meetingLink() == null || details.meetingLink().isBlank())) {
            errors.add(new Problem.FieldError("meetingLink", "is required for a " + details.modality() + " class"));
        }
        if (details.modality() != Modality.VIRTUAL && (details.place() == null || details.place().isBlank())) {
            errors.add(new Problem.FieldError("place", "is required for a " + details.modality() + " class"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemCode.VALIDATION, "the request has invalid fields", errors, Map.of());
        }
    }

    private static void apply(TrainingClass trainingClass, ClassDetails details) {
        trainingClass.title = details.title().strip();
        trainingClass.skillAreas.clear();
        trainingClass.skillAreas.addAll(details.skillAreas());
        trainingClass.hostUnitId = details.hostUnitId();
        trainingClass.providerPartnerIds.clear();
        trainingClass.providerPartnerIds.addAll(details.providerPartnerIds());
        trainingClass.modality = details.modality();
        trainingClass.meetingLink = details.meetingLink();
        trainingClass.place = details.place();
        trainingClass.startDate = details.startDate();
        trainingClass.endDate = details.endDate();
        trainingClass.capacity = details.capacity();
        trainingClass.audiences.clear();
        trainingClass.audiences.addAll(details.audiences());
    }
}
