package id.atensi.bench.beneficiary;

import id.atensi.bench.ProcessTimes;
import id.atensi.local.Tokens;
import id.atensi.testing.TestInfrastructure;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.postgresql.PGConnection;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 20 in one run against the packaged service, embedded PostgreSQL and Kafka: (1) the import of a CSV file, then a
 * JSON-lines file, then an XLSX workbook of new people (optionally into a registry preloaded by SQL, or through the
 * same import with {@code BENCH_PRELOAD=import}: see {@link #preloadBySql}),
 * each one's wall time and CPU per 1,000 rows (service and PostgreSQL), the CSV's beside PostgreSQL's own COPY of the
 * same CSV into a table of its columns, the service's peak resident memory, and the
 * latency of single registrations made while the CSV import runs beside the same measured before it; (2) with clients,
 * registrations per second and the service's CPU per registration, beside pgbench running {@code registration.sql} (the
 * statements the service issues for one registration) against the same database. Each build given is measured on a
 * fresh database, in turn, in each round, so that builds compare under the same load.
 * <p>
 * Arguments: import rows (100000), people preloaded first (0), registration clients (16; 0 for none), seconds of
 * registrations (20), rounds (1), then {@code label=quarkus-run.jar} per build (default: this work tree's build).
 * <p>
 * A build's argument is {@code label=jar}, optionally followed by {@code ;NAME=value} settings (environment variables) of
 * its service, so that one jar runs as several builds (bench/beneficiary.sh's BENCH_VARIANTS).
 * Environment: {@code BENCH_WRITERS=2,4} measures each build once per number of writers
 * ({@code ATENSI_BENEFICIARY_IMPORTS_WRITERS}), in turn, in each round; {@code BENCH_WARMUP=rows} measures each also
 * warm, after a service freshly started imported that many rows first (labelled {@code warm}, beside the cold figure of
 * a service whose first import is the measured one); {@code BENCH_FORMATS=csv} imports only the CSV (default
 * {@code csv,jsonl,xlsx}); {@code BENCH_STATEMENTS=25} prints the database's statements by time from the CSV's POST
 * to the outbox drained, when the server has pg_stat_statements loaded.
 */
public final class ImportBenchmark {

    private static final String[] FIRST = {"Siti", "Dewi", "Agus", "Budi", "Rahmat", "Sri", "Nur", "Ahmad", "Putri", "Joko"};
    private static final String[] LAST = {"Rahmawati", "Lestari", "Santoso", "Hidayat", "Susanti", "Wijaya", "Kusuma", "Pratama"};
    private static final LocalDate FIRST_BIRTH_DATE = LocalDate.of(1940, 1, 1);
    private static final int BIRTH_DATES = 25_000;
    private static final Pattern NUMBER = Pattern.compile("\"(\\w+)\"\\s*:\\s*(\\d+)");
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /**
     * The JDK client upgrades plain HTTP to h2c and then multiplexes every client over one connection, so one event
     * loop of the service frames every request; the gateway, the service's real caller, speaks HTTP/1.1 on a pool of
     * connections. BENCH_HTTP_VERSION=HTTP_1_1 measures that way; unset, the JDK's default (HTTP_2), as before.
     */
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.valueOf(System.getenv().getOrDefault("BENCH_HTTP_VERSION", "HTTP_2"))).build();
    final String base;
    private final String token;
    private final Random random = new Random(20);
    private final AtomicLong serial = new AtomicLong();
    private final int regionOffset;
    /** The last import job's URL. */
    private volatile String lastJob;

    ImportBenchmark(String base, String token, int regionOffset) {
        this.base = base;
        this.token = token;
        this.regionOffset = regionOffset;
    }

    /** What one build did in one round. */
    private record Result(String label, double csvSeconds, double jsonSeconds, double copySeconds, long peakRssKb,
                          double csvServiceCpu, double csvPostgresCpu, double csvJitCpu, long[] during, double registrationsPerSecond,
                          double cpuMsPerRegistration, List<ImportFloor.Run> floor) {
    }

    /** How a build is run: with this many writers (null: the service's default), cold or after a warm-up import. */
    private record Variant(String label, Path jar, Map<String, String> settings, Integer writers, int warmupRows, List<String> jvmOptions) {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int preload = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        Path root = Path.of(System.getProperty("atensi-repository-root", "."));
        Map<String, Path> builds = new LinkedHashMap<>();
        Map<String, Map<String, String>> buildSettings = new LinkedHashMap<>();
        for (int i = 5; i < args.length; i++) {
            String[] build = args[i].split("=", 2);
            builds.put(build[0], BeneficiaryBenchmark.jarOf(build[1]));
            buildSettings.put(build[0], BeneficiaryBenchmark.settingsOf(build[1]));
        }
        if (builds.isEmpty()) {
            builds.put("worktree", root.resolve("beneficiary-service/target/quarkus-app/quarkus-run.jar"));
        }
        List<Integer> writerCounts = new ArrayList<>();
        for (String count : System.getenv().getOrDefault("BENCH_WRITERS", "").split(",")) {
            if (!count.isBlank()) {
                writerCounts.add(Integer.parseInt(count.strip()));
            }
        }
        if (writerCounts.isEmpty()) {
            writerCounts.add(null);
        }
        int warmup = Integer.parseInt(System.getenv().getOrDefault("BENCH_WARMUP", "0"));
        // BENCH_JVM_VARIANTS="|-XX:TieredStopAtLevel=1|-XX:+UseParallelGC": each build once per set of JVM options (the
        // empty one: none beyond BENCH_JVM_OPTS), in turn
        List<List<String>> jvmVariants = Arrays.stream(System.getenv().getOrDefault("BENCH_JVM_VARIANTS", "").split("\\|", -1))
                .map(options -> Arrays.stream(options.strip().split("\\s+")).filter(option -> !option.isEmpty()).toList()).toList();
        List<Variant> variants = new ArrayList<>();
        for (Map.Entry<String, Path> build : builds.entrySet()) {
            for (Integer writers : writerCounts) {
                for (List<String> jvm : jvmVariants) {
                    String label = build.getKey() + (writers == null ? "" : " w" + writers) + (jvm.isEmpty() ? "" : " " + String.join(" ", jvm));
                    Map<String, String> environment = buildSettings.getOrDefault(build.getKey(), Map.of());
                    variants.add(new Variant(label + " cold", build.getValue(), environment, writers, 0, jvm));
                    if (warmup > 0) {
                        variants.add(new Variant(label + " warm", build.getValue(), environment, writers, warmup, jvm));
                    }
                }
            }
        }
        TestInfrastructure infrastructure = TestInfrastructure.get();
        System.out.printf("machine: nproc %d, load average %s%n", Runtime.getRuntime().availableProcessors(), load());
        List<Result> results = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (Variant variant : variants) {
                System.out.printf("%n== round %d, %s, load average %s%n", round, variant.label(), load());
                results.add(measure(variant, infrastructure, root, rows, preload, clients, seconds));
            }
        }
        System.out.printf("%nsummary, %,d rows into a registry of %,d (warm: %,d more, imported by the warm-up), %d round(s);"
                + " load average at the end %s%n", rows, preload, warmup, rounds, load());
        for (String label : variants.stream().map(Variant::label).toList()) {
            List<Result> mine = results.stream().filter(r -> r.label().equals(label)).toList();
            String json = Double.isNaN(median(mine, Result::jsonSeconds)) ? "not run"
                    : "%s s (median %.2f)".formatted(list(mine, Result::jsonSeconds), median(mine, Result::jsonSeconds));
            System.out.printf("%-22s CSV %s s (median %.2f), JSON lines %s, COPY %s s, import / COPY %.1f, peak RSS %s MB%n",
                    label, list(mine, Result::csvSeconds), median(mine, Result::csvSeconds), json, list(mine, Result::copySeconds),
                    median(mine, Result::csvSeconds) / median(mine, Result::copySeconds),
                    String.join(", ", mine.stream().map(r -> String.valueOf(r.peakRssKb() / 1024)).toList()));
            System.out.printf("%-22s CSV POST to DONE, CPU ms per 1,000 rows: service %s (of which JIT %s), PostgreSQL %s%n", label,
                    String.join(", ", mine.stream().map(r -> "%.0f".formatted(r.csvServiceCpu())).toList()),
                    String.join(", ", mine.stream().map(r -> "%.0f".formatted(r.csvJitCpu())).toList()),
                    String.join(", ", mine.stream().map(r -> "%.0f".formatted(r.csvPostgresCpu())).toList()));
            System.out.printf("%-22s registration latency during the CSV import: %s%n", label,
                    String.join("; ", mine.stream().map(r -> summary(r.during())).toList()));
            if (clients > 0) {
                System.out.printf("%-22s registrations after the imports: %s/s, service CPU %s ms per registration%n", label,
                        String.join(", ", mine.stream().map(r -> "%.0f".formatted(r.registrationsPerSecond())).toList()),
                        String.join(", ", mine.stream().map(r -> "%.2f".formatted(r.cpuMsPerRegistration())).toList()));
            }
            for (ImportFloor.Run floor : mine.stream().flatMap(r -> r.floor().stream()).toList()) {
                System.out.printf("%-22s %s%n", label, floor.line());
            }
        }
        System.exit(0);
    }

    private static String list(List<Result> results, java.util.function.ToDoubleFunction<Result> value) {
        return String.join(", ", results.stream().map(r -> "%.2f".formatted(value.applyAsDouble(r))).toList());
    }

    private static double median(List<Result> results, java.util.function.ToDoubleFunction<Result> value) {
        double[] sorted = results.stream().mapToDouble(value).sorted().toArray();
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static String load() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).strip();
    }

    private static Result measure(Variant variant, TestInfrastructure infrastructure, Path root, int rows, int preload,
                                  int clients, int seconds) throws Exception {
        String database = "beneficiary_import_bench_" + Long.toHexString(System.nanoTime());
        int port = BeneficiaryBenchmark.freePort();
        Map<String, String> settings = new LinkedHashMap<>(variant.settings());
        if (variant.writers() != null) {
            settings.put("ATENSI_BENEFICIARY_IMPORTS_WRITERS", variant.writers().toString());
        }
        Process process = BeneficiaryBenchmark.start(variant.jar(), infrastructure, database, port, settings, variant.jvmOptions());
        Result result;
        UUID csvJob;
        String jdbc = infrastructure.jdbcUrl(database);
        long postmaster = ProcessTimes.postmasterOf(jdbc, infrastructure.dbUser(), infrastructure.dbPassword());
        Set<String> formats = Set.of(System.getenv().getOrDefault("BENCH_FORMATS", "csv,jsonl,xlsx").split(","));
        int statements = Integer.parseInt(System.getenv().getOrDefault("BENCH_STATEMENTS", "0"));
        try {
            String token = new Tokens(infrastructure.signingKeys()).mint("bench-admin", Set.of("admin"), Tokens.Scope.none(),
                    Duration.ofHours(12));
            ImportBenchmark bench = new ImportBenchmark("http://127.0.0.1:" + port, token, 0);
            BeneficiaryBenchmark.awaitReady(bench.http, bench.base, Duration.ofMinutes(3));
            ImportCpu meter = new ImportCpu(process.pid(), postmaster);

            if (preload > 0 && "import".equals(System.getenv().getOrDefault("BENCH_PRELOAD", "sql"))) {
                Path file = bench.csv(preload);
                long start = System.nanoTime();
                String loaded = bench.importFile(file, "text/csv", null);
                System.out.printf("preloaded %,d people through the import in %.1f s (%s)%n", preload, (System.nanoTime() - start) / 1e9, loaded);
                Files.delete(file);
            } else if (preload > 0) {
                bench.preloadBySql(jdbc, infrastructure, preload);
            }
            if (variant.warmupRows() > 0) {
                // a service that has run a while compiled the import's code, and the registrations' the prober makes
                // meanwhile, already; the cold figure is its first import
                Path file = bench.csv(variant.warmupRows());
                long start = System.nanoTime();
                String warmed = bench.importFile(file, "text/csv", new ArrayList<>());
                System.out.printf("warm-up (not measured): %,d rows imported in %.1f s (%s)%n", variant.warmupRows(),
                        (System.nanoTime() - start) / 1e9, warmed);
                Files.delete(file);
                while (bench.pendingEvents(jdbc, infrastructure) > 0) {
                    Thread.sleep(200);
                }
            }

            // registration latency, idle
            long[] idle = bench.probe(200);

            Path file = bench.csv(rows);
            System.out.printf("file: %,d rows, %,d bytes%n", rows, Files.size(file));
            List<Long> during = new ArrayList<>();
            if (statements > 0) {
                PgStatements.reset(jdbc, infrastructure);
            }
            ImportCpu.Usage cpuStart = meter.read();
            long start = System.nanoTime();
            String csvResult = bench.importFile(file, "text/csv", during);
            csvJob = UUID.fromString(bench.lastJob.substring(bench.lastJob.lastIndexOf('/') + 1));
            double importSeconds = (System.nanoTime() - start) / 1e9;
            Map<String, Double> csvCpu = meter.read().since(cpuStart);
            long pending = bench.pendingEvents(jdbc, infrastructure);
            long drainStart = System.nanoTime();
            while (bench.pendingEvents(jdbc, infrastructure) > 0 && System.nanoTime() - drainStart < 600e9) {
                Thread.sleep(200);
            }
            double drained = (System.nanoTime() - drainStart) / 1e9;
            Map<String, Double> drainedCpu = meter.read().since(cpuStart);
            String statementReport = statements > 0 ? PgStatements.report(jdbc, infrastructure, database, statements) : "";
            double copySeconds = copyReference(jdbc, infrastructure, file);
            Files.delete(file);

            double jsonSeconds = Double.NaN;
            String jsonResult = "not run";
            Map<String, Double> jsonCpu = null;
            if (formats.contains("jsonl")) {
                Path lines = bench.jsonLines(rows);
                ImportCpu.Usage jsonCpuStart = meter.read();
                long jsonStart = System.nanoTime();
                jsonResult = bench.importFile(lines, "application/x-ndjson", null);
                jsonSeconds = (System.nanoTime() - jsonStart) / 1e9;
                jsonCpu = meter.read().since(jsonCpuStart);
                Files.delete(lines);
            }
            double xlsxSeconds = Double.NaN;
            String xlsxResult = "not run";
            Map<String, Double> xlsxCpu = null;
            long workbookBytes = 0;
            if (formats.contains("xlsx")) {
                Path workbook = bench.xlsx(rows);
                ImportCpu.Usage xlsxCpuStart = meter.read();
                long xlsxStart = System.nanoTime();
                xlsxResult = bench.importFile(workbook, XLSX, null);
                xlsxSeconds = (System.nanoTime() - xlsxStart) / 1e9;
                xlsxCpu = meter.read().since(xlsxCpuStart);
                workbookBytes = Files.size(workbook);
                Files.delete(workbook);
            }
            long peakRss = peakRssKb(process.pid());

            long[] duringSorted = during.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("import of %,d rows (CSV, POST to DONE): %.2f s, %.0f rows/s (%s)  target < 10 s per 100,000%n",
                    rows, importSeconds, rows / importSeconds, csvResult);
            System.out.printf("  POST to DONE, %s%n", ImportCpu.perThousandRows(csvCpu, rows));
            System.out.printf("  POST to outbox drained, %s%n", ImportCpu.perThousandRows(drainedCpu, rows));
            System.out.printf("  of it, the events' threads (ms per 1,000 rows): %s%n", ImportCpu.eventsByThread(drainedCpu, rows));
            System.out.printf("PostgreSQL COPY of the same file into a table of its columns: %.2f s (import / COPY = %.1f)%n",
                    copySeconds, importSeconds / copySeconds);
            System.out.print(statementReport);
            if (jsonCpu != null) {
                System.out.printf("import of %,d more rows (JSON lines, into the registry the CSV filled): %.2f s, %.0f rows/s (%s)%n",
                        rows, jsonSeconds, rows / jsonSeconds, jsonResult);
                System.out.printf("  POST to DONE, %s%n", ImportCpu.perThousandRows(jsonCpu, rows));
            }
            if (xlsxCpu != null) {
                System.out.printf("import of %,d more rows (XLSX, %,d bytes, into the registry before it): %.2f s, %.0f rows/s (%s)%n",
                        rows, workbookBytes, xlsxSeconds, rows / xlsxSeconds, xlsxResult);
                System.out.printf("  POST to DONE, %s%n", ImportCpu.perThousandRows(xlsxCpu, rows));
            }
            System.out.printf("service peak resident memory (VmHWM): %,d MB%n", peakRss / 1024);
            System.out.printf("outbox after the CSV import: %,d events pending at DONE, drained %.1f s later%n", pending, drained);
            System.out.printf("registration latency idle:          %s%n", summary(idle));
            System.out.printf("registration latency during import: %s%n", summary(duringSorted));

            double registrationsPerSecond = Double.NaN;
            double cpuMsPerRegistration = Double.NaN;
            if (clients > 0) {
                long cpuBefore = cpuMillis(process.pid());
                Throughput service = bench.registrations(clients, seconds);
                long cpu = cpuMillis(process.pid()) - cpuBefore;
                System.out.printf("registrations: %,d in %d s with %d clients = %.0f/s (%d errors), service CPU %.2f ms per registration%n",
                        service.done, seconds, clients, service.done / (double) seconds, service.errors, cpu / (double) Math.max(1, service.done));
                double pgbench = pgbench(jdbc, infrastructure, root.resolve("bench/registration.sql"), clients, seconds);
                System.out.printf("pgbench registration.sql, %d clients, %d s: %.0f tps; service / pgbench = %.2f (target >= 0.5)%n",
                        clients, seconds, pgbench, service.done / (double) seconds / pgbench);
                registrationsPerSecond = service.done / (double) seconds;
                cpuMsPerRegistration = cpu / (double) Math.max(1, service.done);
            }
            result = new Result(variant.label(), importSeconds, jsonSeconds, copySeconds, peakRss, csvCpu.get("service") / (rows / 1000.0),
                    csvCpu.get("postgres") / (rows / 1000.0), csvCpu.get("jit") / (rows / 1000.0), duringSorted,
                    registrationsPerSecond, cpuMsPerRegistration, List.of());
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        List<String> floorVariants = Arrays.stream(System.getenv().getOrDefault("BENCH_FLOOR", "as-migrated,no-trigram,bare").split(","))
                .map(String::strip).filter(v -> !v.isEmpty() && !v.equals("none")).toList();
        if (floorVariants.isEmpty()) {
            return result;
        }
        // the build's own statements: its jar is beneficiary-service/target/quarkus-app/quarkus-run.jar of its source tree
        Path importChunks = variant.jar().toAbsolutePath().getParent().getParent().getParent()
                .resolve("src/main/java/id/atensi/beneficiary/service/ImportChunks.java");
        // one connection gives each statement's cost without contention; as many as cores, the best wall time they allow
        int cores = Runtime.getRuntime().availableProcessors();
        List<Integer> connections = Arrays.stream(System.getenv().getOrDefault("BENCH_FLOOR_CONNECTIONS", cores > 1 ? "1," + cores : "1")
                .split(",")).map(String::strip).map(Integer::valueOf).toList();
        System.out.printf("the import's SQL alone (%s; load average %s):%n", importChunks, load());
        List<ImportFloor.Run> floor = new ImportFloor(jdbc, infrastructure.dbUser(), infrastructure.dbPassword(), postmaster)
                .measure(database, csvJob, importChunks, Integer.parseInt(System.getenv().getOrDefault("ATENSI_BENEFICIARY_IMPORTS_CHUNK_SIZE", "5000")),
                        connections, floorVariants);
        System.out.printf("  (service import of the same rows: %.2f s; load average %s)%n", result.csvSeconds(), load());
        return new Result(result.label(), result.csvSeconds(), result.jsonSeconds(), result.copySeconds(), result.peakRssKb(),
                result.csvServiceCpu(), result.csvPostgresCpu(), result.csvJitCpu(), result.during(),
                result.registrationsPerSecond(), result.cpuMsPerRegistration(), floor);
    }

    private static long peakRssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    /**
     * The registry's people written by SQL in the service's database, of the density the import's preload gives (the
     * same names, birth dates, regency and NIK serials as {@link #nextPerson}, the file's NIKs following theirs): each
     * person's row (V41's trigger fills the name-search table), its timeline entry and the likely duplicates among them
     * by the rule's own statement, then VACUUM ANALYZE. It differs from a preload through the import in what the import
     * leaves beside: no events (the outbox holds no published rows, the consumers' inboxes nothing), NIK hashes and
     * ciphertexts of the service's widths made by SHA-256 rather than its keys (no NIK of the file meets them), and
     * every page vacuumed; the search indexes are built after the rows, as bench/registry.sh loads.
     */
    private void preloadBySql(String jdbc, TestInfrastructure infrastructure, int people) throws SQLException {
        long start = System.nanoTime();
        String first = String.join(",", Arrays.stream(FIRST).map(name -> "'" + name + "'").toList());
        String last = String.join(",", Arrays.stream(LAST).map(name -> "'" + name + "'").toList());
        try (Connection connection = DriverManager.getConnection(jdbc, infrastructure.dbUser(), infrastructure.dbPassword());
             Statement statement = connection.createStatement()) {
            // the service creates it since V43; an earlier build measured beside it does not
            statement.execute("CREATE EXTENSION IF NOT EXISTS fuzzystrmatch");
            statement.execute("SELECT setseed(0.2)");
            statement.execute("""
                    CREATE TEMP TABLE bench_preload AS
                    SELECT n, gen_random_uuid() AS id, full_name,
                        date '%s' + (n %% %d)::int AS birth_date, (n / %d) %% 2 = 0 AS female,
                        '3201' || lpad(((n / %d / 2) / 9999 + 1)::text, 2, '0')
                            || lpad((extract(day FROM date '%s' + (n %% %d)::int)::int + CASE WHEN (n / %d) %% 2 = 0 THEN 40 ELSE 0 END)::text, 2, '0')
                            || to_char(date '%s' + (n %% %d)::int, 'MMYY') || lpad(((n / %d / 2) %% 9999 + 1)::text, 4, '0') AS nik
                    FROM (SELECT n, (ARRAY[%s])[1 + floor(random() * %d)::int] || ' ' || (ARRAY[%s])[1 + floor(random() * %d)::int]
                            || ' ' || chr(97 + floor(random() * 26)::int) || chr(97 + floor(random() * 26)::int)
                            || chr(97 + floor(random() * 26)::int) AS full_name
                          FROM generate_series(0, %d - 1) n) g""".formatted(FIRST_BIRTH_DATE, BIRTH_DATES, BIRTH_DATES, BIRTH_DATES,
                    FIRST_BIRTH_DATE, BIRTH_DATES, BIRTH_DATES, FIRST_BIRTH_DATE, BIRTH_DATES, BIRTH_DATES,
                    first, FIRST.length, last, LAST.length, people));
            // as bench/registry.sh loads: indexes built once after the rows rather than a row at a time (the trigram ones)
            List<String> indexes = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("""
                    SELECT i.indexdef FROM pg_indexes i
                    WHERE i.tablename IN ('beneficiary', 'beneficiary_name_search') AND i.schemaname = current_schema()
                      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)""")) {
                while (rows.next()) {
                    indexes.add(rows.getString(1));
                }
            }
            for (String definition : indexes) {
                statement.execute("DROP INDEX " + definition.replaceFirst("^CREATE (UNIQUE )?INDEX (\\S+) ON .*$", "$2"));
            }
            // NameKey.of for these ASCII names: lower case, the old spellings, doubled letters made single
            statement.execute("""
                    INSERT INTO beneficiary (id, full_name, name_key, nik_hash, nik_cipher, nik_key_id, birth_date, sex, province_code,
                        regency_code, clusters, status, registered_at, updated_at)
                    SELECT id, full_name,
                        regexp_replace(replace(replace(replace(replace(replace(lower(full_name), 'oe', 'u'), 'dj', 'j'), 'tj', 'c'),
                            'sj', 'sy'), 'ch', 'kh'), '([a-z])\\1+', '\\1', 'g'),
                        encode(sha256(convert_to('nik' || nik, 'UTF8')), 'hex'),
                        encode(sha256(convert_to(nik, 'UTF8')) || substr(sha256(convert_to(id::text, 'UTF8')), 1, 12), 'base64'), 'bench',
                        birth_date, CASE WHEN female THEN 'FEMALE' ELSE 'MALE' END, '32', '32.01',
                        CASE WHEN n %% 3 = 0 THEN '{ELDERLY}'::text[] ELSE '{PERSONS_WITH_DISABILITIES}'::text[] END, 'REGISTERED',
                        now() - interval '1 day', now() - interval '1 day'
                    FROM bench_preload ORDER BY n""".formatted());
            statement.execute("""
                    INSERT INTO timeline_entry (id, beneficiary_id, occurred_at, kind, summary, source)
                    SELECT gen_random_uuid(), id, registered_at, 'registered', 'registered as REGISTERED', 'beneficiary' FROM beneficiary""");
            for (String definition : indexes) {
                statement.execute(definition);
            }
            double peopleSeconds = (System.nanoTime() - start) / 1e9;
            statement.execute("""
                    INSERT INTO duplicate_candidate (id, first_id, second_id, reason, status, detected_at, version)
                    SELECT gen_random_uuid(), a.id, b.id, 'same birth date ' || to_char(a.birth_date, 'YYYY-MM-DD') || ', same region '
                        || a.regency_code || CASE WHEN d = 0 THEN ', same name' ELSE ', names ' || d || ' edit(s) apart' END, 'OPEN', now(), 0
                    FROM beneficiary a JOIN beneficiary b ON b.birth_date = a.birth_date AND b.regency_code = a.regency_code AND a.id < b.id
                    CROSS JOIN LATERAL (SELECT greatest(2, greatest(octet_length(a.name_key), octet_length(b.name_key)) / 5) AS bound) k
                    CROSS JOIN LATERAL (SELECT levenshtein_less_equal(a.name_key, b.name_key, k.bound) AS d) l
                    WHERE l.d <= k.bound""");
            statement.execute("VACUUM ANALYZE beneficiary");
            statement.execute("VACUUM ANALYZE beneficiary_name_search");
            statement.execute("VACUUM ANALYZE duplicate_candidate");
            statement.execute("VACUUM ANALYZE timeline_entry");
            try (ResultSet pairs = statement.executeQuery("SELECT count(*) FROM duplicate_candidate")) {
                pairs.next();
                System.out.printf("preloaded %,d people by SQL in %.1f s (people and timeline %.1f s), %,d likely-duplicate pairs among them%n",
                        people, (System.nanoTime() - start) / 1e9, peopleSeconds, pairs.getLong(1));
            }
        }
        serial.set(people);
    }

    /** A CSV of new people with valid NIKs, written to a file (the upload streams it). */
    private Path csv(int rows) throws IOException {
        Path file = Files.createTempFile("import-bench", ".csv");
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("fullName,nik,birthDate,sex,provinceCode,regencyCode,clusters\n");
            for (int i = 0; i < rows; i++) {
                Person p = nextPerson();
                out.write(p.name + "," + p.nik + "," + p.birthDate + "," + (p.female ? "FEMALE" : "MALE") + ",32,32.01,"
                        + (i % 3 == 0 ? "ELDERLY" : "PERSONS_WITH_DISABILITIES") + "\n");
            }
        }
        return file;
    }

    /** The same kind of people as {@link #csv}, one JSON object a line, as a partner system sends them. */
    private Path jsonLines(int rows) throws IOException {
        Path file = Files.createTempFile("import-bench", ".jsonl");
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (int i = 0; i < rows; i++) {
                Person p = nextPerson();
                out.write("{\"fullName\":\"" + p.name + "\",\"nik\":\"" + p.nik + "\",\"birthDate\":\"" + p.birthDate
                        + "\",\"sex\":\"" + (p.female ? "FEMALE" : "MALE") + "\",\"provinceCode\":\"32\",\"regencyCode\":\"32.01\","
                        + "\"clusters\":[\"" + (i % 3 == 0 ? "ELDERLY" : "PERSONS_WITH_DISABILITIES") + "\"]}\n");
            }
        }
        return file;
    }

    /** The same kind of people as {@link #csv}, in the first sheet of a workbook, birth dates as date cells. */
    private Path xlsx(int rows) throws IOException {
        Path file = Files.createTempFile("import-bench", ".xlsx");
        try (OutputStream out = Files.newOutputStream(file)) {
            Workbook workbook = new Workbook(out, "atensi-bench", "1.0");
            Worksheet sheet = workbook.newWorksheet("people");
            String[] header = {"fullName", "nik", "birthDate", "sex", "provinceCode", "regencyCode", "clusters"};
            for (int c = 0; c < header.length; c++) {
                sheet.value(0, c, header[c]);
            }
            for (int i = 0; i < rows; i++) {
                Person p = nextPerson();
                int r = i + 1;
                sheet.value(r, 0, p.name);
                sheet.value(r, 1, p.nik);
                sheet.value(r, 2, p.birthDate);
                sheet.value(r, 3, p.female ? "FEMALE" : "MALE");
                sheet.value(r, 4, "32");
                sheet.value(r, 5, "32.01");
                sheet.value(r, 6, i % 3 == 0 ? "ELDERLY" : "PERSONS_WITH_DISABILITIES");
                if (r % 10_000 == 0) {
                    // fastexcel keeps a sheet's rows until flushed; this bounds what the benchmark holds
                    sheet.flush();
                }
            }
            workbook.finish();
        }
        return file;
    }

    private record Person(String name, String nik, LocalDate birthDate, boolean female) {
    }

    /** Every call a new NIK: birth date and sex vary fastest, then the four-digit serial, then the district. */
    private synchronized Person nextPerson() {
        long n = serial.getAndIncrement();
        LocalDate birthDate = FIRST_BIRTH_DATE.plusDays(n % BIRTH_DATES);
        boolean female = (n / BIRTH_DATES) % 2 == 0;
        long rest = n / BIRTH_DATES / 2;
        int number = (int) (rest % 9_999) + 1;
        int district = (int) (rest / 9_999) + 1 + regionOffset;
        String nik = "3201%02d".formatted(district) + "%02d%02d%02d".formatted(birthDate.getDayOfMonth() + (female ? 40 : 0),
                birthDate.getMonthValue(), birthDate.getYear() % 100) + "%04d".formatted(number);
        String name = FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)] + " " + (char) ('a' + random.nextInt(26))
                + (char) ('a' + random.nextInt(26)) + (char) ('a' + random.nextInt(26));
        return new Person(name, nik, birthDate, female);
    }

    /** Uploads the file, polls the job to its end; while it runs, registers people one after another into {@code latencies}. */
    private String importFile(Path file, String contentType, List<Long> latencies) throws Exception {
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/beneficiary-imports"))
                .header("Authorization", "Bearer " + token).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            throw new IllegalStateException("import refused: " + started.statusCode() + " " + started.body());
        }
        String job = started.headers().firstValue("Location").orElseThrow();
        lastJob = job;
        AtomicBoolean running = new AtomicBoolean(true);
        Thread prober = null;
        if (latencies != null) {
            prober = new Thread(() -> {
                while (running.get()) {
                    try {
                        long t = register();
                        if (t > 0) {
                            synchronized (latencies) {
                                latencies.add(t);
                            }
                        }
                        Thread.sleep(20);
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            prober.start();
        }
        try {
            while (true) {
                Thread.sleep(250);
                String body = http.send(HttpRequest.newBuilder(URI.create(job)).header("Authorization", "Bearer " + token).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                if (!body.contains("\"RUNNING\"")) {
                    if (!body.contains("\"DONE\"")) {
                        throw new IllegalStateException("import ended: " + body.substring(0, Math.min(500, body.length())));
                    }
                    StringBuilder counts = new StringBuilder();
                    Matcher m = NUMBER.matcher(body);
                    while (m.find()) {
                        if (Set.of("registered", "unchanged", "rejected", "chunks").contains(m.group(1))) {
                            counts.append(m.group(1)).append('=').append(m.group(2)).append(' ');
                        }
                    }
                    return counts.toString().strip();
                }
            }
        } finally {
            running.set(false);
            if (prober != null) {
                prober.join();
            }
        }
    }

    /** One registration; its latency in ns, or -1 when it was not 201. */
    long register() throws IOException, InterruptedException {
        Person p = nextPerson();
        String body = "{\"fullName\":\"" + p.name + "\",\"nik\":\"" + p.nik + "\",\"birthDate\":\"" + p.birthDate + "\",\"sex\":\""
                + (p.female ? "FEMALE" : "MALE") + "\",\"address\":{\"provinceCode\":\"32\",\"regencyCode\":\"32.01\"},\"clusters\":[\"ELDERLY\"]}";
        long start = System.nanoTime();
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/beneficiaries"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
        long elapsed = System.nanoTime() - start;
        return response.statusCode() == 201 ? elapsed : -1;
    }

    private long[] probe(int count) throws IOException, InterruptedException {
        long[] latencies = new long[count];
        for (int i = 0; i < count; i++) {
            latencies[i] = register();
        }
        Arrays.sort(latencies);
        return latencies;
    }

    record Throughput(long done, long errors) {
    }

    private Throughput registrations(int clients, int seconds) throws InterruptedException {
        // warm-up, then the measured interval
        runClients(clients, 5);
        return runClients(clients, seconds);
    }

    Throughput runClients(int clients, int seconds) throws InterruptedException {
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            pool.submit(() -> {
                while (System.nanoTime() < end) {
                    try {
                        if (register() > 0) {
                            done.incrementAndGet();
                        } else {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
        return new Throughput(done.get(), errors.get());
    }

    /**
     * Counted as OutboxBacklog does, from the relay's stored bound where the build has one (V0_0_2): since then no index
     * holds the pending rows, and a count of every row would scan the whole outbox at each probe. A build from before
     * V0_0_2 keeps its partial index on the pending rows.
     */
    private long pendingEvents(String jdbc, TestInfrastructure infrastructure) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbc, infrastructure.dbUser(), infrastructure.dbPassword());
             Statement statement = connection.createStatement()) {
            boolean storedBound;
            try (ResultSet relay = statement.executeQuery("SELECT to_regclass('outbox_relay') IS NOT NULL")) {
                relay.next();
                storedBound = relay.getBoolean(1);
            }
            try (ResultSet rows = statement.executeQuery(storedBound
                    ? "SELECT count(*) FROM outbox_event WHERE seq >= (SELECT settled_below FROM outbox_relay) AND published_at IS NULL"
                    : "SELECT count(*) FROM outbox_event WHERE published_at IS NULL")) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** COPY of the same file into a fresh table of its columns: what PostgreSQL takes to store the rows, nothing more. */
    private static double copyReference(String jdbc, TestInfrastructure infrastructure, Path file) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbc, infrastructure.dbUser(), infrastructure.dbPassword());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE copy_reference (full_name TEXT, nik TEXT, birth_date DATE, sex TEXT, province_code TEXT,"
                    + " regency_code TEXT, clusters TEXT)");
            long start = System.nanoTime();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("COPY copy_reference FROM STDIN (FORMAT csv, HEADER true)", reader);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            statement.execute("DROP TABLE copy_reference");
            return seconds;
        }
    }

    /** pgbench with the statements of one registration; answers transactions per second. */
    static double pgbench(String jdbc, TestInfrastructure infrastructure, Path script, int clients, int seconds) throws Exception {
        Matcher url = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/([^?]+)").matcher(jdbc);
        if (!url.find()) {
            throw new IllegalStateException("cannot read host and port from " + jdbc);
        }
        ProcessBuilder builder = new ProcessBuilder("pgbench", "-n", "-c", String.valueOf(clients), "-j", "2", "-T", String.valueOf(seconds),
                "-f", script.toString(), "-h", url.group(1), "-p", url.group(2), "-U", infrastructure.dbUser(), url.group(3));
        builder.environment().put("PGPASSWORD", infrastructure.dbPassword());
        Process pgbench = builder.redirectErrorStream(true).start();
        String output = new String(pgbench.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        pgbench.waitFor();
        Matcher tps = Pattern.compile("tps = ([0-9.]+)").matcher(output);
        if (!tps.find()) {
            throw new IllegalStateException("pgbench said: " + output);
        }
        return Double.parseDouble(tps.group(1));
    }

    static long cpuMillis(long pid) throws IOException {
        String[] stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat")).split("\\) ")[1].split(" ");
        // fields 14 and 15 (utime, stime) in clock ticks of 10 ms; after the ") " split, index 11 and 12
        return (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) * 10;
    }

    private static String summary(long[] sorted) {
        if (sorted.length == 0) {
            return "no registration completed";
        }
        return "n=%d p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms".formatted(sorted.length, pct(sorted, 50), pct(sorted, 95),
                pct(sorted, 99), sorted[sorted.length - 1] / 1e6);
    }

    private static double pct(long[] sorted, int p) {
        return sorted[Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }
}
