package id.atensi.commons.idempotency;

import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Makes creating calls safe to retry: the first call with an {@code Idempotency-Key} stores its result in the same
 * transaction as the creation, and a retry by the same caller with the same key and request gets that result back
 * instead of a second record. A failed call stores nothing, so it can be retried for real.
 *
 * <p>Each service owns the table in its own schema (see {@code db/migration}):
 * {@code idempotency_key(caller, key, operation, request_hash, resource_id, response_body, created_at)}, keyed by
 * (caller, key).
 */
@ApplicationScoped
public class IdempotencyKeys {

    public static final int MAX_KEY_LENGTH = 200;

    private final EntityManager entityManager;

    IdempotencyKeys(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * The result of a creating call: the created resource, the body answered the first time (null where the body
     * holds personal data that must not be stored twice: a replay then re-reads the record), and whether this call
     * was a replay.
     */
    public record Outcome(UUID resourceId, String body, boolean replayed) {

        public static Outcome created(UUID resourceId, String body) {
            return new Outcome(resourceId, body, false);
        }
    }

    /**
     * Runs {@code creation} unless this caller used {@code key} before, in which case it answers the stored outcome.
     *
     * @param requestHash a digest of the request: the same key with another request is refused with 422
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Outcome once(String caller, String key, String operation, String requestHash, Supplier<Outcome> creation) {
        if (key == null) {
            return creation.get();
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw ProblemException.invalidField("Idempotency-Key", "must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        // A concurrent first call with the same key holds the row; ON CONFLICT waits for it to commit or roll back.
        int claimed = entityManager.createNativeQuery("""
                        INSERT INTO idempotency_key (caller, key, operation, request_hash) VALUES (:caller, :key, :operation, :hash)
                        ON CONFLICT (caller, key) DO NOTHING""")
                .setParameter("caller", caller)
                .setParameter("key", key)
                .setParameter("operation", operation)
                .setParameter("hash", requestHash)
                .executeUpdate();
        if (claimed == 1) {
            Outcome outcome = creation.get();
            entityManager.createNativeQuery("""
                            UPDATE idempotency_key SET resource_id = :resource, response_body = :body WHERE caller = :caller AND key = :key""")
                    .setParameter("resource", outcome.resourceId())
                    .setParameter("body", outcome.body())
                    .setParameter("caller", caller)
                    .setParameter("key", key)
                    .executeUpdate();
            return outcome;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> stored = entityManager.createNativeQuery("""
                        SELECT operation, request_hash, resource_id, response_body FROM idempotency_key WHERE caller = :caller AND key = :key""")
                .setParameter("caller", caller)
                .setParameter("key", key)
                .getResultList();
        Object[] row = stored.get(0);
        if (!operation.equals(row[0]) || !requestHash.equals(row[1])) {
            throw new ProblemException(ProblemCode.UNPROCESSABLE,
                    "this Idempotency-Key was used for a different request; use a new key for a new request");
        }
        return new Outcome((UUID) row[2], (String) row[3], true);
    }
}
