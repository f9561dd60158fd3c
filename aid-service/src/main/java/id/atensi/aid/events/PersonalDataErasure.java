package id.atensi.aid.events;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An erasure of a beneficiary's personal data carried out here: its audit, and the tombstone that keeps the name from
 * coming back with a later event or a replay of the topic. Holds no name.
 */
@Entity
@Table(name = "personal_data_erasure")
public class PersonalDataErasure extends PanacheEntityBase {

    @Id
    @Column(name = "beneficiary_id")
    public UUID beneficiaryId;

    @Column(nullable = false)
    public String pseudonym;

    /** REQUEST (the person asked) or RETENTION (the retention period of a closed case ran out). */
    @Column(nullable = false)
    public String reason;

    @Column(name = "erased_at", nullable = false)
    public OffsetDateTime erasedAt;

    @Column(name = "event_id", nullable = false)
    public String eventId;

    @Column(name = "applied_at", nullable = false)
    public OffsetDateTime appliedAt;

    /** The person's distributions whose personal details (note, reasons, proof's receiver and place) were removed. */
    @Column(nullable = false)
    public int distributions;

    /** Stored answers to proposal calls (Idempotency-Key) that were emptied. */
    @Column(name = "stored_answers", nullable = false)
    public int storedAnswers;
}
