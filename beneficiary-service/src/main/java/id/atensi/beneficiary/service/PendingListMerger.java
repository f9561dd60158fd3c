package id.atensi.beneficiary.service;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Merges the GIN indexes' pending lists into the indexes in the background
 * ({@code atensi.beneficiary.name-indexes.merge-interval}), so that a registration does not merge one itself.
 * <p>
 * A person's trigrams go to each trigram index's pending list; the INSERT that finds a list over
 * {@code gin_pending_list_limit} (4 MB, ~8,000 people) merges the whole list before it returns, 0.1–1.5 s
 * (bench/RESULTS.md, session 16). PostgreSQL's ginfast.c: that INSERT takes the index's cleanup lock only
 * conditionally and returns without merging when another backend holds it, while {@code gin_clean_pending_list} takes
 * it unconditionally and empties the list. Run often enough, the lists stay far below the limit, and an INSERT that
 * overflows one during a merge does not wait for it.
 * <p>
 * Each index is merged in a transaction of its own statement, with a lock timeout: a merge never holds back the
 * registry's vacuum horizon for longer than one index takes, and never queues behind DDL on a table. Replicas take
 * turns through a session advisory lock tried without waiting: a second replica's forced merge of the same index would
 * only wait for the first (the cleanup lock) and then find the list empty, holding a pooled connection meanwhile.
 * {@code gin_clean_pending_list} needs the index's owner; an index the service's user does not own is skipped with a
 * warning (once), never tried, so that PostgreSQL's log does not fill with refusals.
 */
@ApplicationScoped
public class PendingListMerger {

    private static final Logger LOG = Logger.getLogger(PendingListMerger.class);

    /** The advisory lock's key, an arbitrary number no other lock of the service's database uses. */
    static final long LOCK_KEY = 280587293515L;

    /** Longer than a merge waits for the index in normal operation; shorter than a registration would notice. */
    private static final String LOCK_TIMEOUT = "1s";

    private final AgroalDataSource dataSource;
    private final MeterRegistry registry;
    private final Set<String> warnedNotOwned = new HashSet<>();
    private final Set<String> failing = new HashSet<>();
    private boolean unreachable;

    PendingListMerger(AgroalDataSource dataSource, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.registry = registry;
    }

    /** What one run did: pages merged per index; the indexes that failed; whether another replica held the turn. */
    public record Run(Map<String, Long> pagesMerged, List<String> failed, boolean skipped) {
    }

    @Scheduled(identity = "name-indexes-merge", every = "${atensi.beneficiary.name-indexes.merge-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        mergeAll();
    }

    /** Merges the pending list of every GIN index with fast update on, of the service's schema, that its user owns. */
    public synchronized Run mergeAll() {
        Map<String, Long> merged = new LinkedHashMap<>();
        List<String> failed = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            if (!tryLock(connection)) {
                return new Run(merged, failed, true);
            }
            try {
                for (String index : indexes(connection)) {
                    merge(connection, index).ifPresentOrElse(pages -> merged.put(index, pages), () -> failed.add(index));
                }
            } finally {
                unlock(connection);
            }
        } catch (SQLException e) {
            if (!unreachable) {
                unreachable = true;
                LOG.warnf("name indexes' pending lists not merged: %s; the next runs try again", e.getMessage());
            }
            return new Run(merged, failed, false);
        }
        if (unreachable) {
            unreachable = false;
            LOG.info("name indexes' pending lists merged again");
        }
        return new Run(merged, failed, false);
    }

    private List<String> indexes(Connection connection) throws SQLException {
        List<String> owned = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT c.relname, pg_has_role(current_user, c.relowner, 'USAGE')
                     FROM pg_class c JOIN pg_am am ON am.oid = c.relam
                     WHERE c.relkind = 'i' AND am.amname = 'gin' AND c.relnamespace = current_schema()::regnamespace
                       AND coalesce((SELECT o.option_value::boolean FROM pg_options_to_table(c.reloptions) o
                                     WHERE o.option_name = 'fastupdate'), true)
                     ORDER BY c.relname""")) {
            while (rows.next()) {
                String index = rows.getString(1);
                if (rows.getBoolean(2)) {
                    owned.add(index);
                } else if (warnedNotOwned.add(index)) {
                    LOG.warnf("name indexes: %s is not owned by the service's database user, which gin_clean_pending_list"
                            + " needs; its pending list is left to autovacuum and to the registrations that overflow it", index);
                }
            }
        }
        return owned;
    }

    private Optional<Long> merge(Connection connection, String index) {
        long started = System.nanoTime();
        try {
            connection.setAutoCommit(false);
            try (Statement timeout = connection.createStatement()) {
                timeout.execute("SET LOCAL lock_timeout = '" + LOCK_TIMEOUT + "'");
            }
            long pages;
            try (PreparedStatement clean = connection.prepareStatement("SELECT gin_clean_pending_list(?::regclass)")) {
                clean.setString(1, quoteIdentifier(index));
                try (ResultSet row = clean.executeQuery()) {
                    row.next();
                    pages = row.getLong(1);
                }
            }
            connection.commit();
            Timer.builder("atensi.gin.pending.merge").description("Time spent merging a GIN index's pending list")
                    .tag("service", "beneficiary").tag("index", index).register(registry)
                    .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            Counter.builder("atensi.gin.pending.merged.pages").description("Pending-list pages merged into a GIN index")
                    .tag("service", "beneficiary").tag("index", index).register(registry).increment(pages);
            if (failing.remove(index)) {
                LOG.infof("name indexes: %s merged again", index);
            }
            return Optional.of(pages);
        } catch (SQLException e) {
            rollback(connection);
            if (failing.add(index)) {
                LOG.warnf("name indexes: %s's pending list not merged: %s; the next runs try again", index, e.getMessage());
            }
            return Optional.empty();
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                LOG.debugf("name indexes: autocommit not restored: %s", e.getMessage());
            }
        }
    }

    private static String quoteIdentifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            lock.setLong(1, LOCK_KEY);
            try (ResultSet row = lock.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }

    private static void unlock(Connection connection) throws SQLException {
        try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            unlock.setLong(1, LOCK_KEY);
            unlock.execute();
        }
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.debugf("name indexes: rollback failed: %s", e.getMessage());
        }
    }
}
