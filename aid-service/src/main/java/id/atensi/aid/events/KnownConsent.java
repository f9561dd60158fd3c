package id.atensi.aid.events;

import id.atensi.vocabulary.ConsentPurpose;
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
import java.util.Collection;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Whether a beneficiary's consent to one purpose holds, as the latest {@code consent-changed} event said. No row: not
 * given.
 */
@Entity
@Table(name = "known_consent")
@IdClass(KnownConsent.Key.class)
public class KnownConsent extends PanacheEntityBase {

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

    /** Of {@code beneficiaryIds}, those whose consent to {@code purpose} holds now. */
    public static Set<UUID> givenFor(ConsentPurpose purpose, Collection<UUID> beneficiaryIds) {
        if (beneficiaryIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(getEntityManager().createQuery("""
                        SELECT c.beneficiaryId FROM KnownConsent c
                        WHERE c.purpose = :purpose AND c.given = true AND c.beneficiaryId IN :ids""", UUID.class)
                .setParameter("purpose", purpose)
                .setParameter("ids", Set.copyOf(beneficiaryIds))
                .getResultList());
    }

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
