package id.atensi.training.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

/** One meeting of a class; attendance is recorded per session. */
@Entity
@Table(name = "class_session")
public class ClassSession extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "class_id", nullable = false)
    public UUID classId;

    @Column(name = "session_date", nullable = false)
    public LocalDate date;

    @Column(name = "start_time", nullable = false)
    public LocalTime startTime;

    @Column(name = "end_time", nullable = false)
    public LocalTime endTime;

    @Column(nullable = false)
    public String topic;

    public static List<ClassSession> ofClass(UUID classId) {
        return list("classId = ?1 order by date, startTime", classId);
    }
}
