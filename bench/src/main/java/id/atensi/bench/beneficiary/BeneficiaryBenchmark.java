package id.atensi.bench.beneficiary;

import id.atensi.local.Tokens;
import id.atensi.testing.TestInfrastructure;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads people into the packaged beneficiary service through its own import path (POST /api/v1/beneficiary-imports),
 * so that every row is sealed, hashed and indexed exactly as the service stores it, then measures through HTTP:
 * NIK lookups and a filtered search (name fragment + province + status), p50/p95, and the import rate of one file.
 * Starts the service (target/quarkus-app) against the embedded PostgreSQL and Kafka of platform-testing.
 * <p>
 * Arguments: people to load, rows of the measured import, requests per measured query.
 */
public final class BeneficiaryBenchmark {

    private static final int CHUNK = 50_000;
    private static final String[] FIRST = {"Siti", "Dewi", "Agus", "Budi", "Rahmat", "Sri", "Nur", "Ahmad", "Putri", "Joko", "Wahyu",
            "Eko", "Ani", "Yuni", "Dedi", "Asep", "Ujang", "Euis", "Rina", "Tuti"};
    private static final String[] LAST = {"Rahmawati", "Lestari", "Santoso", "Hidayat", "Susanti", "Wijaya", "Kusuma", "Pratama",
            "Nurhaliza", "Saputra", "Setiawan", "Handayani", "Gunawan", "Permana", "Suryani", "Maulana", "Fitriani", "Ramadhan",
            "Wulandari", "Sari"};
    private static final String[] SYLLABLE = {"ba", "di", "ku", "ra", "no", "te", "si", "ma", "lo", "we", "ja", "pu"};
    private static final LocalDate FIRST_BIRTH_DATE = LocalDate.of(1950, 1, 1);
    private static final int BIRTH_DATES = 18_000;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Random random = new Random();
    private final List<String[]> regencies;
    private final String base;
    private final String token;
    private final int serialStart;
    private long next;

    private BeneficiaryBenchmark(List<String[]> regencies, String base, String token, int serialStart) {
        this.regencies = regencies;
        this.base = base;
        this.token = token;
        this.serialStart = serialStart;
    }

    public static void main(String[] args) throws Exception {
        int people = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int importRows = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int requests = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
        Path root = Path.of(System.getProperty("atensi-repository-root", "."));
        Path service = root.resolve("beneficiary-service");
        Path jar = service.resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no " + jar + ": package the service first (bench/beneficiary.sh does)");
        }
        List<String[]> regencies = Files.readAllLines(root.resolve("platform-vocabulary/src/main/resources/idn-area/regencies.csv")).stream()
                .skip(1).map(line -> line.split(",", 3)).toList();
        int totalRows = people + importRows;
        int serialsNeeded = totalRows / BIRTH_DATES / 2 + 1;
        if (serialsNeeded > 9_000) {
            throw new IllegalArgumentException("at most " + 9_000 * BIRTH_DATES * 2 + " people");
        }

        TestInfrastructure infrastructure = TestInfrastructure.get();
        String database = "beneficiary_bench_" + Long.toHexString(System.nanoTime());
        int port = freePort();
        Process process = start(jar, infrastructure, database, port);
        try {
            String base = "http://127.0.0.1:" + port;
            String token = new Tokens(infrastructure.signingKeys()).mint("bench-admin", Set.of("admin"), Tokens.Scope.none(),
                    Duration.ofHours(12));
            BeneficiaryBenchmark bench = new BeneficiaryBenchmark(regencies, base, token,
                    1 + new Random().nextInt(9_000 - serialsNeeded));
            bench.awaitReady(Duration.ofMinutes(3));

            Instant loadStart = Instant.now();
            for (int loaded = 0; loaded < people; loaded += CHUNK) {
                int rows = Math.min(CHUNK, people - loaded);
                Map<String, Integer> result = bench.importRows(rows);
                System.out.printf("loaded %,d / %,d people (%s)%n", loaded + rows, people, result);
            }
            double loadSeconds = Duration.between(loadStart, Instant.now()).toMillis() / 1000.0;

            Instant importStart = Instant.now();
            Map<String, Integer> measured = bench.importRows(importRows);
            double importSeconds = Duration.between(importStart, Instant.now()).toMillis() / 1000.0;

            long[] nik = bench.measure(requests, bench::nikLookup);
            long[] search = bench.measure(requests, bench::filteredSearch);

            System.out.println();
            System.out.printf("beneficiary benchmark: %,d people loaded in %.0f s (%.0f rows/s)%n", people, loadSeconds, people / loadSeconds);
            System.out.printf("import of %,d rows: %.1f s, %.0f rows/s (%s)%n", importRows, importSeconds, importRows / importSeconds, measured);
            report("NIK lookup  GET /api/v1/beneficiaries?nik=", nik);
            report("filtered search  ?name=<first> <last>&provinceCode=&status=REGISTERED", search);
        } finally {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        System.exit(0);
    }

