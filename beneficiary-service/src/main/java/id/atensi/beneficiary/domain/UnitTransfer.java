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

/** A referral or transfer of a person to another service unit; the history stays. */
@Entity
@Table(name = "unit_transfer")
public class UnitTransfer extends PanacheEntityBase {

    public enum Kind {
        REFERRAL,
        TRANSFER
    }

    @Id
    public UUID id;

    @Column(name = "beneficiary_id", nullable = false)
    public UUID beneficiaryId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(name = "from_unit_id")
    public UUID fromUnitId;

    @Column(name = "to_unit_id", nullable = false)
    public UUID toUnitId;

    public String note;

    @Column(name = "made_by", nullable = false)
    public String madeBy;

    @Column(name = "made_at", nullable = false)
    public OffsetDateTime madeAt;
}
