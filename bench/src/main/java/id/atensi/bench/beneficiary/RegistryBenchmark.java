package id.atensi.bench.beneficiary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import id.atensi.local.Ports;
import id.atensi.local.Tokens;
import id.atensi.local.launcher.App;
import id.atensi.local.launcher.Spec;
import id.atensi.local.launcher.Supervisor;
import id.atensi.testing.HarnessBacking;
import id.atensi.testing.TestInfrastructure;
import org.postgresql.PGConnection;

import java.io.StringReader;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Issue 21's and 23's registry reads at a registry of {@code people} (1,000,000): the SPDCI sync search by identifier
 * (p50/p95/p99), an async search of 1,000 identifiers answered by callback to a receiver on 127.0.0.1, and the console's
 * person search by name (first page), each directly against beneficiary-service and through the gateway, alternated
 * in one run. The packaged service and gateway are started as ./atensi starts them (App.spec under the launcher's
 * Supervisor) against the test harness' PostgreSQL and Kafka, verifying tokens this benchmark signs.
 * <p>
 * The people are written by COPY, not through the import (too slow to preload a million, and being rewritten): each
 * row's NIK sealed and hashed by the service's own {@code PersonalNumberCipher} (loaded from the packaged jar) with the
 * keys the service is started with, its name folded by the service's {@code NameKey}, and the table's secondary
 * indexes dropped before the COPY and built again after it (their definitions read from the catalogue). Every person
 * has a REGISTRY_EXCHANGE consent, so that each identifier searched is answered with a record.
 * <p>
 * With {@code -Dbench.registry.keep=true} (bench/registry.sh with BENCH_REGISTRY_KEEP) the database is named by the
 * number of people and kept: a later run against the same server finds the people, and the keys that sealed their
 * numbers, and skips the load (12 minutes for 1,000,000 on 2 shared cores); the service applies its newer migrations
 * to them at its start.
 * <p>
 * Arguments: people (1000000), sync searches per phase (500), rounds (2). With {@code -Datensi-baseline-root}, a
 * repository root where another build of beneficiary-service is packaged, that build runs beside this tree's on the same
 * database and is measured first in each round as {@code baseline}. Each async search also reports the service's CPU
 * time it took (the process's, read from the operating system): on a shared machine, the figure the load does not move.
 */
public final class RegistryBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String SENDER = "bench.registry.example";
    private static final String[] FIRST = {"Siti", "Dewi", "Agus", "Budi", "Rahmat", "Sri", "Nur", "Ahmad", "Putri", "Joko", "Wahyu",
            "Eko", "Ani", "Yuni", "Dedi", "Asep", "Ujang", "Euis", "Rina", "Tuti"};
    private static final String[] LAST = {"Rahmawati", "Lestari", "Santoso", "Hidayat", "Susanti", "Wijaya", "Kusuma", "Pratama",
            "Nurhaliza", "Saputra", "Setiawan", "Handayani", "Gunawan", "Permana", "Suryani", "Maulana", "Fitriani", "Ramadhan",
            "Wulandari", "Sari"};
    private static final String[] SYLLABLE = {"ba", "di", "ku", "ra", "no", "te", "si", "ma", "lo", "we", "ja", "pu"};
    /** What an officer types in the console's search box: a full name, a first and last name, a fragment. */
    private static final String[] NAME_QUERIES = {"siti nurhaliza", "dewi lestari kuma", "agus wijaya", "rahmat", "wulandari", "joko san"};
    private static final LocalDate FIRST_BIRTH_DATE = LocalDate.of(1950, 1, 1);
    private static final int BIRTH_DATES = 18_000;
    private static final int CHUNK = 50_000;
    private static final int ASYNC_IDENTIFIERS = 1_000;

    public static void main(String[] args) throws Exception {
        int people = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Path root = Path.of(System.getProperty("atensi-repository-root", ".")).toAbsolutePath();
        List<String[]> regencies = Files.readAllLines(root.resolve("platform-vocabulary/src/main/resources/idn-area/regencies.csv")).stream()
                .skip(1).map(line -> line.split(",", 3)).filter(parts -> parts[0].matches("\\d{2}\\.\\d{2}")).toList();

        TestInfrastructure infrastructure = TestInfrastructure.get();
        boolean keep = Boolean.getBoolean("bench.registry.keep");
        String database = keep ? "beneficiary_registry_bench_" + people : "beneficiary_registry_bench_" + Long.toHexString(System.nanoTime());
        Optional<Map<String, String>> kept = keep ? keptKeys(infrastructure, database, people) : Optional.empty();
        Map<String, String> keys = kept.orElseGet(RegistryBenchmark::keys);
        HarnessBacking backing = HarnessBacking.withHarnessTokens(name -> database);
        int servicePort = Ports.free();
        int gatewayPort = Ports.free();
        Map<String, Integer> ports = Map.of("beneficiary-service", servicePort, "gateway", gatewayPort);
        Path runDirectory = Files.createTempDirectory("registry-bench");
        Supervisor supervisor = new Supervisor(runDirectory, Duration.ofSeconds(20), System.out::println, System.err::println);
        List<String> javaOptions = Arrays.stream(System.getenv().getOrDefault("BENCH_JVM_OPTS", "").strip().split("\\s+"))
                .filter(option -> !option.isEmpty()).toList();
        Spec plain = App.named("beneficiary-service").spec(root, ports, backing, javaOptions, runDirectory);
        Map<String, String> environment = new LinkedHashMap<>(plain.environment());
        environment.putAll(keys);
        Spec service = new Spec(plain.name(), plain.description(), plain.command(), environment, plain.log(), plain.readiness(), plain.marker(),
                plain.ports(), plain.stopSignal());
        Spec gateway = App.GATEWAY.spec(root, ports, backing, List.of(), runDirectory);
        // Another build of the service (bench/registry.sh's baseline commit), on the same database beside this tree's, so
        // that both are measured in one run; the gateway routes to this tree's.
        String baselineRoot = System.getProperty("atensi-baseline-root", "");
        int baselinePort = Ports.free();
        Spec baseline = null;
        if (!baselineRoot.isBlank()) {
            Path baselineRun = Files.createTempDirectory("registry-bench-baseline");
            Spec other = App.named("beneficiary-service").spec(Path.of(baselineRoot), Map.of("beneficiary-service", baselinePort, "gateway", gatewayPort),
                    backing, javaOptions, baselineRun);
            Map<String, String> baselineEnvironment = new LinkedHashMap<>(other.environment());
            baselineEnvironment.putAll(keys);
            baseline = new Spec("beneficiary-baseline", other.description(), other.command(), baselineEnvironment, other.log(), other.readiness(),
                    other.marker(), other.ports(), other.stopSignal());
        }
        System.out.printf("beneficiary-service on %d (database %s, log %s), gateway on %d (log %s)%n", servicePort, database, service.log(),
                gatewayPort, gateway.log());
        Tokens tokens = new Tokens(infrastructure.signingKeys());
        String registryToken = tokens.mint(SENDER, Set.of("registry"), Tokens.Scope.none(), Duration.ofHours(3));
        String adminToken = tokens.mint("bench-admin", Set.of("admin"), Tokens.Scope.none(), Duration.ofHours(3));
        try {
            supervisor.launch(service);
            supervisor.awaitReady(List.of(service), Duration.ofMinutes(4), (spec, took) -> System.out.printf("service ready after %d s%n", took.toSeconds()));
            List<String> sample;
            try (Connection connection = DriverManager.getConnection(infrastructure.jdbcUrl(database), infrastructure.dbUser(),
                    infrastructure.dbPassword())) {
                if (kept.isPresent()) {
                    System.out.printf("reusing the %,d people kept in %s%n", people, database);
                    sample = sample(regencies, people);
                    // Statistics for what the service's newer migrations added (an index on an expression has its own).
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("VACUUM ANALYZE beneficiary");
                    }
                } else {
                    sample = preload(connection, root, keys, regencies, people);
                    if (keep) {
                        keepKeys(connection, keys, people);
                    }
                }
            }
            supervisor.launch(gateway);
            supervisor.awaitReady(List.of(gateway), Duration.ofMinutes(4), (spec, took) -> System.out.printf("gateway ready after %d s%n", took.toSeconds()));
            Map<String, String> targets = new LinkedHashMap<>();
            Map<String, String> jars = new LinkedHashMap<>();
            if (baseline != null) {
                supervisor.launch(baseline);
                supervisor.awaitReady(List.of(baseline), Duration.ofMinutes(4), (spec, took) -> System.out.printf("baseline ready after %d s%n", took.toSeconds()));
                targets.put("baseline", "http://127.0.0.1:" + baselinePort);
                jars.put("baseline", baseline.marker());
            }
            targets.put("direct", "http://127.0.0.1:" + servicePort);
            targets.put("gateway", "http://127.0.0.1:" + gatewayPort);
            jars.put("direct", service.marker());
            jars.put("gateway", service.marker());
            try (Receiver receiver = new Receiver()) {
                measure(targets, jars, sample, registryToken, adminToken, receiver, requests, rounds);
            }
            try (Connection connection = DriverManager.getConnection(infrastructure.jdbcUrl(database), infrastructure.dbUser(),
                    infrastructure.dbPassword())) {
                nameSearchStatements(connection, Math.max(10, requests / 10));
            }
        } finally {
            List<Spec> started = new ArrayList<>(List.of(gateway, service));
            if (baseline != null) {
                started.add(baseline);
            }
            supervisor.stop(started);
        }
        // The harness stops its Kafka broker in a shutdown hook; returning to exec:java left the broker running after
        // Maven ended, as the other benchmarks' explicit exit does not.
        System.exit(0);
    }

    /** The bench's own PII keys, given to the service through its environment and to the cipher that seals the rows. */
    private static Map<String, String> keys() {
        SecureRandom random = new SecureRandom();
        byte[] encryption = new byte[32];
        byte[] hash = new byte[32];
        random.nextBytes(encryption);
        random.nextBytes(hash);
        return Map.of("ATENSI_BENEFICIARY_PII_KEYS_BENCH1", Base64.getEncoder().encodeToString(encryption),
                "ATENSI_BENEFICIARY_PII_ACTIVE_KEY_ID", "bench1",
                "ATENSI_BENEFICIARY_PII_HASH_KEY", Base64.getEncoder().encodeToString(hash));
    }

    /**
     * The keys a kept database's people were sealed with, when it holds all of them; otherwise the database is dropped
     * (a load that did not finish) so that the service starts on an empty one.
     */
    private static Optional<Map<String, String>> keptKeys(TestInfrastructure infrastructure, String database, int people) throws Exception {
        try (Connection connection = DriverManager.getConnection(infrastructure.jdbcUrl(database), infrastructure.dbUser(), infrastructure.dbPassword());
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT to_regclass('bench_registry_preload') IS NOT NULL")) {
            row.next();
            if (row.getBoolean(1)) {
                try (ResultSet keys = statement.executeQuery("SELECT people, encryption_key, hash_key FROM bench_registry_preload")) {
                    if (keys.next() && keys.getInt(1) == people) {
                        return Optional.of(Map.of("ATENSI_BENEFICIARY_PII_KEYS_BENCH1", keys.getString(2),
                                "ATENSI_BENEFICIARY_PII_ACTIVE_KEY_ID", "bench1", "ATENSI_BENEFICIARY_PII_HASH_KEY", keys.getString(3)));
                    }
                }
            }
        }
        try (Connection connection = DriverManager.getConnection(infrastructure.jdbcUrl("postgres"), infrastructure.dbUser(), infrastructure.dbPassword());
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
        return Optional.empty();
    }

    /** Marks the load finished, with the bench's own synthetic keys: only this database's made-up people are sealed with them. */
    private static void keepKeys(Connection connection, Map<String, String> keys, int people) throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE bench_registry_preload (people INT NOT NULL, encryption_key TEXT NOT NULL, hash_key TEXT NOT NULL)");
        }
        try (var insert = connection.prepareStatement("INSERT INTO bench_registry_preload VALUES (?, ?, ?)")) {
            insert.setInt(1, people);
            insert.setString(2, keys.get("ATENSI_BENEFICIARY_PII_KEYS_BENCH1"));
            insert.setString(3, keys.get("ATENSI_BENEFICIARY_PII_HASH_KEY"));
            insert.executeUpdate();
        }
    }

    /** The service's PersonalNumberCipher and NameKey, from its packaged jar, so that rows are sealed and folded exactly as it does. */
    private record ServiceCode(Object cipher, Method seal, Method hash, Method keyId, Method ciphertext, Method nameKey) {

        static ServiceCode load(Path root, Map<String, String> keys) throws Exception {
            Path app = root.resolve("beneficiary-service/target/quarkus-app/app");
            URL[] jars;
            try (var files = Files.list(app)) {
                jars = files.filter(file -> file.toString().endsWith(".jar")).map(file -> {
                    try {
                        return file.toUri().toURL();
                    } catch (java.net.MalformedURLException e) {
                        throw new IllegalStateException(e);
                    }
                }).toArray(URL[]::new);
            }
            ClassLoader loader = new URLClassLoader(jars, RegistryBenchmark.class.getClassLoader());
            Class<?> cipherClass = loader.loadClass("id.atensi.beneficiary.pii.PersonalNumberCipher");
            Map<String, String> config = Map.of(
                    "atensi.beneficiary.pii.keys.bench1", keys.get("ATENSI_BENEFICIARY_PII_KEYS_BENCH1"),
                    "atensi.beneficiary.pii.active-key-id", "bench1",
                    "atensi.beneficiary.pii.hash-key", keys.get("ATENSI_BENEFICIARY_PII_HASH_KEY"));
            Object cipher = cipherClass.getMethod("fromConfig", Map.class).invoke(null, config);
            Class<?> sealed = loader.loadClass("id.atensi.beneficiary.pii.PersonalNumberCipher$Sealed");
            Class<?> nameKey = loader.loadClass("id.atensi.beneficiary.domain.NameKey");
            return new ServiceCode(cipher, cipherClass.getMethod("seal", String.class, String.class), cipherClass.getMethod("hash", String.class, String.class),
                    sealed.getMethod("keyId"), sealed.getMethod("ciphertext"), nameKey.getMethod("of", String.class));
        }
    }

    /** Writes the people and their consents; answers the NIKs the searches ask for (every 400th person's). */
    private static List<String> preload(Connection connection, Path root, Map<String, String> keys, List<String[]> regencies, int people)
            throws Exception {
        ServiceCode code = ServiceCode.load(root, keys);
        if (people > BIRTH_DATES * 2 * 9_000) {
            throw new IllegalArgumentException("at most " + BIRTH_DATES * 2 * 9_000 + " people");
        }
        long started = System.nanoTime();
        List<String> indexes = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("""
                    SELECT i.indexname, i.indexdef FROM pg_indexes i
                    WHERE i.tablename IN ('beneficiary', 'beneficiary_name_search') AND i.schemaname = current_schema()
                      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)""")) {
                while (rows.next()) {
                    indexes.add(rows.getString(2));
                    System.out.println("dropped for the load, built again after: " + rows.getString(1));
                }
            }
            for (String definition : indexes) {
                statement.execute("DROP INDEX " + definition.replaceFirst("^CREATE (UNIQUE )?INDEX (\\S+) ON .*$", "$2"));
            }
        }
        Random random = new Random(21);
        List<String> sample = new ArrayList<>();
        OffsetDateTime registered = OffsetDateTime.parse("2026-06-01T08:00:00+07:00");
        PGConnection copy = connection.unwrap(PGConnection.class);
        StringBuilder rows = new StringBuilder(CHUNK * 400);
        for (int i = 0; i < people; i++) {
            int female = i % 2;
            LocalDate birth = birthDate(i);
            String[] regency = regency(regencies, i);
            String nik = nik(regencies, i);
            if (i % 400 == 0) {
                sample.add(nik);
            }
            String name = FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)] + " "
                    + SYLLABLE[random.nextInt(SYLLABLE.length)] + SYLLABLE[random.nextInt(SYLLABLE.length)];
            Object sealed = code.seal().invoke(code.cipher(), nik, "nik");
            OffsetDateTime at = registered.plusSeconds(i * 13L);
            rows.append(UUID.nameUUIDFromBytes(nik.getBytes(StandardCharsets.US_ASCII))).append('\t')
                    .append(name).append('\t')
                    .append(code.nameKey().invoke(null, name)).append('\t')
                    .append(code.hash().invoke(code.cipher(), nik, "nik")).append('\t')
                    .append(code.ciphertext().invoke(sealed)).append('\t')
                    .append(code.keyId().invoke(sealed)).append('\t')
                    .append(birth).append('\t')
                    .append(female == 1 ? "FEMALE" : "MALE").append('\t')
                    .append(regency[0], 0, 2).append('\t')
                    .append(regency[0]).append('\t')
                    .append(i % 3 == 0 ? "{ELDERLY}" : "{PERSONS_WITH_DISABILITIES}").append('\t')
                    .append("REGISTERED").append('\t')
                    .append(at).append('\t')
                    .append(at).append('\n');
            if ((i + 1) % CHUNK == 0 || i == people - 1) {
                copy.getCopyAPI().copyIn("""
                        COPY beneficiary (id, full_name, name_key, nik_hash, nik_cipher, nik_key_id, birth_date, sex, province_code, regency_code,
                          clusters, status, registered_at, updated_at) FROM STDIN""", new StringReader(rows.toString()));
                rows.setLength(0);
                if ((i + 1) % 200_000 == 0) {
                    System.out.printf("  %,d people written, %.0f s%n", i + 1, (System.nanoTime() - started) / 1e9);
                }
            }
        }
        double written = (System.nanoTime() - started) / 1e9;
        long indexed = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            for (String definition : indexes) {
                statement.execute(definition);
            }
            statement.execute("""
                    INSERT INTO consent (id, beneficiary_id, purpose, given, recorded_by, recorded_at, evidence_reference)
                    SELECT gen_random_uuid(), id, 'REGISTRY_EXCHANGE', TRUE, 'bench', registered_at, 'bench-form' FROM beneficiary""");
            statement.execute("""
                    INSERT INTO consent_state (beneficiary_id, purpose, given, consent_id, recorded_at)
                    SELECT beneficiary_id, purpose, given, id, recorded_at FROM consent WHERE recorded_by = 'bench'""");
            statement.execute("VACUUM ANALYZE beneficiary");
            statement.execute("VACUUM ANALYZE consent_state");
        }
        System.out.printf("preloaded %,d people by COPY in %.0f s, indexes and consents in %.0f s%n", people, written,
                (System.nanoTime() - indexed) / 1e9);
        return sample;
    }

    private static LocalDate birthDate(int person) {
        return FIRST_BIRTH_DATE.plusDays((person / 2) % BIRTH_DATES);
    }

    private static String[] regency(List<String[]> regencies, int person) {
        return regencies.get((int) ((person * 7_919L) % regencies.size()));
    }

    /** The person's NIK: regency, district 01, birth date (day + 40 for women), a serial per birth date and sex. */
    private static String nik(List<String[]> regencies, int person) {
        LocalDate birth = birthDate(person);
        return regency(regencies, person)[0].replace(".", "") + "01" + String.format("%02d%02d%02d%04d",
                birth.getDayOfMonth() + 40 * (person % 2), birth.getMonthValue(), birth.getYear() % 100, person / (2 * BIRTH_DATES) + 1);
    }

    /** The NIKs the searches ask for: every 400th person's, as the load picks them. */
    private static List<String> sample(List<String[]> regencies, int people) {
        List<String> sample = new ArrayList<>();
        for (int i = 0; i < people; i += 400) {
            sample.add(nik(regencies, i));
        }
        return sample;
    }

    private static void measure(Map<String, String> targets, Map<String, String> jars, List<String> sample, String registryToken, String adminToken,
                                Receiver receiver, int requests, int rounds) throws Exception {
        Random random = new Random(23);
        for (String base : targets.values()) {
            for (int i = 0; i < 100; i++) {
                syncSearch(base, registryToken, sample.get(random.nextInt(sample.size())), true);
                nameSearch(base, adminToken, NAME_QUERIES[i % NAME_QUERIES.length]);
            }
        }
        Map<String, List<Double>> sync = new LinkedHashMap<>();
        Map<String, List<Double>> names = new LinkedHashMap<>();
        Map<String, List<Double>> async = new LinkedHashMap<>();
        Map<String, List<Double>> asyncCpu = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (Map.Entry<String, String> target : targets.entrySet()) {
                List<Double> syncTimes = sync.computeIfAbsent(target.getKey(), key -> new ArrayList<>());
                for (int i = 0; i < requests; i++) {
                    syncTimes.add(syncSearch(target.getValue(), registryToken, sample.get(random.nextInt(sample.size())), false));
                }
                List<Double> nameTimes = names.computeIfAbsent(target.getKey(), key -> new ArrayList<>());
                for (int i = 0; i < requests / 2; i++) {
                    nameTimes.add(nameSearch(target.getValue(), adminToken, NAME_QUERIES[i % NAME_QUERIES.length]));
                }
                List<String> identifiers = new ArrayList<>();
                for (int i = 0; i < ASYNC_IDENTIFIERS; i++) {
                    identifiers.add(sample.get(random.nextInt(sample.size())));
                }
                ProcessHandle serviceProcess = process(jars.get(target.getKey()));
                Duration cpuBefore = cpu(serviceProcess);
                double took = asyncSearch(target.getValue(), registryToken, identifiers, receiver);
                double cpuMillis = cpu(serviceProcess).minus(cpuBefore).toNanos() / 1e6;
                async.computeIfAbsent(target.getKey(), key -> new ArrayList<>()).add(took);
                asyncCpu.computeIfAbsent(target.getKey(), key -> new ArrayList<>()).add(cpuMillis);
                System.out.printf("round %d %-8s sync p95 %.1f ms, name p95 %.1f ms, async %,d identifiers %.2f s, the service's CPU %.0f ms "
                                + "(%.2f ms per identifier), load %s%n", round, target.getKey(), percentile(syncTimes, 95), percentile(nameTimes, 95),
                        ASYNC_IDENTIFIERS, took / 1000, cpuMillis, cpuMillis / ASYNC_IDENTIFIERS, Files.readString(Path.of("/proc/loadavg")).strip());
            }
        }
        System.out.println();
        System.out.println("| measure | path | n | p50 | p95 | p99 | goal |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (String target : targets.keySet()) {
            row("(a) sync search by identifier (`/registry/sync/search`)", target, sync.get(target), "p95 < 50 ms via the gateway");
        }
        for (String target : targets.keySet()) {
            row("(c) person search by name, first page (`GET /api/v1/beneficiaries?name=`)", target, names.get(target), "< 300 ms");
        }
        for (String target : targets.keySet()) {
            List<Double> times = async.get(target);
            System.out.printf("| (b) async search of %,d identifiers, ACK to callback received | %s | %d | %s | | | < 5 s |%n", ASYNC_IDENTIFIERS,
                    target, times.size(), times.stream().map(ms -> String.format("%.2f s", ms / 1000)).toList());
        }
        for (String target : targets.keySet()) {
            System.out.printf("| (b) the service's CPU per async search of %,d identifiers (the gateway's not counted) | %s | %d | %s | | | |%n",
                    ASYNC_IDENTIFIERS, target, asyncCpu.get(target).size(), asyncCpu.get(target).stream().map(ms -> String.format("%.0f ms", ms)).toList());
        }
    }

    /** The service's process, by the jar its command runs: the CPU it spends is read from the operating system. */
    private static ProcessHandle process(String jar) {
        return ProcessHandle.allProcesses().filter(process -> process.info().commandLine().map(line -> line.contains(jar)).orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("no process runs " + jar));
    }

    private static Duration cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().orElseThrow(() -> new IllegalStateException("the CPU time of " + process.pid() + " cannot be read"));
    }

    /**
     * (d) The name search's statement as it was before V41 (over the table's full rows) and as the service now runs it
     * (over beneficiary_name_search), alternately (which runs first
     * alternates too) in one session for each of the six names: wall-clock time in the database and the server process'
     * CPU time (from /proc, in clock ticks: a mean over many runs), and the answers checked equal (the same ids in the
     * same order, the same total). The names need no folding (NameKey leaves them as they are).
     */
    private static void nameSearchStatements(Connection connection, int repetitions) throws Exception {
        String before = "SELECT b.*, count(*) OVER () AS matches FROM beneficiary b WHERE merged_into IS NULL%s"
                + " ORDER BY name_key || '' ASC, id LIMIT 20";
        String after = "SELECT b.id, found.matches FROM (SELECT id, name_key AS sort_key, count(*) OVER () AS matches"
                + " FROM beneficiary_name_search WHERE TRUE%s ORDER BY name_key || '' ASC, id LIMIT 20 OFFSET 0) found"
                + " JOIN beneficiary b ON b.id = found.id ORDER BY found.sort_key ASC, found.id";
        int backend;
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
            row.next();
            backend = row.getInt(1);
            statement.execute("SET plan_cache_mode = force_custom_plan");
        }
        Map<String, List<Double>> times = new LinkedHashMap<>();
        Map<String, Long> cpuTicks = new LinkedHashMap<>();
        for (int i = 0; i < repetitions; i++) {
            for (String name : NAME_QUERIES) {
                String[] tokens = name.split(" ");
                String condition = " AND name_key LIKE ?".repeat(tokens.length);
                String kind = name.contains(" ") ? "several words" : "one common name";
                List<String> answers = new ArrayList<>();
                for (String variant : i % 2 == 0 ? List.of("before", "after") : List.of("after", "before")) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("after".equals(variant) ? "SET work_mem = '16MB'" : "RESET work_mem");
                    }
                    try (var select = connection.prepareStatement(("before".equals(variant) ? before : after).formatted(condition))) {
                        for (int t = 0; t < tokens.length; t++) {
                            select.setString(t + 1, "%" + tokens[t] + "%");
                        }
                        long cpu = cpuTicks(backend);
                        long start = System.nanoTime();
                        StringBuilder answer = new StringBuilder();
                        try (ResultSet rows = select.executeQuery()) {
                            while (rows.next()) {
                                answer.append(rows.getString("id")).append(' ').append(rows.getLong("matches")).append('\n');
                            }
                        }
                        times.computeIfAbsent(variant + ", " + kind, key -> new ArrayList<>()).add((System.nanoTime() - start) / 1e6);
                        cpuTicks.merge(variant + ", " + kind, cpuTicks(backend) - cpu, Long::sum);
                        answers.add(answer.toString());
                    }
                }
                if (!answers.get(0).equals(answers.get(1)) || answers.get(0).isEmpty()) {
                    throw new IllegalStateException("the statements answered \"" + name + "\" differently:\n" + answers);
                }
            }
        }
        System.out.println();
        System.out.println("| (d) name search statement in the database | n | p50 | p95 | max | CPU per statement (mean) |");
        System.out.println("|---|---|---|---|---|---|");
        for (Map.Entry<String, List<Double>> variant : times.entrySet()) {
            List<Double> values = variant.getValue();
            System.out.printf("| %s | %d | %.1f ms | %.1f ms | %.1f ms | %.1f ms |%n", variant.getKey(), values.size(), percentile(values, 50),
                    percentile(values, 95), percentile(values, 100), cpuTicks.get(variant.getKey()) * 10.0 / values.size());
        }
    }

    /** User and system time of a local process so far, in clock ticks of 10 ms (fields 14 and 15 of /proc/PID/stat). */
    private static long cpuTicks(int pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static void row(String measure, String target, List<Double> times, String goal) {
        System.out.printf("| %s | %s | %d | %.1f ms | %.1f ms | %.1f ms | %s |%n", measure, target, times.size(), percentile(times, 50),
                percentile(times, 95), percentile(times, 99), goal);
    }

    private static double percentile(List<Double> values, int percent) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }

    private static String header(String action, int count, String senderUri) {
        return """
                {"version": "1.0.0", "message_id": "%s", "message_ts": "%s", "action": "%s", "sender_id": "%s", "receiver_id": "atensi.kemensos.go.id",
                 "total_count": %d%s}""".formatted(UUID.randomUUID(), OffsetDateTime.now(), action, SENDER, count,
                senderUri == null ? "" : ", \"sender_uri\": \"" + senderUri + "\"");
    }

    private static String byNik(int reference, String nik) {
        return """
                {"reference_id": "r-%d", "timestamp": "%s", "search_criteria": {"version": "1.0.0", "reg_event_type": "REGISTER",
                 "query_type": "idtype-value", "query": {"type": "UIN", "value": "%s"},
                 "consent": {"@type": "Consent", "purpose": {"code": "REGISTRY_EXCHANGE"}}}}""".formatted(reference, OffsetDateTime.now(), nik);
    }

    private static HttpResponse<String> post(String url, String token, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One sync search by NIK; milliseconds. The first answers are checked to hold the person asked for. */
    private static double syncSearch(String base, String token, String nik, boolean check) throws Exception {
        String body = "{\"header\": " + header("search", 1, null) + ", \"message\": {\"transaction_id\": \"" + UUID.randomUUID()
                + "\", \"search_request\": [" + byNik(0, nik) + "]}}";
        long start = System.nanoTime();
        HttpResponse<String> answer = post(base + "/registry/sync/search", token, body);
        double took = (System.nanoTime() - start) / 1e6;
        if (answer.statusCode() != 200 || check && !answer.body().contains(nik)) {
            throw new IllegalStateException("sync search at " + base + " answered " + answer.statusCode() + ": "
                    + answer.body().substring(0, Math.min(600, answer.body().length())));
        }
        return took;
    }

    private static double nameSearch(String base, String token, String name) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/beneficiaries?page=0&size=20&name="
                        + URLEncoder.encode(name, StandardCharsets.UTF_8))).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + token).GET().build();
        long start = System.nanoTime();
        HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        double took = (System.nanoTime() - start) / 1e6;
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("name search at " + base + " answered " + answer.statusCode() + ": "
                    + answer.body().substring(0, Math.min(600, answer.body().length())));
        }
        return took;
    }

    /** One async search of the identifiers: milliseconds from sending it to having its on-search callback, all answered. */
    private static double asyncSearch(String base, String token, List<String> identifiers, Receiver receiver) throws Exception {
        List<String> requests = new ArrayList<>();
        for (int i = 0; i < identifiers.size(); i++) {
            requests.add(byNik(i, identifiers.get(i)));
        }
        String transaction = UUID.randomUUID().toString();
        String body = "{\"header\": " + header("search", identifiers.size(), receiver.url()) + ", \"message\": {\"transaction_id\": \""
                + transaction + "\", \"search_request\": [" + String.join(",", requests) + "]}}";
        receiver.clear();
        long start = System.nanoTime();
        HttpResponse<String> ack = post(base + "/registry/search", token, body);
        if (ack.statusCode() != 200) {
            throw new IllegalStateException("async search at " + base + " answered " + ack.statusCode() + ": "
                    + ack.body().substring(0, Math.min(600, ack.body().length())));
        }
        String callback = receiver.next(120);
        double took = (System.nanoTime() - start) / 1e6;
        JsonNode answer = JSON.readTree(callback);
        JsonNode responses = answer.path("message").path("search_response");
        if (!transaction.equals(answer.path("message").path("transaction_id").asText()) || responses.size() != identifiers.size()) {
            throw new IllegalStateException("the callback answered another transaction or " + responses.size() + " of " + identifiers.size()
                    + " requests: " + callback.substring(0, Math.min(600, callback.length())));
        }
        for (JsonNode response : responses) {
            if (!"succ".equals(response.path("status").asText())) {
                throw new IllegalStateException("a request was not answered succ: " + response);
            }
        }
        return took;
    }

    /** The caller's on-search endpoint on 127.0.0.1: keeps each body posted to it and acknowledges it. */
    private static final class Receiver implements AutoCloseable {

        private final HttpServer server;
        private final BlockingQueue<String> received = new ArrayBlockingQueue<>(16);

        Receiver() throws Exception {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/on-search", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                received.offer(body);
                byte[] ack = "{\"message\": {\"ack_status\": \"ACK\", \"timestamp\": \"2026-12-04T12:00:00Z\", \"correlation_id\": \"x\"}}"
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, ack.length);
                exchange.getResponseBody().write(ack);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/on-search";
        }

        void clear() {
            received.clear();
        }

        String next(int seconds) throws InterruptedException {
            String body = received.poll(seconds, TimeUnit.SECONDS);
            if (body == null) {
                throw new IllegalStateException("no on-search callback within " + seconds + " s");
            }
            return body;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
