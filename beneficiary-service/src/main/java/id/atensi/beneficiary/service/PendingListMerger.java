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
 * Merges the pending lists of the service's GIN indexes into the indexes in the background
 * ({@code atensi.beneficiary.name-indexes.merge-interval}), so that a registration does not merge one itself. Every GIN
 * index of the schema with fast update on is merged: the three trigram indexes on names, whose lists fill up, and the
 * array indexes (clusters, partner ids), whose lists are small.
 * <p>
 * A person's trigrams go to each trigram index's pending list; the INSERT that finds a list over
 * {@code gin_pending_list_limit} (4 MB, ~8,000 people) merges the whole list before it returns, 0.1–1.7 s
 * (bench/RESULTS.md, sessions 16 and 17). PostgreSQL's ginfast.c: that INSERT takes the index's cleanup lock only
 * conditionally and returns without merging when another backend holds it, while {@code gin_clean_pending_list} waits
 * for it and empties the whole list, also what is added while it runs. Run often enough, the lists stay far below the
 * limit, and an INSERT that overflows one during a merge does not wait for it.
 * <p>
 * Each index is merged in a transaction of its own: the merge's statement holds a snapshot (the registry's vacuum
 * horizon) for as long as it runs, at most {@code statement_timeout} (30 s: under a heavy import the merge chases the
 * list's tail), and waits for DDL on the index, or for another backend's cleanup lock, at most {@code lock_timeout}
 * (1 s) before leaving the index for the next run. A cancelled merge keeps what it did: ginfast.c moves the list into
 * the index a batch at a time and removes each batch's pages from the list as it goes, and index pages are not undone
 * by the rollback. Replicas take turns per index through a transaction advisory lock tried without waiting, released by
 * the transaction's end whatever happens to it: a second replica's forced merge of the same index would only wait for
 * the first (the cleanup lock) and then find the list empty, holding a pooled connection meanwhile.
 * {@code gin_clean_pending_list} needs the index's owner; an index the service's user does not own is skipped with a
 * warning (once), never tried, so that PostgreSQL's log does not fill with refusals.
 */
@ApplicationScoped
public class PendingListMerger {

    private static final Logger LOG = Logger.getLogger(PendingListMerger.class);

    /**
     * The advisory lock's key: the outbox relay's lease key (280587293513) and its rewrite key (280587293514,
     * {@code outbox_relay_lock_key()}) plus one, so that it meets no other lock of the service's database.
     */
    static final long LOCK_KEY = 280587293515L;

    /** Longer than a merge waits for the index in normal operation; shorter than a registration would notice. */
    private static final String LOCK_TIMEOUT = "1s";

    /** Far above a merge of a full list (0.1–1.7 s); bounds the snapshot that a merge chasing an import's rows holds. */
    private static final String STATEMENT_TIMEOUT = "30s";

    private final AgroalDataSource dataSource;
    private final MeterRegistry registry;
    private final Set<String> warnedNotOwned = new HashSet<>();
    private final Set<String> failing = new HashSet<>();
    private boolean unreachable;

    PendingListMerger(AgroalDataSource dataSource, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.registry = registry;
    }

    /** What one run did: pages merged per index; the indexes that failed; those left because another replica held the turn. */
    public record Run(Map<String, Long> pagesMerged, List<String> failed, List<String> skipped) {
    }

    private record Index(long oid, String name) {
    }

    @Scheduled(identity = "name-indexes-merge", every = "${atensi.beneficiary.name-indexes.merge-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        mergeAll();
    }

    /** Merges the pending list of every valid GIN index with fast update on, of the service's schema, that its user owns. */
    public synchronized Run mergeAll() {
        Map<String, Long> merged = new LinkedHashMap<>();
        List<String> failed = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            for (Index index : indexes(connection)) {
                merge(connection, index, merged, failed, skipped);
            }
        } catch (SQLException e) {
            if (!unreachable) {
                unreachable = true;
                LOG.warnf("GIN indexes' pending lists not merged: %s; the next runs try again", e.getMessage());
            }
            return new Run(merged, failed, skipped);
        }
        if (unreachable) {
            unreachable = false;
            LOG.info("GIN indexes' pending lists merged again");
        }
        return new Run(merged, failed, skipped);
    }

    private List<Index> indexes(Connection connection) throws SQLException {
        List<Index> owned = new ArrayList<>();
        // Not yet valid: a CREATE INDEX CONCURRENTLY or REINDEX CONCURRENTLY (…_ccnew) under way or failed
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT c.oid, c.relname, pg_has_role(current_user, c.relowner, 'USAGE')
                     FROM pg_class c JOIN pg_am am ON am.oid = c.relam JOIN pg_index i ON i.indexrelid = c.oid
                     WHERE c.relkind = 'i' AND am.amname = 'gin' AND i.indisvalid AND i.indisready
                       AND c.relnamespace = (SELECT n.oid FROM pg_namespace n WHERE n.nspname = current_schema())
                       AND coalesce((SELECT o.option_value::boolean FROM pg_options_to_table(c.reloptions) o
                                     WHERE o.option_name = 'fastupdate'), true)
                     ORDER BY c.relname""")) {
            while (rows.next()) {
                Index index = new Index(rows.getLong(1), rows.getString(2));
                if (rows.getBoolean(3)) {
                    owned.add(index);
                } else if (warnedNotOwned.add(index.name())) {
                    LOG.warnf("GIN indexes: %s is not owned by the service's database user, which gin_clean_pending_list"
                            + " needs; its pending list is left to autovacuum and to the registrations that overflow it",
                            index.name());
                }
            }
        }
        return owned;
    }

    private void merge(Connection connection, Index index, Map<String, Long> merged, List<String> failed, List<String> skipped) {
        long started = System.nanoTime();
        try {
            connection.setAutoCommit(false);
            try (Statement settings = connection.createStatement()) {
                settings.execute("SET LOCAL lock_timeout = '" + LOCK_TIMEOUT + "'");
                settings.execute("SET LOCAL statement_timeout = '" + STATEMENT_TIMEOUT + "'");
            }
            if (!tryTurn(connection)) {
                connection.rollback();
                skipped.add(index.name());
                return;
            }
            long pages;
            try (PreparedStatement clean = connection.prepareStatement("SELECT gin_clean_pending_list(?::oid::regclass)")) {
                clean.setLong(1, index.oid());
                try (ResultSet row = clean.executeQuery()) {
                    row.next();
                    pages = row.getLong(1);
                }
            }
            connection.commit();
            Timer.builder("atensi.gin.pending.merge").description("Time spent merging a GIN index's pending list")
                    .tag("service", "beneficiary").tag("index", index.name()).register(registry)
                    .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            Counter.builder("atensi.gin.pending.merged.pages").description("Pending-list pages merged into a GIN index")
                    .tag("service", "beneficiary").tag("index", index.name()).register(registry).increment(pages);
            if (failing.remove(index.name())) {
                LOG.infof("GIN indexes: %s merged again", index.name());
            }
            merged.put(index.name(), pages);
        } catch (SQLException e) {
            rollback(connection);
            if (failing.add(index.name())) {
                LOG.warnf("GIN indexes: %s's pending list not merged: %s; the next runs try again", index.name(), e.getMessage());
            }
            failed.add(index.name());
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                LOG.debugf("GIN indexes: autocommit not restored: %s", e.getMessage());
            }
        }
    }

    /** Held until the transaction ends: nothing is left behind on the pooled connection, whatever fails. */
    private static boolean tryTurn(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, LOCK_KEY);
            try (ResultSet row = lock.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.debugf("GIN indexes: rollback failed: %s", e.getMessage());
        }
    }
}
