package id.atensi.bench.beneficiary;

import id.atensi.bench.ProcessTimes;
import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "The import's SQL alone": what the import's statements cost PostgreSQL for the rows an import just registered, with
 * nothing of the service around them, on the service's own schema. A copy of the service's database (made after the
 * service stopped) keeps the rows of one import job with their ciphertexts, hashes and event payloads as the service
 * made them, then its people, outbox, timeline and chunks are emptied; the chunks are replayed from there, each a
 * transaction on one of {@code connections} connections, with the statements of that build's {@code ImportChunks.java}
 * (its text blocks, read from the source the build came from, so the floor follows what the build runs): staging table,
 * COPY, REGISTER, EVENTS, TIMELINE, NOTIFY, the chunk's row, the job's progress, the commit; then the chunk's lookup of
 * likely duplicates in a transaction of its own, as the service does. The COPY text of every chunk is read before the
 * clock starts. Prints wall time, PostgreSQL's CPU over the replay (all its processes, autovacuum included, as the
 * import's own figure counts it), and each statement's CPU in the backends that ran it ({@code /proc/<pid>/schedstat},
 * nanoseconds on a core), with REGISTER's triggers from its EXPLAIN ANALYZE (which it runs as) beside.
 * <p>
 * Variants, each on a fresh copy: {@code as-migrated}; {@code no-trigram} (the three trigram GIN indexes dropped);
 * {@code bare} (no secondary index of beneficiary or its search table, V41's insert trigger disabled); and
 * {@code gin-merged} (as migrated, then the GIN indexes' pending lists merged at the end, inside the measured time:
 * work the import otherwise leaves to autovacuum); or any name whose statements (separated by {@code ;}) the environment
 * variable {@code BENCH_FLOOR_SQL_<NAME>} holds, run on the copy before the replay.
 */
final class ImportFloor {

    private static final Pattern TEXT_BLOCK = Pattern.compile("static final String (\\w+) = \"\"\"\\n(.*?)\"\"\";", Pattern.DOTALL);
    private static final Pattern ONE_LINE = Pattern.compile("static final String (\\w+) = \"((?:[^\"\\\\]|\\\\.)*)\";");
    /** The statements a chunk's write and its lookup run, in the service's order; those not replayed are listed apart. */
    private static final List<String> REPLAYED = List.of("STAGE", "COPY", "REGISTER", "EVENTS", "TIMELINE", "CHUNK_PENDING_LOOKUP",
            "PROGRESS", "LOOKUP", "LOOKED_UP");
    /** Run only for rows not registered, rejected rows, a chunk with nobody registered, or a failed job: none here. */
    private static final Set<String> NOT_REPLAYED = Set.of("NOT_REGISTERED", "CHUNK", "ABANDONED_LOOKUP");
    static final List<String> STEPS = List.of("copy", "register", "events", "timeline", "notify", "chunk", "progress", "commit", "lookup");

    private final String jdbc;
    private final String user;
    private final String password;
    private final long postmasterPid;

    ImportFloor(String jdbc, String user, String password, long postmasterPid) {
        this.jdbc = jdbc;
        this.user = user;
        this.password = password;
        this.postmasterPid = postmasterPid;
    }

    /** One variant's replay: wall seconds, PostgreSQL's CPU ms, CPU ms per step, trigger ms from EXPLAIN. */
    record Run(String variant, int rows, int connections, double wallSeconds, double postgresMillis, Map<String, Double> stepMillis,
               Map<String, Double> triggerMillis) {

        String line() {
            double n = rows / 1000.0;
            StringBuilder steps = new StringBuilder();
            stepMillis.forEach((step, ms) -> steps.append(steps.isEmpty() ? "" : ", ").append(step).append(' ').append("%.0f".formatted(ms / n)));
            StringBuilder triggers = new StringBuilder();
            triggerMillis.forEach((trigger, ms) -> triggers.append(triggers.isEmpty() ? "" : ", ").append(trigger).append(' ')
                    .append("%.0f".formatted(ms / n)));
            return ("the import's SQL alone, %-11s %d connection(s): %.2f s wall, PostgreSQL CPU %.1f s (%.0f ms per 1,000 rows);"
                    + " backends' CPU ms per 1,000 rows by statement: %s; of REGISTER, triggers (EXPLAIN ANALYZE, ms per 1,000 rows): %s")
                    .formatted(variant, connections, wallSeconds, postgresMillis / 1000, postgresMillis / n, steps,
                            triggers.isEmpty() ? "none" : triggers);
        }
    }

    /**
     * Replays the import {@code jobId} of database {@code source} (whose service has stopped) once per variant.
     * {@code importChunks}: the build's ImportChunks.java.
     */
    List<Run> measure(String source, UUID jobId, Path importChunks, int chunk, List<Integer> connectionCounts, List<String> variants)
            throws Exception {
        Map<String, String> statements = statements(importChunks);
        String template = source + "_floor";
        try (Connection admin = connect(jdbcFor("postgres")); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + template + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + template + " TEMPLATE " + source);
        }
        int rows;
        try (Connection connection = connect(jdbcFor(template)); Statement statement = connection.createStatement()) {
            // without statistics on the freshly written tables the join below was planned as a nested loop (minutes at
            // 20,000 rows)
            statement.execute("ANALYZE beneficiary");
            statement.execute("ANALYZE outbox_event");
            // in the order the service wrote them: a chunk's rows share their occurred_at, then by seq
            statement.execute("""
                    CREATE TABLE floor_source AS
                    SELECT row_number() OVER (ORDER BY o.occurred_at, o.seq)::int AS line, b.id, b.full_name, b.name_key, b.nik_hash,
                        b.nik_cipher, b.nik_key_id, b.kk_hash, b.kk_cipher, b.kk_key_id, b.birth_place, b.birth_date, b.sex,
                        b.province_code, b.regency_code, b.district_code, b.village_code, b.address_line, b.phone, b.welfare_id,
                        b.clusters, o.id AS event_id, o.payload::text AS payload
                    FROM beneficiary b JOIN outbox_event o ON o.aggregate_id = b.id::text AND o.event_type LIKE '%registered%'
                    WHERE b.import_job_id = ?""".replace("?", "'" + jobId + "'"));
            statement.execute("TRUNCATE beneficiary CASCADE");
            statement.execute("TRUNCATE outbox_event, timeline_entry, import_chunk, import_rejection");
            statement.execute("ANALYZE floor_source");
            try (ResultSet count = statement.executeQuery("SELECT count(*) FROM floor_source")) {
                count.next();
                rows = count.getInt(1);
            }
        }
        List<String> chunks = copyTexts(template, statements.get("COPY"), rows, chunk);
        List<Run> runs = new ArrayList<>();
        for (String variant : variants) {
            for (int connections : connectionCounts) {
                runs.add(run(template, source + "_floor_run", variant, jobId, statements, chunks, rows, chunk, connections));
            }
        }
        try (Connection admin = connect(jdbcFor("postgres")); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE " + template + " WITH (FORCE)");
        }
        return runs;
    }

    /** One replay on a fresh copy of the emptied database, with the variant's changes. */
    private Run run(String template, String database, String variant, UUID jobId, Map<String, String> statements, List<String> chunks,
                    int rows, int chunk, int connections) throws Exception {
        try (Connection admin = connect(jdbcFor("postgres")); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database + " TEMPLATE " + template);
        }
        UUID worker = UUID.randomUUID();
        try (Connection connection = connect(jdbcFor(database)); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE floor_source");
            statement.execute("UPDATE import_job SET status = 'RUNNING', worker = '" + worker + "', done = 0, registered = 0,"
                    + " unchanged = 0, rejected = 0, chunks = 0 WHERE id = '" + jobId + "'");
            for (String sql : variantSql(connection, variant)) {
                statement.execute(sql);
            }
            statement.execute("CHECKPOINT");
        }
        Run run = replay(database, variant, statements, chunks, rows, chunk, connections, jobId, worker);
        try (Connection admin = connect(jdbcFor("postgres")); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE " + database + " WITH (FORCE)");
        }
        return run;
    }

    private List<String> variantSql(Connection connection, String variant) throws SQLException {
        List<String> sql = new ArrayList<>();
        switch (variant) {
            case "as-migrated", "gin-merged" -> {
            }
            case "no-trigram" -> sql.addAll(indexes(connection, "pg_get_indexdef(i.indexrelid) LIKE '%gin_trgm_ops%'"
                    + " OR pg_get_indexdef(i.indexrelid) LIKE '%province_name_trigrams%'"));
            case "bare" -> {
                sql.addAll(indexes(connection, "NOT i.indisunique AND NOT i.indisprimary"));
                sql.add("ALTER TABLE beneficiary DISABLE TRIGGER beneficiary_name_search_inserted");
            }
            default -> {
                String own = System.getenv("BENCH_FLOOR_SQL_" + variant.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
                if (own == null) {
                    throw new IllegalArgumentException("unknown floor variant " + variant
                            + " (as-migrated, no-trigram, bare, gin-merged, or one whose statements BENCH_FLOOR_SQL_<NAME> holds)");
                }
                sql.addAll(List.of(own.split(";")));
            }
        }
        return sql;
    }

    private static List<String> indexes(Connection connection, String condition) throws SQLException {
        List<String> drops = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("""
                SELECT 'DROP INDEX ' || i.indexrelid::regclass FROM pg_index i
                WHERE i.indrelid IN ('beneficiary'::regclass, 'beneficiary_name_search'::regclass) AND (%s)""".formatted(condition))) {
            while (rows.next()) {
                drops.add(rows.getString(1));
            }
        }
        return drops;
    }

    /** Each chunk's COPY text, as the service sends it, read from the kept rows before any clock starts. */
    private List<String> copyTexts(String database, String copy, int rows, int chunk) throws SQLException, IOException {
        Matcher columns = Pattern.compile("COPY import_stage \\(([^)]*)\\) FROM STDIN").matcher(copy.replaceAll("\\s+", " "));
        if (!columns.find()) {
            throw new IllegalStateException("ImportChunks.COPY is no longer COPY import_stage (...) FROM STDIN: update ImportFloor");
        }
        List<String> texts = new ArrayList<>();
        try (Connection connection = connect(jdbcFor(database))) {
            for (int first = 1; first <= rows; first += chunk) {
                StringWriter text = new StringWriter();
                connection.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (SELECT " + columns.group(1)
                        + " FROM floor_source WHERE line BETWEEN " + first + " AND " + (first + chunk - 1) + " ORDER BY line) TO STDOUT", text);
                texts.add(text.toString());
            }
        }
        return texts;
    }

    private Run replay(String database, String variant, Map<String, String> sql, List<String> chunks, int rows, int chunkSize,
                       int connections, UUID jobId, UUID worker) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        List<Connection> open = new ArrayList<>();
        List<Long> backends = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            Connection connection = connect(jdbcFor(database));
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement(); ResultSet pid = statement.executeQuery("SELECT pg_backend_pid()")) {
                pid.next();
                backends.add(pid.getLong(1));
            }
            connection.commit();
            open.add(connection);
        }
        Map<String, Double> steps = new LinkedHashMap<>();
        STEPS.forEach(step -> steps.put(step, 0.0));
        Map<String, Double> triggers = new LinkedHashMap<>();
        double postgresBefore = ProcessTimes.postgresMillis(postmasterPid);
        long start = System.nanoTime();
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                int me = c;
                writers.add(pool.submit(() -> {
                    Meter meter = new Meter(backends.get(me));
                    for (int k = me; k < chunks.size(); k += connections) {
                        int first = k * chunkSize + 1;
                        chunk(open.get(me), sql, chunks.get(k), first, Math.min(rows, first + chunkSize - 1), jobId, worker, meter);
                    }
                    synchronized (steps) {
                        meter.steps.forEach((step, ms) -> steps.merge(step, ms, Double::sum));
                        meter.triggers.forEach((trigger, ms) -> triggers.merge(trigger, ms, Double::sum));
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
            if (variant.equals("gin-merged")) {
                Meter meter = new Meter(backends.get(0));
                try (Statement statement = open.get(0).createStatement()) {
                    statement.execute("SELECT gin_clean_pending_list(c.oid) FROM pg_class c JOIN pg_am a ON a.oid = c.relam"
                            + " WHERE a.amname = 'gin' AND c.relkind = 'i'");
                }
                open.get(0).commit();
                steps.put("gin-merge", meter.since());
            }
        } finally {
            pool.shutdownNow();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        double postgres = ProcessTimes.postgresMillis(postmasterPid) - postgresBefore;
        try (Statement statement = open.get(0).createStatement();
             ResultSet done = statement.executeQuery("SELECT count(*), (SELECT registered FROM import_job WHERE id = '"
                     + jobId + "') FROM beneficiary")) {
            done.next();
            if (done.getInt(1) != rows || done.getInt(2) != rows) {
                throw new IllegalStateException("the floor registered " + done.getInt(1) + " people (job: " + done.getInt(2) + "), not " + rows);
            }
        }
        for (Connection connection : open) {
            connection.rollback();
            connection.close();
        }
        return new Run(variant, rows, connections, wall, postgres, steps, triggers);
    }

    /** CPU of one backend, from its schedstat (nanoseconds on a core), attributed to the step just done. */
    private static final class Meter {
        private final Path schedstat;
        private final Map<String, Double> steps = new LinkedHashMap<>();
        private final Map<String, Double> triggers = new LinkedHashMap<>();
        private long last;

        Meter(long backendPid) {
            this.schedstat = Path.of("/proc", String.valueOf(backendPid), "schedstat");
            this.last = read();
        }

        private long read() {
            try {
                return Long.parseLong(Files.readString(schedstat).split(" ")[0]);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        double since() {
            long now = read();
            double ms = (now - last) / 1e6;
            last = now;
            return ms;
        }

        void step(String name) {
            steps.merge(name, since(), Double::sum);
        }
    }

    private static final Pattern TRIGGER = Pattern.compile("^Trigger (.+?): time=([0-9.]+) calls=(\\d+)");

    /** One chunk as ImportChunks.write and then lookUp run it, on this connection. */
    private static void chunk(Connection connection, Map<String, String> sql, String copy, int first, int last, UUID jobId, UUID worker,
                              Meter meter) throws SQLException, IOException {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        meter.since();
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql.get("STAGE"));
        }
        long staged = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql.get("COPY"), new StringReader(copy));
        meter.step("copy");
        try (PreparedStatement register = connection.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + sql.get("REGISTER"))) {
            register.setObject(1, null);
            register.setArray(2, connection.createArrayOf("uuid", new Object[0]));
            register.setString(3, "REGISTERED");
            register.setObject(4, now);
            register.setObject(5, now);
            register.setObject(6, jobId);
            try (ResultSet plan = register.executeQuery()) {
                meter.step("register");
                while (plan.next()) {
                    Matcher trigger = TRIGGER.matcher(plan.getString(1));
                    if (trigger.find()) {
                        meter.triggers.merge(trigger.group(1), Double.parseDouble(trigger.group(2)), Double::sum);
                    }
                }
            }
        }
        try (PreparedStatement events = connection.prepareStatement(sql.get("EVENTS"))) {
            events.setString(1, "beneficiary");
            events.setString(2, "atensi.beneficiary.registered.v1");
            events.setObject(3, now);
            if (events.executeUpdate() != staged) {
                throw new IllegalStateException("EVENTS wrote other than the " + staged + " staged rows");
            }
        }
        meter.step("events");
        try (PreparedStatement timeline = connection.prepareStatement(sql.get("TIMELINE"))) {
            timeline.setObject(1, now);
            timeline.setString(2, "registered as REGISTERED");
            timeline.executeUpdate();
        }
        meter.step("timeline");
        try (Statement notify = connection.createStatement()) {
            notify.execute("SELECT pg_notify('atensi_outbox', '')");
        }
        meter.step("notify");
        try (PreparedStatement span = connection.prepareStatement(sql.get("CHUNK_PENDING_LOOKUP"))) {
            span.setObject(1, jobId);
            span.setInt(2, first);
            span.setInt(3, last);
            span.executeUpdate();
        }
        meter.step("chunk");
        try (PreparedStatement progress = connection.prepareStatement(sql.get("PROGRESS"))) {
            progress.setInt(1, last - first + 1);
            progress.setInt(2, (int) staged);
            progress.setInt(3, 0);
            progress.setInt(4, 0);
            progress.setObject(5, now);
            progress.setObject(6, now);
            progress.setObject(7, jobId);
            progress.setObject(8, worker);
            if (progress.executeUpdate() != 1) {
                throw new IllegalStateException("PROGRESS found no running job " + jobId);
            }
        }
        meter.step("progress");
        connection.commit();
        meter.step("commit");
        try (PreparedStatement lookup = connection.prepareStatement(sql.get("LOOKUP"))) {
            lookup.setObject(1, jobId);
            lookup.setInt(2, first);
            lookup.setObject(3, now);
            lookup.executeUpdate();
        }
        try (PreparedStatement done = connection.prepareStatement(sql.get("LOOKED_UP"))) {
            done.setObject(1, jobId);
            done.setInt(2, first);
            done.executeUpdate();
        }
        connection.commit();
        meter.step("lookup");
    }

    /**
     * The statements of ImportChunks.java as written there; stops when it holds one the replay neither runs nor lists as
     * not run, or lacks one it runs, so that the floor cannot drift from the code unnoticed.
     */
    static Map<String, String> statements(Path importChunks) throws IOException {
        String source = Files.readString(importChunks);
        Map<String, String> statements = new LinkedHashMap<>();
        Matcher block = TEXT_BLOCK.matcher(source);
        while (block.find()) {
            statements.put(block.group(1), block.group(2).stripIndent().strip());
        }
        Matcher line = ONE_LINE.matcher(source);
        while (line.find()) {
            statements.putIfAbsent(line.group(1), line.group(2));
        }
        for (String name : statements.keySet()) {
            if (!REPLAYED.contains(name) && !NOT_REPLAYED.contains(name)) {
                throw new IllegalStateException("ImportChunks." + name + " is not replayed by ImportFloor: add it or list it as not run");
            }
        }
        for (String name : REPLAYED) {
            if (!statements.containsKey(name)) {
                throw new IllegalStateException(importChunks + " has no statement " + name + ": update ImportFloor");
            }
        }
        return statements;
    }

    private String jdbcFor(String database) {
        return jdbc.replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
    }

    private Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }
}
