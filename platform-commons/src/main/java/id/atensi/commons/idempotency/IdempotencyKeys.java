package id.atensi.commons.idempotency;

import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import id.atensi.commons.time.ServiceClocks;
import io.quarkus.scheduler.Scheduled;
import id.atensi.commons.config.PlatformConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
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

    private static final String CLAIM = """
            INSERT INTO idempotency_key (caller, key, operation, request_hash) VALUES (?, ?, ?, ?)
            ON CONFLICT (caller, key) DO NOTHING""";
    private static final String REMEMBER = """
            UPDATE idempotency_key SET resource_id = ?, response_body = ? WHERE caller = ? AND key = ?""";
    private static final String STORED = """
            SELECT operation, request_hash, resource_id, response_body FROM idempotency_key WHERE caller = ? AND key = ?""";

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
        int pruned = forgetKeysCreatedBefore(OffsetDateTime.now(ServiceClocks.SYSTEM_UTC).minus(retention));
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
        // On the JTA transaction's own connection, so the key commits or rolls back with the creation's rows.
        return entityManager.unwrap(Session.class)
                .doReturningWork(connection -> onceOnConnection(connection, caller, key, operation, requestHash, creation));
    }

    /**
     * {@link #once} on a connection in a JDBC transaction of the caller's, without JTA or a persistence context: the
     * key is claimed and its outcome stored on that connection, so they commit with the creation's rows or not at all.
     * For a writer that needs neither JTA nor the ORM, their bookkeeping costs more CPU than its own statements
     * (beneficiary-service's registration, bench/RESULTS.md). The caller commits; a replay wrote nothing.
     */
    public Outcome onceOnConnection(Connection connection, String caller, String key, String operation, String requestHash,
                                    Supplier<Outcome> creation) throws SQLException {
        if (key == null) {
            return creation.get();
        }
        requireUsable(key);
        int claimed;
        try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
            claim.setString(1, caller);
            claim.setString(2, key);
            claim.setString(3, operation);
            claim.setString(4, requestHash);
            claimed = claim.executeUpdate();
        }
        if (claimed == 1) {
            Outcome outcome = creation.get();
            try (PreparedStatement remember = connection.prepareStatement(REMEMBER)) {
                remember.setObject(1, outcome.resourceId());
                remember.setString(2, outcome.body());
                remember.setString(3, caller);
                remember.setString(4, key);
                remember.executeUpdate();
            }
            return outcome;
        }
        try (PreparedStatement select = connection.prepareStatement(STORED)) {
            select.setString(1, caller);
            select.setString(2, key);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    // ON CONFLICT saw a row that is gone by this statement: forgotten by the pruning in between.
                    throw new ProblemException(ProblemCode.CONFLICT, "this Idempotency-Key is being forgotten; retry the request");
                }
                return replayed(operation, requestHash, row.getString(1), row.getString(2), row.getObject(3, UUID.class), row.getString(4));
            }
        }
    }

    /** Printable ASCII only: a key is stored and compared as text, and a tab or a byte above 0x7E is a client's bug. */
    private static void requireUsable(String key) {
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c >= 0x20 && c <= 0x7E)) {
            throw ProblemException.invalidField("Idempotency-Key", "must be 1 to " + MAX_KEY_LENGTH + " printable ASCII characters");
        }
    }

    private static Outcome replayed(String operation, String requestHash, String storedOperation, String storedHash, UUID resourceId,
                                    String body) {
        if (!operation.equals(storedOperation) || !requestHash.equals(storedHash)) {
            throw new ProblemException(ProblemCode.UNPROCESSABLE,
                    "this Idempotency-Key was used for a different request; use a new key for a new request");
        }
        return new Outcome(resourceId, body, true);
    }
}
