package id.atensi.beneficiary.service;

import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Makes creating calls safe to retry (after partner-service's, to move to platform-commons): the first call with an
 * {@code Idempotency-Key} stores the created id in the creation's transaction; a retry by the same caller with the
 * same key and request gets that id back. Unlike partner-service it keeps no response body, since ours carry NIKs:
 * the caller re-reads the record. A failed call stores nothing.
 */
@ApplicationScoped
public class IdempotencyKeys {

    public static final int MAX_KEY_LENGTH = 200;

    private final EntityManager entityManager;

    IdempotencyKeys(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** The created (or, on a retry, previously created) resource, and whether this call was a retry. */
    public record Outcome(UUID resourceId, boolean replayed) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Outcome once(String caller, String key, String operation, String requestHash, Supplier<UUID> creation) {
        if (key == null) {
            return new Outcome(creation.get(), false);
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw ProblemException.invalidField("Idempotency-Key", "must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        int claimed = entityManager.createNativeQuery("""
                        INSERT INTO idempotency_key (caller, key, operation, request_hash) VALUES (:caller, :key, :operation, :hash)
                        ON CONFLICT (caller, key) DO NOTHING""")
                .setParameter("caller", caller).setParameter("key", key).setParameter("operation", operation)
                .setParameter("hash", requestHash)
                .executeUpdate();
        if (claimed == 1) {
            UUID created = creation.get();
            entityManager.createNativeQuery("UPDATE idempotency_key SET resource_id = :resource WHERE caller = :caller AND key = :key")
                    .setParameter("resource", created).setParameter("caller", caller).setParameter("key", key)
                    .executeUpdate();
            return new Outcome(created, false);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> stored = entityManager.createNativeQuery(
                        "SELECT operation, request_hash, resource_id FROM idempotency_key WHERE caller = :caller AND key = :key")
                .setParameter("caller", caller).setParameter("key", key)
                .getResultList();
        Object[] row = stored.get(0);
        if (!operation.equals(row[0]) || !requestHash.equals(row[1])) {
            throw new ProblemException(ProblemCode.UNPROCESSABLE,
                    "this Idempotency-Key was used for a different request; use a new key for a new request");
        }
        return new Outcome((UUID) row[2], true);
    }
}
