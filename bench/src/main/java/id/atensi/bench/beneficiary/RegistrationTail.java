package id.atensi.bench.beneficiary;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the database did during one measured window of the registration benchmark, to set against the exchanges' tail:
 * the GIN indexes' pending lists, read every {@value #SAMPLE_MILLIS} ms with pgstattuple's {@code pgstatginindex}
 * (a list that shrinks between two readings was merged into its index, by an INSERT that found it over
 * {@code gin_pending_list_limit} or by (auto)vacuum), and, where the server loads pg_stat_statements, the person
 * INSERT's calls, mean and maximum executor time in the window. Either part says why it is missing instead of failing
 * the run: the harness' embedded server has pgstattuple but does not preload pg_stat_statements (a server of one's own
 * through ATENSI_DB_URL does, with {@code shared_preload_libraries = 'pg_stat_statements'}).
 */
final class RegistrationTail implements AutoCloseable {

    static final int SAMPLE_MILLIS = 100;

    private final Connection connection;
    private final List<String> ginIndexes = new ArrayList<>();
    private final String unavailable;
    private final boolean statements;
    private final AtomicBoolean sampling = new AtomicBoolean();
    private final List<Merge> merges = new ArrayList<>();
    private final Map<String, Integer> mostPendingPages = new LinkedHashMap<>();
    private Thread sampler;
    /** Why the sampler stopped before the window ended: the merges it reports are then the ones seen until then. */
    private volatile String samplingFailure;

    /** A pending list seen shorter than at the reading before: merged between {@code after} and {@code seen}. */
    record Merge(String index, long after, long seen, int pagesBefore, int pagesAfter) {
    }

    RegistrationTail(String jdbcUrl, String user, String password) throws SQLException {
        this.connection = DriverManager.getConnection(jdbcUrl, user, password);
        String missing = null;
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS pgstattuple");
            try (ResultSet rows = statement.executeQuery("""
                    SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
                    JOIN pg_am a ON a.oid = i.relam JOIN pg_namespace n ON n.oid = t.relnamespace
                    WHERE a.amname = 'gin' AND n.nspname = current_schema() ORDER BY t.relname, i.relname""")) {
                while (rows.next()) {
                    ginIndexes.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            missing = "pgstattuple (" + firstLine(e) + ")";
        }
        boolean loaded;
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            statement.executeQuery("SELECT 1 FROM pg_stat_statements LIMIT 1").close();
            loaded = true;
        } catch (SQLException e) {
            loaded = false;
            missing = (missing == null ? "" : missing + ", ") + "pg_stat_statements (" + firstLine(e) + ")";
        }
        this.statements = loaded;
        this.unavailable = missing;
    }

    /** Starts a window: pg_stat_statements emptied (the whole server's), the pending lists read from now on. */
    void start() throws SQLException {
        if (statements) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_stat_statements_reset()");
            }
        }
        merges.clear();
        mostPendingPages.clear();
        samplingFailure = null;
        if (ginIndexes.isEmpty()) {
            return;
        }
        sampling.set(true);
        sampler = new Thread(this::sample, "gin-pending-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        Map<String, Integer> last = new LinkedHashMap<>();
        long lastAt = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            while (sampling.get()) {
                long now = System.nanoTime();
                for (String index : ginIndexes) {
                    try (ResultSet row = statement.executeQuery("SELECT pending_pages FROM pgstatginindex('" + index + "')")) {
                        row.next();
                        int pages = row.getInt(1);
                        Integer before = last.put(index, pages);
                        if (before != null && pages < before) {
                            merges.add(new Merge(index, lastAt, now, before, pages));
                        }
                        mostPendingPages.merge(index, pages, Math::max);
                    }
                }
                lastAt = now;
                Thread.sleep(SAMPLE_MILLIS);
            }
        } catch (SQLException e) {
            samplingFailure = firstLine(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Ends the window: the merges seen, how many of the slow exchanges ({start, end} in {@link System#nanoTime()})
     * overlapped one, and the person INSERT's statistics.
     */
    String stop(List<long[]> slow, long windowStart) throws Exception {
        sampling.set(false);
        if (sampler != null) {
            sampler.join();
        }
        StringBuilder out = new StringBuilder();
        if (unavailable != null) {
            out.append("not measured: ").append(unavailable).append('\n');
        }
        if (samplingFailure != null) {
            out.append("the pending lists were read only until the sampler failed: ").append(samplingFailure).append('\n');
        }
        if (!ginIndexes.isEmpty()) {
            Map<String, Integer> byIndex = new LinkedHashMap<>();
            ginIndexes.forEach(index -> byIndex.put(index, 0));
            merges.forEach(merge -> byIndex.merge(merge.index(), 1, Integer::sum));
            List<String> perIndex = new ArrayList<>();
            byIndex.forEach((index, count) -> perIndex.add("%s %d (at most %d pages pending)".formatted(index, count,
                    mostPendingPages.getOrDefault(index, 0))));
            long overlapping = slow.stream().filter(span -> merges.stream()
                    .anyMatch(merge -> merge.seen() >= span[0] && merge.after() <= span[1])).count();
            out.append("GIN pending lists merged in the window (read every %d ms): %s; slow exchanges overlapping a merge: %d of %d%n"
                    .formatted(SAMPLE_MILLIS, String.join(", ", perIndex), overlapping, slow.size()));
            if (!slow.isEmpty()) {
                List<String> spans = new ArrayList<>();
                slow.stream().limit(12).forEach(span -> spans.add("%.2f–%.2f".formatted((span[0] - windowStart) / 1e9,
                        (span[1] - windowStart) / 1e9)));
                List<String> merged = new ArrayList<>();
                merges.stream().limit(24).forEach(merge -> merged.add("%s %.2f–%.2f (%d→%d)".formatted(merge.index(),
                        (merge.after() - windowStart) / 1e9, (merge.seen() - windowStart) / 1e9, merge.pagesBefore(), merge.pagesAfter())));
                out.append("  slow exchanges, s into the window: ").append(String.join(", ", spans)).append('\n');
                out.append("  merges, s into the window: ").append(String.join(", ", merged)).append('\n');
            }
        }
        if (statements) {
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("""
                         SELECT calls, mean_exec_time, max_exec_time, total_exec_time, regexp_replace(left(query, 60), '\\s+', ' ', 'g')
                         FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                         AND (query LIKE 'INSERT INTO beneficiary %' OR query LIKE 'INSERT INTO beneficiary_name_search%')
                         ORDER BY total_exec_time DESC""")) {
                while (rows.next()) {
                    out.append("pg_stat_statements: %,d calls, mean %.3f ms, max %.1f ms: %s…%n".formatted(rows.getLong(1),
                            rows.getDouble(2), rows.getDouble(3), rows.getString(5)));
                }
            }
        }
        return out.toString();
    }

    @Override
    public void close() throws SQLException {
        sampling.set(false);
        connection.close();
    }

    private static String firstLine(SQLException e) {
        return String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    }
}