    static Process start(Path jar, TestInfrastructure infrastructure, String database, int port) throws IOException {
        return start(jar, infrastructure, database, port, Map.of());
    }

    /** The service with {@code settings} (environment variables, e.g. ATENSI_BENEFICIARY_IMPORTS_WRITERS) added. */
    static Process start(Path jar, TestInfrastructure infrastructure, String database, int port, Map<String, String> settings)
            throws IOException {
        return start(jar, infrastructure, database, port, settings, List.of());
    }

    /** The service with {@code settings} added and {@code jvmOptions} after BENCH_JVM_OPTS on its command line. */
    static Process start(Path jar, TestInfrastructure infrastructure, String database, int port, Map<String, String> settings,
                         List<String> jvmOptions) throws IOException {
        SecureRandom keys = new SecureRandom();
        byte[] aead = new byte[32];
        byte[] hash = new byte[32];
        keys.nextBytes(aead);
        keys.nextBytes(hash);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // e.g. BENCH_JVM_OPTS="-XX:StartFlightRecording=filename=/tmp/beneficiary.jfr,settings=profile" to profile the service
        Arrays.stream(System.getenv().getOrDefault("BENCH_JVM_OPTS", "").strip().split("\\s+")).filter(option -> !option.isEmpty())
                .forEach(command::add);
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", infrastructure.jdbcUrl(database));
        env.put("QUARKUS_DATASOURCE_USERNAME", infrastructure.dbUser());
        env.put("QUARKUS_DATASOURCE_PASSWORD", infrastructure.dbPassword());
        env.put("KAFKA_BOOTSTRAP_SERVERS", infrastructure.kafkaBootstrapServers());
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", infrastructure.signingKeys().publicKeyFile().toString());
        env.put("MP_JWT_VERIFY_ISSUER", Tokens.ISSUER);
        env.put("ATENSI_BENEFICIARY_PII_KEYS_BENCH", Base64.getEncoder().encodeToString(aead));
        env.put("ATENSI_BENEFICIARY_PII_ACTIVE_KEY_ID", "bench");
        env.put("ATENSI_BENEFICIARY_PII_HASH_KEY", Base64.getEncoder().encodeToString(hash));
        env.putAll(settings);
        Path log = Files.createTempFile("beneficiary-bench", ".log");
        System.out.println("beneficiary service on port " + port + ", database " + database + ", log " + log);
        return builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** The jar of a contender's argument after its label, {@code jar[;NAME=value]...} (bench/lib/builds.sh's variants). */
    static Path jarOf(String argument) {
        return Path.of(argument.split(";")[0]);
    }

    /** The settings of a contender's argument after its label: environment variables added to its service's. */
    static Map<String, String> settingsOf(String argument) {
        Map<String, String> settings = new LinkedHashMap<>();
        String[] parts = argument.split(";");
        for (int i = 1; i < parts.length; i++) {
            String[] setting = parts[i].split("=", 2);
            if (setting.length != 2 || setting[0].isBlank()) {
                throw new IllegalArgumentException("'" + parts[i] + "' in the contender " + argument + " is not NAME=value:"
                        + " BENCH_VARIANTS holds label:NAME=value,NAME=value entries separated by spaces");
            }
            settings.put(setting[0], setting[1]);
        }
        return settings;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        awaitReady(http, base, timeout);
    }

    static void awaitReady(HttpClient http, String base, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // the service is still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the beneficiary service was not ready within " + timeout);
    }

