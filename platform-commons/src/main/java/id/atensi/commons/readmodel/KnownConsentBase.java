package id.atensi.commons.readmodel;

import id.atensi.vocabulary.ConsentPurpose;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/**
 * Whether a beneficiary's consent to one purpose holds, as the latest {@code consent-changed} event said; no row: not
 * given. Each service that decides on consent owns its table ({@code known_consent} in its own database), so it
 * declares the {@code @Entity} subclass, annotated {@code @IdClass(KnownConsentBase.Key.class)};
 * {@link ConsentReadModel} keeps the rows up to date and answers who consented.
 */
@MappedSuperclass
public abstract class KnownConsentBase extends PanacheEntityBase {

    @Id
    @Column(name = "beneficiary_id")
    public UUID beneficiaryId;

    @Id
    @Enumerated(EnumType.STRING)
    public ConsentPurpose purpose;

    @Column(nullable = false)
    public boolean given;

    @Column(name = "consent_id")
    public UUID consentId;

    @Column(name = "changed_at", nullable = false)
    public OffsetDateTime changedAt;

    @Column(name = "last_event_id", nullable = false)
    public String lastEventId;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** The identity of a consent: one per person and purpose. */
    public static class Key implements Serializable {

        public UUID beneficiaryId;
        public ConsentPurpose purpose;

        public Key() {
        }

        public Key(UUID beneficiaryId, ConsentPurpose purpose) {
            this.beneficiaryId = beneficiaryId;
            this.purpose = purpose;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(beneficiaryId, key.beneficiaryId) && purpose == key.purpose;
        }

        @Override
        public int hashCode() {
            return Objects.hash(beneficiaryId, purpose);
        }
    }
}
