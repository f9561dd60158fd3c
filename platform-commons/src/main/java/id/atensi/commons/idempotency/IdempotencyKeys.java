package id.atensi.commons.idempotency;

import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import io.quarkus.scheduler.Scheduled;
import id.atensi.commons.config.PlatformConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
 * (caller, key). Keys are forgotten after {@code atensi.idempotency-keys.retention} (default one day): a retry comes
 * within minutes, and stored answers may name people, so they are not kept longer than retries need.
 */
@ApplicationScoped
public class IdempotencyKeys {

    public static final int MAX_KEY_LENGTH = 200;

    private static final Logger LOG = Logger.getLogger(IdempotencyKeys.class);

    private final EntityManager entityManager;
    private final Duration retention;

    IdempotencyKeys(EntityManager entityManager, PlatformConfig config) {
        this.entityManager = entityManager;
        this.retention = config.idempotencyKeys().retention();
    }

    @Scheduled(every = "${atensi.idempotency-keys.prune-interval:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void pruneExpired() {
        int pruned = forgetKeysCreatedBefore(OffsetDateTime.now(ZoneOffset.UTC).minus(retention));
        if (pruned > 0) {
            LOG.infof("forgot %d idempotency keys older than %s", pruned, retention);
        }
    }

    /** @return how many keys were forgotten; a retry with one of them creates a new record. */
    @Transactional(Transactional.TxType.REQUIRED)
    public int forgetKeysCreatedBefore(OffsetDateTime cutoff) {
        return entityManager.createNativeQuery("DELETE FROM idempotency_key WHERE created_at < :cutoff")
                .setParameter("cutoff", cutoff)
                .executeUpdate();
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
