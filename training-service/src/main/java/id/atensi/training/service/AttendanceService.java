package id.atensi.training.service;

import id.atensi.commons.rest.Problem;
import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import id.atensi.training.domain.Attendance;
import id.atensi.training.domain.AttendanceMode;
import id.atensi.training.domain.AttendanceStatus;
import id.atensi.training.domain.ClassSession;
import id.atensi.training.domain.ClassStatus;
import id.atensi.training.domain.Enrolment;
import id.atensi.training.domain.EnrolmentStatus;
import id.atensi.training.domain.TrainingClass;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * Attendance of a running class, per session and participant. Recording again replaces the earlier record,
 * so a register can be corrected until the class is closed; after that completion has been decided on it.
 */
@ApplicationScoped
public class AttendanceService {

    private final TrainingAccess access;
    private final Clock clock;

    AttendanceService(TrainingAccess access, Clock clock) {
        this.access = access;
        this.clock = clock;
    }

    public record Mark(UUID enrolmentId, AttendanceStatus status, AttendanceMode mode) {
    }

    @Transactional
    public Attendance recordOne(UUID classId, UUID sessionId, Mark mark) {
        return record(classId, sessionId, List.of(mark), index -> "").get(0);
    }

    @Transactional
    public List<Attendance> recordSession(UUID classId, UUID sessionId, List<Mark> marks) {
        return record(classId, sessionId, marks, index -> "records[" + index + "].");
    }

    private List<Attendance> record(UUID classId, UUID sessionId, List<Mark> marks, IntFunction<String> fieldPrefix) {
        TrainingClass trainingClass = access.changes(classId);
        session(classId, sessionId);
        if (trainingClass.status != ClassStatus.RUNNING) {
            throw new ProblemException(ProblemCode.CONFLICT, "attendance is recorded while a class is RUNNING; this one is "
                    + trainingClass.status, List.of(), Map.of("currentStatus", trainingClass.status));
        }
        validate(trainingClass, marks, fieldPrefix);
        OffsetDateTime now = Clocks.now(clock);
        // One query for the lines recorded before, not one per participant: a register holds hundreds.
        Map<UUID, Attendance> before = Attendance.<Attendance>list("sessionId = ?1 and enrolmentId in ?2", sessionId, enrolmentIds(marks))
                .stream().collect(Collectors.toMap(attendance -> attendance.enrolmentId, Function.identity()));
        List<Attendance> recorded = new ArrayList<>();
        for (Mark mark : marks) {
            Attendance attendance = before.get(mark.enrolmentId());
            if (attendance == null) {
                attendance = new Attendance();
                attendance.sessionId = sessionId;
                attendance.enrolmentId = mark.enrolmentId();
            }
            attendance.status = mark.status();
            attendance.mode = mark.status() == AttendanceStatus.PRESENT ? mark.mode() : null;
            attendance.recordedAt = now;
            attendance.persist();
            recorded.add(attendance);
        }
        return recorded;
    }

    public List<Attendance> ofSession(UUID classId, UUID sessionId) {
        access.reads(classId);
        session(classId, sessionId);
        return Attendance.list("sessionId", sessionId);
    }

    private static void session(UUID classId, UUID sessionId) {
        ClassSession session = ClassSession.findById(sessionId);
        if (session == null || !session.classId.equals(classId)) {
            throw ProblemException.notFound("session", sessionId);
        }
    }

    /** Rejects the whole register when one line is wrong: a half-recorded session is worse than none. */
    private static void validate(TrainingClass trainingClass, List<Mark> marks, IntFunction<String> fieldPrefix) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < marks.size(); i++) {
            Mark mark = marks.get(i);
            String at = fieldPrefix.apply(i);
            if (!seen.add(mark.enrolmentId())) {
                errors.add(new Problem.FieldError(at + "enrolmentId", "appears more than once"));
            }
            if (mark.status() == AttendanceStatus.PRESENT) {
                if (mark.mode() == null) {
                    errors.add(new Problem.FieldError(at + "mode", "is required when PRESENT"));
                } else if (!trainingClass.modality.accepts(mark.mode())) {
                    errors.add(new Problem.FieldError(at + "mode", "a " + trainingClass.modality + " class is not attended " + mark.mode()));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemCode.VALIDATION, "the request has invalid fields", errors, Map.of());
        }
        Map<UUID, Enrolment> enrolments = Enrolment.<Enrolment>list("id in ?1", enrolmentIds(marks)).stream()
                .collect(Collectors.toMap(enrolment -> enrolment.id, Function.identity()));
        for (int i = 0; i < marks.size(); i++) {
            Enrolment enrolment = enrolments.get(marks.get(i).enrolmentId());
            if (enrolment == null || !enrolment.classId.equals(trainingClass.id) || enrolment.status != EnrolmentStatus.ENROLLED) {
                errors.add(new Problem.FieldError(fieldPrefix.apply(i) + "enrolmentId", "is not a participant enrolled in this class"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemCode.UNPROCESSABLE, "attendance is recorded only for participants enrolled in the class",
                    errors, Map.of());
        }
    }

    private static List<UUID> enrolmentIds(List<Mark> marks) {
        return marks.stream().map(Mark::enrolmentId).distinct().toList();
    }
}