    /** One CSV file of new people through the import job; answers its counts once it is done. */
    private Map<String, Integer> importRows(int rows) throws IOException, InterruptedException {
        StringBuilder csv = new StringBuilder("fullName,nik,birthDate,sex,provinceCode,regencyCode,clusters\n");
        for (int i = 0; i < rows; i++) {
            long n = next++;
            LocalDate birthDate = FIRST_BIRTH_DATE.plusDays(n % BIRTH_DATES);
            boolean female = (n / BIRTH_DATES) % 2 == 0;
            int serial = serialStart + (int) (n / BIRTH_DATES / 2);
            String[] regency = regencies.get((int) (n * 7919 % regencies.size()));
            String name = FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)] + " "
                    + SYLLABLE[random.nextInt(SYLLABLE.length)] + SYLLABLE[random.nextInt(SYLLABLE.length)];
            csv.append(name).append(',').append(nik(regency, birthDate, female, serial)).append(',').append(birthDate).append(',')
                    .append(female ? "FEMALE" : "MALE").append(',').append(regency[1]).append(',').append(regency[0])
                    .append(',').append(n % 3 == 0 ? "ELDERLY" : "PERSONS_WITH_DISABILITIES").append('\n');
        }
        HttpResponse<String> started = http.send(request("/api/v1/beneficiary-imports").header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv.toString())).build(), HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            throw new IllegalStateException("import refused: " + started.statusCode() + " " + started.body());
        }
        String job = started.headers().firstValue("Location").orElseThrow();
        while (true) {
            Thread.sleep(1_000);
            String body = http.send(HttpRequest.newBuilder(URI.create(job)).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            if (!body.contains("\"RUNNING\"")) {
                return Map.of("registered", number(body, "registered"), "unchanged", number(body, "unchanged"),
                        "rejected", number(body, "rejected"));
            }
        }
    }

    /** A valid NIK: the regency's digits, birth date as DDMMYY (day + 40 for women), and a serial. */
    private static String nik(String[] regency, LocalDate birthDate, boolean female, int serial) {
        String region = regency[0].replace(".", "") + "01";
        return region + "%02d%02d%02d".formatted(birthDate.getDayOfMonth() + (female ? 40 : 0), birthDate.getMonthValue(),
                birthDate.getYear() % 100) + "%04d".formatted(serial);
    }

    private long nikLookup() throws IOException, InterruptedException {
        long n = (long) (random.nextDouble() * next);
        LocalDate birthDate = FIRST_BIRTH_DATE.plusDays(n % BIRTH_DATES);
        String nik = nik(regencies.get((int) (n * 7919 % regencies.size())), birthDate, (n / BIRTH_DATES) % 2 == 0,
                serialStart + (int) (n / BIRTH_DATES / 2));
        return timed("/api/v1/beneficiaries?nik=" + nik, "\"total\":1");
    }

    private long filteredSearch() throws IOException, InterruptedException {
        String last = LAST[random.nextInt(LAST.length)];
        String name = FIRST[random.nextInt(FIRST.length)] + " " + last.substring(0, Math.min(5, last.length()));
        String province = regencies.get(random.nextInt(regencies.size()))[1];
        return timed("/api/v1/beneficiaries?status=REGISTERED&provinceCode=" + province + "&name="
                + URLEncoder.encode(name, StandardCharsets.UTF_8), "\"total\":");
    }

    private long timed(String path, String expected) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        long elapsed = System.nanoTime() - start;
        if (response.statusCode() != 200 || !response.body().replace(" ", "").contains(expected)) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": "
                    + response.body().substring(0, Math.min(300, response.body().length())));
        }
        return elapsed;
    }

    private interface Call {
        long run() throws IOException, InterruptedException;
    }

    /** Latencies in nanoseconds of {@code requests} calls after a tenth as many for warm-up. */
    private long[] measure(int requests, Call call) throws IOException, InterruptedException {
        for (int i = 0; i < Math.max(10, requests / 10); i++) {
            call.run();
        }
        long[] latencies = new long[requests];
        for (int i = 0; i < requests; i++) {
            latencies[i] = call.run();
        }
        Arrays.sort(latencies);
        return latencies;
    }

    private static void report(String what, long[] sorted) {
        System.out.printf("%s: n=%d p50 %.1f ms, p95 %.1f ms, max %.1f ms (target p95 < 50 ms: %s)%n", what, sorted.length,
                percentile(sorted, 50), percentile(sorted, 95), sorted[sorted.length - 1] / 1e6,
                percentile(sorted, 95) < 50 ? "met" : "MISSED");
    }

    private static double percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static int number(String json, String field) {
        Matcher matcher = Pattern.compile("\"" + field + "\"\\s*:\\s*(\\d+)").matcher(json);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(5));
    }
}
