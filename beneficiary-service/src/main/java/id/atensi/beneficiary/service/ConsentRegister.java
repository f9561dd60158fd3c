package id.atensi.beneficiary.service;

import id.atensi.beneficiary.domain.Consent;
import id.atensi.vocabulary.ConsentPurpose;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Which purposes hold for a person now: the latest consent record per purpose, kept in {@code consent_state} in the
 * transaction that records it, so that a withdrawal counts from the very next request.
 */
@ApplicationScoped
public class ConsentRegister {

    private final EntityManager entityManager;

    ConsentRegister(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    void apply(Consent consent) {
        entityManager.createNativeQuery("""
                        INSERT INTO consent_state (beneficiary_id, purpose, given, consent_id, recorded_at)
                        VALUES (:beneficiaryId, :purpose, :given, :consentId, :recordedAt)
                        ON CONFLICT (beneficiary_id, purpose)
                        DO UPDATE SET given = excluded.given, consent_id = excluded.consent_id, recorded_at = excluded.recorded_at""")
                .setParameter("beneficiaryId", consent.beneficiaryId)
                .setParameter("purpose", consent.purpose.name())
                .setParameter("given", consent.given)
                .setParameter("consentId", consent.id)
                .setParameter("recordedAt", consent.recordedAt)
                .executeUpdate();
    }

    public boolean holds(UUID beneficiaryId, ConsentPurpose purpose) {
        return !holding(List.of(beneficiaryId), purpose).isEmpty();
    }

    /** Those of these people for whom the purpose holds now. */
    public Set<UUID> holding(Collection<UUID> beneficiaryIds, ConsentPurpose purpose) {
        if (beneficiaryIds.isEmpty()) {
            return Set.of();
        }
        @SuppressWarnings("unchecked")
        List<UUID> found = entityManager.createNativeQuery(
                        "SELECT beneficiary_id FROM consent_state WHERE purpose = :purpose AND given AND beneficiary_id IN (:ids)",
                        UUID.class)
                .setParameter("purpose", purpose.name())
                .setParameter("ids", beneficiaryIds)
                .getResultList();
        return new HashSet<>(found);
    }

    /** SQL condition on a beneficiary row's {@code id}: the purpose holds for that person. */
    static String holdsFor(ConsentPurpose purpose) {
        return "id IN (SELECT beneficiary_id FROM consent_state WHERE purpose = '" + purpose.name() + "' AND given)";
    }
}
