package id.atensi.training.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A follow-up observation of a former participant: one of many over time, the latest tells where they stand. */
@Entity
@Table(name = "outcome")
public class Outcome extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "enrolment_id", nullable = false)
    public UUID enrolmentId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public OutcomeKind kind;

    @Enumerated(EnumType.STRING)
    @Column(name = "income_band")
    public IncomeBand incomeBand;

    @Column(name = "observed_on", nullable = false)
    public LocalDate observedOn;

    public String note;

    @Column(name = "recorded_at", nullable = false)
    public OffsetDateTime recordedAt;

    /**
     * Erasure of the person's personal data (UU PDP): the free-text note, which may tell anything about them, goes; the
     * kind, income band and date stay, since the class's outcome figures count them.
     */
    public void erase() {
        note = null;
    }
}
