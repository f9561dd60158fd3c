package id.atensi.training.service;

import id.atensi.commons.rest.ProblemException;
import id.atensi.training.domain.Audience;
import id.atensi.training.domain.OutcomeKind;
import id.atensi.training.domain.Programme;
import id.atensi.training.domain.TrainingClass;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Totals of classes and programmes, computed from the records each time: participants by audience,
 * attendance, completion and the latest outcome of each participant.
 */
@ApplicationScoped
public class ReportService {

    private final EntityManager entityManager;
    private final TrainingAccess access;

    ReportService(EntityManager entityManager, TrainingAccess access) {
        this.entityManager = entityManager;
        this.access = access;
    }

    /** Counts of one class or of several; the rates are derived so that a programme's are not averages of averages. */
    public record Totals(long participants, long waitlisted, long withdrawn, Map<Audience, Long> participantsByAudience,
                         long attendanceMarks, long presentMarks, long completed, long notCompleted, Map<OutcomeKind, Long> latestOutcomes) {

        /** Present marks among all marks recorded; null before any attendance is recorded. */
        public BigDecimal attendanceRatePercent() {
            return percent(presentMarks, attendanceMarks);
        }

        /** Completers among those whose completion was decided; null before a class is closed. */
        public BigDecimal completionRatePercent() {
            return percent(completed, completed + notCompleted);
        }

        Totals plus(Totals other) {
            return new Totals(participants + other.participants, waitlisted + other.waitlisted, withdrawn + other.withdrawn,
                    sum(participantsByAudience, other.participantsByAudience, Audience.class), attendanceMarks + other.attendanceMarks,
                    presentMarks + other.presentMarks, completed + other.completed, notCompleted + other.notCompleted,
                    sum(latestOutcomes, other.latestOutcomes, OutcomeKind.class));
        }

        static Totals empty() {
            return new Totals(0, 0, 0, new EnumMap<>(Audience.class), 0, 0, 0, 0, new EnumMap<>(OutcomeKind.class));
        }

        private static BigDecimal percent(long part, long whole) {
            return whole == 0 ? null : BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
        }

        private static <K extends Enum<K>> Map<K, Long> sum(Map<K, Long> a, Map<K, Long> b, Class<K> type) {
            Map<K, Long> total = new EnumMap<>(type);
            total.putAll(a);
            b.forEach((key, count) -> total.merge(key, count, Long::sum));
            return total;
        }
    }

    public record ClassReport(TrainingClass trainingClass, long sessions, Totals totals) {
    }

    public record ProgrammeReport(Programme programme, Totals totals, List<ClassReport> classes) {
    }

    public ClassReport ofClass(UUID classId) {
        return report(access.reads(classId));
    }

    /**
     * Which of a programme's classes a report counts; every field optional, all of them together. A class counts in the
     * period it starts in ({@code from} and {@code to} both included), so that the reports of consecutive periods never
     * count one class twice; {@code hostUnitId} is its host unit.
     */
    public record Filter(LocalDate from, LocalDate to, UUID hostUnitId) {

        public Filter {
            if (from != null && to != null && to.isBefore(from)) {
                throw ProblemException.invalidField("to", "must not be before from");
            }
        }

        boolean counts(TrainingClass trainingClass) {
            return (from == null || !trainingClass.startDate.isBefore(from)) && (to == null || !trainingClass.startDate.isAfter(to))
                    && (hostUnitId == null || hostUnitId.equals(trainingClass.hostUnitId));
        }
    }

    /**
     * A programme is national, but an officer's report counts only its unit's classes, a partner's only those it provides;
     * the filter narrows that and never widens it (an officer naming another unit counts nothing).
     */
    public ProgrammeReport ofProgramme(UUID programmeId, Filter filter) {
        Programme programme = Programme.<Programme>findByIdOptional(programmeId)
                .orElseThrow(() -> ProblemException.notFound("programme", programmeId));
        List<ClassReport> classes = TrainingClass.<TrainingClass>list("programmeId = ?1 order by startDate, title", programmeId).stream()
                .filter(access::reaches)
                .filter(filter::counts)
                .map(this::report)
                .toList();
        Totals totals = classes.stream().map(ClassReport::totals).reduce(Totals.empty(), Totals::plus);
        return new ProgrammeReport(programme, totals, classes);
    }

    private ClassReport report(TrainingClass trainingClass) {
        UUID classId = trainingClass.id;
        long sessions = ((Number) entityManager.createNativeQuery("SELECT count(*) FROM class_session WHERE class_id = :classId")
                .setParameter("classId", classId).getSingleResult()).longValue();

        Map<Audience, Long> byAudience = new EnumMap<>(Audience.class);
        long participants = 0;
        long waitlisted = 0;
        long withdrawn = 0;
        long completed = 0;
        long notCompleted = 0;
        for (Object row : entityManager.createNativeQuery("""
                        SELECT status, audience, count(*) FROM enrolment WHERE class_id = :classId GROUP BY status, audience""")
                .setParameter("classId", classId).getResultList()) {
            Object[] columns = (Object[]) row;
            String status = (String) columns[0];
            long count = ((Number) columns[2]).longValue();
            switch (status) {
                case "WAITLISTED" -> waitlisted += count;
                case "WITHDRAWN" -> withdrawn += count;
                default -> {
                    participants += count;
                    byAudience.merge(Audience.valueOf((String) columns[1]), count, Long::sum);
                    if ("COMPLETED".equals(status)) {
                        completed += count;
                    } else if ("NOT_COMPLETED".equals(status)) {
                        notCompleted += count;
                    }
                }
            }
        }

        Object[] marks = (Object[]) entityManager.createNativeQuery("""
                        SELECT count(*), count(*) FILTER (WHERE a.status = 'PRESENT')
                        FROM attendance a JOIN class_session s ON s.id = a.session_id
                        WHERE s.class_id = :classId""")
                .setParameter("classId", classId).getSingleResult();

        Map<OutcomeKind, Long> outcomes = new EnumMap<>(OutcomeKind.class);
        for (Object row : entityManager.createNativeQuery("""
                        SELECT latest.kind, count(*) FROM (
                            SELECT DISTINCT ON (o.enrolment_id) o.kind
                            FROM outcome o JOIN enrolment e ON e.id = o.enrolment_id
                            WHERE e.class_id = :classId
                            ORDER BY o.enrolment_id, o.observed_on DESC, o.recorded_at DESC) latest
                        GROUP BY latest.kind""")
                .setParameter("classId", classId).getResultList()) {
            Object[] columns = (Object[]) row;
            outcomes.put(OutcomeKind.valueOf((String) columns[0]), ((Number) columns[1]).longValue());
        }

        Totals totals = new Totals(participants, waitlisted, withdrawn, byAudience, ((Number) marks[0]).longValue(),
                ((Number) marks[1]).longValue(), completed, notCompleted, outcomes);
        return new ClassReport(trainingClass, sessions, totals);
    }
}
