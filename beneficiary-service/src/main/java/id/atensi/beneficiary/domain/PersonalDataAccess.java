package id.atensi.beneficiary.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The audit trail: one row per response that showed a person's NIK or KK number unmasked. */
@Entity
@Table(name = "personal_data_access")
public class PersonalDataAccess extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "accessed_at", nullable = false)
    public OffsetDateTime accessedAt;

    @Column(name = "accessed_by", nullable = false)
    public String accessedBy;

    @Column(nullable = false)
    public String roles;

    @Column(name = "beneficiary_id", nullable = false)
    public UUID beneficiaryId;

    /** Comma-separated: nik, kkNumber. */
    @Column(nullable = false)
    public String fields;

    /** What the caller did: read, list, register, update. */
    @Column(nullable = false)
    public String action;

    @Column(name = "request_id")
    public String requestId;
}
