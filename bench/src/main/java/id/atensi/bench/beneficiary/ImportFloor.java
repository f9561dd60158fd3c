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
public final class ImportFloor {

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

    /**
     * {@code bench/beneficiary.sh floor DATABASE [job]}: the replay alone, on a database an import benchmark left on a
     * server of your own ({@code ATENSI_DB_URL}, its {@code postgres} database), for the import job given or the one
     * that registered most; this work tree's ImportChunks. Environment as after an import: {@code BENCH_FLOOR} (default
     * as-migrated), {@code BENCH_FLOOR_CONNECTIONS} (default 2), {@code ATENSI_BENEFICIARY_IMPORTS_CHUNK_SIZE}, and
     * {@link Options}'.
     */
    public static void main(String[] args) throws Exception {
        String admin = System.getenv("ATENSI_DB_URL");
        if (admin == null || args.length < 1) {
            throw new IllegalArgumentException("usage: ATENSI_DB_URL=jdbc:postgresql://HOST:PORT/postgres bench/beneficiary.sh floor DATABASE [job]");
        }
        String user = System.getenv().getOrDefault("ATENSI_DB_USER", "postgres");
        String password = System.getenv().getOrDefault("ATENSI_DB_PASSWORD", "postgres");
        ImportFloor floor = new ImportFloor(admin, user, password, 0);
        UUID job;
        if (args.length > 1) {
            job = UUID.fromString(args[1]);
        } else {
            try (Connection connection = floor.connect(floor.jdbcFor(args[0])); Statement statement = connection.createStatement();
                 ResultSet most = statement.executeQuery("SELECT id FROM import_job ORDER BY registered DESC LIMIT 1")) {
                most.next();
                job = most.getObject(1, UUID.class);
            }
        }
        Path root = Path.of(System.getProperty("atensi-repository-root", "."));
        List<String> variants = List.of(System.getenv().getOrDefault("BENCH_FLOOR", "as-migrated").split(","));
        List<Integer> connections = java.util.Arrays.stream(System.getenv().getOrDefault("BENCH_FLOOR_CONNECTIONS", "2").split(","))
                .map(String::strip).map(Integer::valueOf).toList();
        System.out.printf("the import's SQL alone, job %s of %s; machine: nproc %d, load average %s%n", job, args[0],
                Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).strip());
        floor.measure(args[0], job, root.resolve("beneficiary-service/src/main/java/id/atensi/beneficiary/service/ImportChunks.java"),
                Integer.parseInt(System.getenv().getOrDefault("ATENSI_BENEFICIARY_IMPORTS_CHUNK_SIZE", "5000")), connections, variants);
    }

    /** One variant's replay: wall seconds, PostgreSQL's CPU ms, CPU ms per step, trigger ms from EXPLAIN. */
    record Run(String variant, int rows, int connections, double wallSeconds, double postgresMillis, Map<String, Double> stepMillis,
               Map<String, Double> triggerMillis, String ids, String settings, Map<String, Long> server, String statements) {

        String line() {
            double n = rows / 1000.0;
            StringBuilder steps = new StringBuilder();
            stepMillis.forEach((step, ms) -> steps.append(steps.isEmpty() ? "" : ", ").append(step).append(' ').append("%.0f".formatted(ms / n)));
            StringBuilder triggers = new StringBuilder();
            triggerMillis.forEach((trigger, ms) -> triggers.append(triggers.isEmpty() ? "" : ", ").append(trigger).append(' ')
                    .append("%.0f".formatted(ms / n)));
            StringBuilder counters = new StringBuilder();
            server.forEach((name, value) -> counters.append(counters.isEmpty() ? "" : ", ").append(name).append(' ')
                    .append(name.endsWith("bytes") ? "%.1f MB".formatted(value / 1e6 / n) : "%.0f".formatted(value / n)));
            return ("the import's SQL alone, %-11s%s%s %d connection(s): %.2f s wall, PostgreSQL CPU %.1f s (%.0f ms per 1,000 rows);"
                    + " backends' CPU ms per 1,000 rows by statement: %s; of REGISTER, triggers (EXPLAIN ANALYZE, ms per 1,000 rows): %s"
                    + "%s%s")
                    .formatted(variant, ids.isEmpty() ? "" : " ids " + ids, settings.isEmpty() ? "" : " [" + settings + "]", connections,
                            wallSeconds, postgresMillis / 1000, postgresMillis / n, steps, triggers.isEmpty() ? "none" : triggers,
                            counters.isEmpty() ? "" : "; server, per 1,000 rows: " + counters, statements);
        }
    }

    /**
     * What the environment asks of the replay beyond the schema variants. {@code BENCH_FLOOR_REGISTRY=keep}: the people
     * already in the registry stay (only the job's own people, their timeline entries and likely-duplicate pairs are
     * deleted, then vacuumed), so that the chunks are written into a registry of the size the import met, with the
     * indexes of the structures the chunks write read into the buffer cache first (pg_prewarm, largest first, so that
     * what a small cache keeps is the small B-trees, as after a while of writing); by default the registry is emptied.
     * {@code BENCH_FLOOR_IDS=random,time-ordered}: the people's, events' and timeline entries' ids the chunks carry
     * (a build whose COPY names no timeline id makes those in its statement), fresh random (version 4) ones, or ones
     * ordered by line as time-ordered ids (version 7) are, with the ids the statements make (gen_random_uuid: the
     * likely-duplicate pairs', an older build's timeline entries') time-ordered too; by default the ids the service wrote.
     * {@code BENCH_FLOOR_SETTINGS="shared_buffers=128MB max_wal_size=1GB|shared_buffers=2GB max_wal_size=8GB"}: each
     * set of server settings in turn (ALTER SYSTEM, then {@code BENCH_FLOOR_RESTART}, a shell command that restarts the
     * server: a server of your own; every set names the same keys, and the last stays set).
     */
    record Options(boolean keepRegistry, List<String> ids, List<String> settings, String restart) {

        static Options fromEnvironment() {
            Map<String, String> env = System.getenv();
            List<String> ids = List.of(env.getOrDefault("BENCH_FLOOR_IDS", "as-written").split(","));
            List<String> settings = List.of(env.getOrDefault("BENCH_FLOOR_SETTINGS", "").split("\\|"));
            String restart = env.getOrDefault("BENCH_FLOOR_RESTART", "");
            if (settings.stream().anyMatch(s -> !s.isBlank()) && restart.isBlank()) {
                throw new IllegalArgumentException("BENCH_FLOOR_SETTINGS needs BENCH_FLOOR_RESTART, the command that restarts the server");
            }
            return new Options("keep".equals(env.get("BENCH_FLOOR_REGISTRY")), ids.stream().map(String::strip).toList(),
                    settings.stream().map(String::strip).toList(), restart);
        }
    }

    /**
     * Replays the import {@code jobId} of database {@code source} (whose service has stopped) once per variant.
     * {@code importChunks}: the build's ImportChunks.java.
     */
    List<Run> measure(String source, UUID jobId, Path importChunks, int chunk, List<Integer> connectionCounts, List<String> variants)
            throws Exception {
        Options options = Options.fromEnvironment();
        Map<String, String> statements = statements(importChunks);
        String template = source + "_floor";
        try (Connection admin = connect(jdbcFor("postgres")); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + template + " WITH (FORCE)");
            // a file copy: the default strategy writes a registry of 1,000,000 through the WAL, gigabytes of it
            statement.execute("CREATE DATABASE " + template + " TEMPLATE " + source + " STRATEGY FILE_COPY");
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
                        b.clusters, o.id AS event_id, t.id AS timeline_id, o.payload::text AS payload
                    FROM beneficiary b JOIN outbox_event o ON o.aggregate_id = b.id::text AND o.event_type LIKE '%registered%'
                    JOIN timeline_entry t ON t.beneficiary_id = b.id AND t.kind = 'registered'
                    WHERE b.import_job_id = ?""".replace("?", "'" + jobId + "'"));
            // the ids of each id variant, made once so that every replay of a variant writes the same ones; "ordered" as
            // version 7 ids are: a millisecond count first (one a line here, so strictly by line), random bits after
            statement.execute("""
                    CREATE TABLE floor_ids AS
                    SELECT line, gen_random_uuid() AS random_id, gen_random_uuid() AS random_event_id, gen_random_uuid() AS random_timeline_id,
                        encode(overlay(uuid_send(gen_random_uuid()) PLACING substring(int8send(m + 3 * line) FROM 3) FROM 1 FOR 6), 'hex')::uuid
                            AS ordered_id,
                        encode(overlay(uuid_send(gen_random_uuid()) PLACING substring(int8send(m + 3 * line + 1) FROM 3) FROM 1 FOR 6), 'hex')::uuid
                            AS ordered_event_id,
                        encode(overlay(uuid_send(gen_random_uuid()) PLACING substring(int8send(m + 3 * line + 2) FROM 3) FROM 1 FOR 6), 'hex')::uuid
                            AS ordered_timeline_id
                    FROM floor_source CROSS JOIN (SELECT (extract(epoch FROM now()) * 1000)::bigint AS m) t""");
            if (options.keepRegistry()) {
                String job = "'" + jobId + "'";
                // without the foreign keys' triggers: duplicate_candidate.second_id has no index of its own, so checking
                // each deleted person scans the pairs (minutes for 100,000); what refers to them is deleted first instead
                statement.execute("SET session_replication_role = replica");
                statement.execute("DELETE FROM duplicate_candidate d USING beneficiary b WHERE b.import_job_id = " + job
                        + " AND b.id IN (d.first_id, d.second_id)");
                statement.execute("DELETE FROM timeline_entry t USING beneficiary b WHERE b.import_job_id = " + job + " AND t.beneficiary_id = b.id");
                statement.execute("DELETE FROM beneficiary_name_search s USING beneficiary b WHERE b.import_job_id = " + job + " AND s.id = b.id");
                statement.execute("DELETE FROM beneficiary WHERE import_job_id = " + job);
                statement.execute("RESET session_replication_role");
                statement.execute("TRUNCATE outbox_event, import_chunk, import_rejection");
                for (String table : List.of("beneficiary", "beneficiary_name_search", "timeline_entry", "duplicate_candidate")) {
                    statement.execute("VACUUM ANALYZE " + table);
                }
            } else {
                statement.execute("TRUNCATE beneficiary CASCADE");
                statement.execute("TRUNCATE outbox_event, timeline_entry, import_chunk, import_rejection");
            }
            statement.execute("ANALYZE floor_source");
            try (ResultSet count = statement.executeQuery("SELECT count(*) FROM floor_source")) {
                count.next();
                rows = count.getInt(1);
            }
        }
        Map<String, List<String>> chunksByIds = new LinkedHashMap<>();
        for (String ids : options.ids()) {
            chunksByIds.put(ids, copyTexts(template, statements.get("COPY"), rows, chunk, ids));
        }
        List<Run> runs = new ArrayList<>();
        for (String settings : options.settings()) {
            long postmaster = apply(settings, options.restart());
            for (String ids : options.ids()) {
                Map<String, String> sql = statementsFor(statements, ids);
                for (String variant : variants) {
                    for (int connections : connectionCounts) {
                        Run run = run(template, source + "_floor_run", variant, jobId, sql, chunksByIds.get(ids), rows, chunk, connections,
                                options.keepRegistry(), ids.equals("as-written") ? "" : ids, settings, postmaster);
                        System.out.printf("  %s%n  (load average %s)%n", run.line(), Files.readString(Path.of("/proc/loadavg")).strip());
                        runs.add(run);
                    }
                }
            }
        }
        try (Connection admin = connect(jdbcFor("postgres")); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE " + template + " WITH (FORCE)");
        }
        return runs;
    }

    /** Sets the server's settings and restarts it (nothing when there are none); answers its postmaster's pid. */
    private long apply(String settings, String restart) throws Exception {
        if (!settings.isBlank()) {
            try (Connection admin = connect(jdbcFor("postgres")); Statement statement = admin.createStatement()) {
                for (String setting : settings.split("\\s+")) {
                    String[] pair = setting.split("=", 2);
                    if (!pair[0].matches("[a-z_]+") || pair.length < 2) {
                        throw new IllegalArgumentException("not a setting: " + setting);
                    }
                    statement.execute("ALTER SYSTEM SET " + pair[0] + " = '" + pair[1].replace("'", "''") + "'");
                }
            }
            Process process = new ProcessBuilder("sh", "-c", restart).redirectErrorStream(true).start();
            String said = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("the restart command failed: " + said);
            }
        }
        if (postmasterPid > 0 && settings.isBlank()) {
            return postmasterPid;
        }
        return ProcessTimes.postmasterOf(jdbcFor("postgres"), user, password);
    }

    /** The statements as the id variant runs them: time-ordered ids made by the statements too. */
    private static Map<String, String> statementsFor(Map<String, String> statements, String ids) {
        return switch (ids) {
            case "as-written", "random" -> statements;
            case "time-ordered" -> {
                Map<String, String> ordered = new LinkedHashMap<>(statements);
                ordered.replaceAll((name, sql) -> sql.replace("gen_random_uuid()", "floor_time_ordered_uuid()"));
                yield ordered;
            }
            default -> throw new IllegalArgumentException("unknown BENCH_FLOOR_IDS " + ids + " (as-written, random, time-ordered)");
        };
    }

    /** One replay on a fresh copy of the emptied database, with the variant's changes. */
    private Run run(String template, String database, String variant, UUID jobId, Map<String, String> statements, List<String> chunks,
                    int rows, int chunk, int connections, boolean prewarm, String ids, String settings, long postmaster) throws Exception {
        try (Connection admin = connect(jdbcFor("postgres")); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database + " TEMPLATE " + template + " STRATEGY FILE_COPY");
        }
        UUID worker = UUID.randomUUID();
        try (Connection connection = connect(jdbcFor(database)); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE floor_source, floor_ids");
            statement.execute("UPDATE import_job SET status = 'RUNNING', worker = '" + worker + "', done = 0, registered = 0,"
                    + " unchanged = 0, rejected = 0, chunks = 0 WHERE id = '" + jobId + "'");
            // microseconds where version 7 has milliseconds: a chunk's statement makes thousands of ids a millisecond
            statement.execute("""
                    CREATE FUNCTION floor_time_ordered_uuid() RETURNS uuid LANGUAGE sql VOLATILE AS $$
                    SELECT encode(overlay(uuid_send(gen_random_uuid())
                        PLACING substring(int8send((extract(epoch FROM clock_timestamp()) * 1000000)::bigint) FROM 3) FROM 1 FOR 6), 'hex')::uuid
                    $$""");
            for (String sql : variantSql(connection, variant)) {
                statement.execute(sql);
            }
            statement.execute("CHECKPOINT");
            if (prewarm) {
                statement.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm");
                statement.execute("""
                        SELECT pg_prewarm(i.indexrelid) FROM pg_index i
                        WHERE i.indrelid IN ('beneficiary'::regclass, 'beneficiary_name_search'::regclass, 'timeline_entry'::regclass,
                            'duplicate_candidate'::regclass, 'outbox_event'::regclass)
                        ORDER BY pg_relation_size(i.indexrelid) DESC""");
            }
        }
        Run run = replay(database, variant, statements, chunks, rows, chunk, connections, jobId, worker, ids, settings, postmaster);
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
    private List<String> copyTexts(String database, String copy, int rows, int chunk, String ids) throws SQLException, IOException {
        Matcher columns = Pattern.compile("COPY import_stage \\(([^)]*)\\) FROM STDIN").matcher(copy.replaceAll("\\s+", " "));
        if (!columns.find()) {
            throw new IllegalStateException("ImportChunks.COPY is no longer COPY import_stage (...) FROM STDIN: update ImportFloor");
        }
        String prefix = switch (ids) {
            case "random" -> "random_";
            case "time-ordered" -> "ordered_";
            default -> "";
        };
        String select = String.join(", ", java.util.Arrays.stream(columns.group(1).split(",")).map(String::strip)
                .map(column -> !prefix.isEmpty() && Set.of("id", "event_id", "timeline_id").contains(column) ? "i." + prefix + column : "f." + column)
                .toList());
        List<String> texts = new ArrayList<>();
        try (Connection connection = connect(jdbcFor(database))) {
            for (int first = 1; first <= rows; first += chunk) {
                StringWriter text = new StringWriter();
                connection.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (SELECT " + select
                        + " FROM floor_source f JOIN floor_ids i ON i.line = f.line WHERE f.line BETWEEN " + first + " AND " + (first + chunk - 1)
                        + " ORDER BY f.line) TO STDOUT", text);
                texts.add(text.toString());
            }
        }
        return texts;
    }

    private Run replay(String database, String variant, Map<String, String> sql, List<String> chunks, int rows, int chunkSize,
                       int connections, UUID jobId, UUID worker, String ids, String settings, long postmaster) throws Exception {
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
        boolean statementsKept = resetStatements();
        Map<String, Long> serverBefore = server(open.get(0));
        double postgresBefore = ProcessTimes.postgresMillis(postmaster);
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
        double postgres = ProcessTimes.postgresMillis(postmaster) - postgresBefore;
        try (Statement statement = open.get(0).createStatement();
             ResultSet done = statement.executeQuery("SELECT count(*), (SELECT registered FROM import_job WHERE id = '"
                     + jobId + "') FROM beneficiary WHERE import_job_id = '" + jobId + "'")) {
            done.next();
            if (done.getInt(1) != rows || done.getInt(2) != rows) {
                throw new IllegalStateException("the floor registered " + done.getInt(1) + " people (job: " + done.getInt(2) + "), not " + rows);
            }
        }
        for (Connection connection : open) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_stat_force_next_flush()");
            }
            connection.commit();
        }
        // a backend reports its counters when idle, at most once a second
        Thread.sleep(1500);
        Map<String, Long> serverCounters = server(open.get(0));
        serverCounters.replaceAll((name, after) -> after - serverBefore.get(name));
        String statements = statementsKept ? statements(database, rows) : "";
        for (Connection connection : open) {
            connection.rollback();
            connection.close();
        }
        return new Run(variant, rows, connections, wall, postgres, steps, triggers, ids, settings, serverCounters, statements);
    }

    /**
     * The server's counters (all databases; nothing else writes during a replay but autovacuum): WAL, its full-page
     * images, checkpoints and the buffers they wrote, the background writer's, and the backends' own reads, writes of
     * dirty buffers they evicted, hits and evictions (pg_stat_io, 8 kB blocks).
     */
    private static Map<String, Long> server(Connection connection) throws SQLException {
        Map<String, Long> counters = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery("""
                SELECT w.wal_bytes::bigint, w.wal_fpi, c.num_timed + c.num_requested, c.buffers_written, b.buffers_clean,
                    io.reads, io.writes, io.hits, io.evictions
                FROM pg_stat_wal w, pg_stat_checkpointer c, pg_stat_bgwriter b,
                    (SELECT sum(reads)::bigint AS reads, sum(writes)::bigint AS writes, sum(hits)::bigint AS hits,
                         sum(evictions)::bigint AS evictions
                     FROM pg_stat_io WHERE backend_type = 'client backend') io""")) {
            row.next();
            List<String> names = List.of("WAL bytes", "full-page images", "checkpoints", "checkpoint writes", "bgwriter writes",
                    "backend reads", "backend writes", "backend hits", "backend evictions");
            for (int i = 0; i < names.size(); i++) {
                counters.put(names.get(i), row.getLong(i + 1));
            }
        }
        connection.commit();
        return counters;
    }

    /** Resets pg_stat_statements when the server has it loaded; false when it has not. */
    private boolean resetStatements() {
        try (Connection admin = connect(jdbcFor("postgres")); Statement statement = admin.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            statement.execute("SELECT pg_stat_statements_reset()");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** The replay's statements by time, with their buffers and WAL per 1,000 rows (pg_stat_statements). */
    private String statements(String database, int rows) {
        StringBuilder out = new StringBuilder("\n    statements (per 1,000 rows: ms inside, shared blocks hit / read / dirtied / written,"
                + " WAL full-page images, WAL MB):");
        double n = rows / 1000.0;
        try (Connection admin = connect(jdbcFor("postgres")); PreparedStatement select = admin.prepareStatement("""
                SELECT total_exec_time, shared_blks_hit, shared_blks_read, shared_blks_dirtied, shared_blks_written, wal_fpi, wal_bytes,
                    left(regexp_replace(query, '\\s+', ' ', 'g'), 90)
                FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = ?) AND toplevel
                ORDER BY total_exec_time DESC LIMIT 10""")) {
            select.setString(1, database);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    out.append("\n      %6.1f ms %8.0f / %6.0f / %6.0f / %6.0f  fpi %5.0f  %5.2f MB  %s".formatted(row.getDouble(1) / n,
                            row.getLong(2) / n, row.getLong(3) / n, row.getLong(4) / n, row.getLong(5) / n, row.getLong(6) / n,
                            row.getDouble(7) / 1e6 / n, row.getString(8)));
                }
            }
        } catch (SQLException e) {
            return "";
        }
        return out.toString();
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
            events.setString(3, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
            events.setObject(4, now);
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
