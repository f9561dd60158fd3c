package id.atensi.training.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/** Whether a participant was at a session, and how; recording it again replaces the earlier record. */
@Entity
@Table(name = "attendance")
@IdClass(Attendance.Key.class)
public class Attendance extends PanacheEntityBase {

    @Id
    @Column(name = "session_id")
    public UUID sessionId;

    @Id
    @Column(name = "enrolment_id")
    public UUID enrolmentId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AttendanceStatus status;

    @Enumerated(EnumType.STRING)
    public AttendanceMode mode;

    @Column(name = "recorded_at", nullable = false)
    public OffsetDateTime recordedAt;

    /** The identity of an attendance record: one per participant per session. */
    public static class Key implements Serializable {

        public UUID sessionId;
        public UUID enrolmentId;

        public Key() {
        }

        public Key(UUID sessionId, UUID enrolmentId) {
            this.sessionId = sessionId;
            this.enrolmentId = enrolmentId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(sessionId, key.sessionId) && Objects.equals(enrolmentId, key.enrolmentId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(sessionId, enrolmentId);
        }
    }
}
