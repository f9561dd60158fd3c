package id.atensi.beneficiary.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** That a person's personal data was erased: the record that stays, naming only the pseudonym left in its place. */
@Entity
@Table(name = "erasure")
public class Erasure extends PanacheEntityBase {

    public enum Reason {
        /** The person asked (UU 27/2022, the right to erasure). */
        REQUEST,
        /** The case was closed longer than the configured retention period. */
        RETENTION
    }

    @Id
    @Column(name = "beneficiary_id")
    public UUID beneficiaryId;

    @Column(nullable = false)
    public String pseudonym;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Reason reason;

    /** The request's reference in the unit's register (a letter, a form), never the person's own words. */
    @Column(name = "request_reference")
    public String requestReference;

    @Column(name = "erased_by", nullable = false)
    public String erasedBy;

    @Column(name = "erased_at", nullable = false)
    public OffsetDateTime erasedAt;
}
