package id.atensi.beneficiary.domain;

import id.atensi.vocabulary.ConsentPurpose;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A person's consent to one purpose of processing, given or withdrawn, with its evidence (UU 27/2022); append-only, the
 * latest record per purpose decides (kept in {@code consent_state}). Records made before purposes were a closed
 * vocabulary and naming none of them keep their text in {@link #legacyPurpose} and decide nothing.
 */
@Entity
@Table(name = "consent")
public class Consent extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "beneficiary_id", nullable = false)
    public UUID beneficiaryId;

    @Enumerated(EnumType.STRING)
    public ConsentPurpose purpose;

    @Column(name = "legacy_purpose")
    public String legacyPurpose;

    @Column(nullable = false)
    public boolean given;

    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;

    @Column(name = "recorded_at", nullable = false)
    public OffsetDateTime recordedAt;

    /** The signed form's reference (its number in the unit's register, a file name). */
    @Column(name = "evidence_reference")
    public String evidenceReference;

    /** SHA-256 (hex) of the uploaded document that shows the consent or its withdrawal. */
    @Column(name = "evidence_sha256")
    public String evidenceSha256;

    public String note;
}
