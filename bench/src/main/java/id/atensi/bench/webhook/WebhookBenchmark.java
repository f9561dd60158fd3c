package id.atensi.bench.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import id.atensi.bench.ProcessTimes;
import id.atensi.local.Tokens;
import id.atensi.testing.TestInfrastructure;
import id.atensi.testing.TopicWriter;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * webhook-service end to end: events written to atensi.beneficiary.events (each with its ce_time, the moment it was
 * written) and delivered to real receivers on 127.0.0.1. Latency is from ce_time to the receiver's arrival, so it
 * covers consumption, fan-out, dispatch and the request; the outbox relay of the producing service is not in it
 * (bench/outbox.sh measures that part).
 * <ol>
 *   <li>steady: {@code rate} events/s for {@code seconds}, each to one of {@code endpoints} partners in turn, in
 *   {@code rounds} rounds of two phases: every receiver answering, then endpoint 1 never answering (the service's 10 s
 *   timeout) — the others' p99 compared phase by phase on the same machine (none with {@code rounds} 0);</li>
 *   <li>throughput: {@code backlog} deliveries to one fast receiver (registered with {@code maxInFlight}), made pending
 *   at once by a time-range replay, three times; each with the CPU time the service (by thread kind), PostgreSQL and
 *   the receivers (this JVM) spent per delivery, which on a shared machine says more than the rate, and how many
 *   deliveries needed a second attempt, with the failures' kinds: each waited the retry schedule's 5 s.</li>
 * </ol>
 */
public final class WebhookBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** The throughput phase replays the backlog this many times, each measured on its own, to show the spread. */
    private static final int REPLAYS = 3;
    /**
     * WEBHOOK_BENCH_STATEMENTS=N: each replay's N statements that took longest inside PostgreSQL (pg_stat_statements,
     * which the server must load: a server of your own through ATENSI_DB_URL).
     */
    private static final int STATEMENTS = Integer.parseInt(System.getenv().getOrDefault("WEBHOOK_BENCH_STATEMENTS", "0"));

    private final String base;
    private final String token;

    private WebhookBenchmark(String base, String token) {
        this.base = base;
        this.token = token;
    }

    /** A partner's receiving system: arrival time per event id, answering 204 or never. */
    static final class Receiver {
        final HttpServer server;
        final Map<String, Long> arrivals = new ConcurrentHashMap<>();
        final Map<String, Long> sentAt = new ConcurrentHashMap<>();
        final CountDownLatch closed = new CountDownLatch(1);
        volatile boolean hang;

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
            server.setExecutor(Executors.newFixedThreadPool(16));
            server.createContext("/", exchange -> {
                long now = System.currentTimeMillis();
                byte[] body = exchange.getRequestBody().readAllBytes();
                if (hang) {
                    try {
                        // Longer than the service's 10 s timeout; the thread is back for the next phase soon after.
                        closed.await(12, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    exchange.close();
                    return;
                }
                JsonNode event = JSON.readTree(body);
                String id = event.get("id").asText();
                if (arrivals.putIfAbsent(id, now) == null) {
                    sentAt.put(id, OffsetDateTime.parse(event.get("time").asText()).toInstant().toEpochMilli());
                }
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        long[] latencies() {
            return arrivals.entrySet().stream().mapToLong(e -> e.getValue() - sentAt.get(e.getKey())).sorted().toArray();
        }

        void clear() {
            arrivals.clear();
            sentAt.clear();
        }

        void close() {
            closed.countDown();
            server.stop(0);
        }
    }

    public static void main(String[] args) throws Exception {
        // The JDK's server closes a kept connection after its answer whenever 200 (its default) are idle already; the
        // fast receiver is given up to 256 in flight, so the service reused connections the receiver had just closed,
        // and until the service sent such requests once more their deliveries waited 5 s for a retry. Set before the
        // first server is made, which reads it once; WEBHOOK_BENCH_RECEIVER_MAX_IDLE=200 brings that receiver back.
        String maxIdle = System.getenv().getOrDefault("WEBHOOK_BENCH_RECEIVER_MAX_IDLE", "1024");
        System.setProperty("sun.net.httpserver.maxIdleConnections", maxIdle);
        System.out.println("receivers: JDK HttpServer, sun.net.httpserver.maxIdleConnections " + maxIdle);
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int endpoints = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int backlog = args.length > 3 ? Integer.parseInt(args[3]) : 5_000;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        int fastInFlight = args.length > 5 ? Integer.parseInt(args[5]) : 64;
        Path root = Path.of(System.getProperty("atensi-repository-root", "."));
        Path jar = root.resolve("webhook-service/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no " + jar + ": package the service first (bench/webhooks.sh does)");
        }
        TestInfrastructure infrastructure = TestInfrastructure.get();
        String database = "webhook_bench_" + Long.toHexString(System.nanoTime());
        int port = freePort();
        Process process = start(jar, infrastructure, database, port);
        List<Receiver> receivers = new ArrayList<>();
        try {
            Tokens tokens = new Tokens(infrastructure.signingKeys());
            WebhookBenchmark bench = new WebhookBenchmark("http://127.0.0.1:" + port,
                    tokens.mint("bench-admin", Set.of("admin"), Tokens.Scope.none(), Duration.ofHours(2)));
            bench.awaitReady(Duration.ofMinutes(3));
            TopicWriter topic = TopicWriter.shared();
            List<String> partners = new ArrayList<>();
            List<String> endpointIds = new ArrayList<>();
            for (int i = 0; i <= endpoints; i++) {
                String partner = UUID.randomUUID().toString();
                topic.cloudEvent("atensi.partner.events", UUID.randomUUID().toString(), "atensi.partner.registered.v2", "/atensi/partner",
                        partner, "{\"partnerId\":\"" + partner + "\",\"type\":\"LKS\",\"legalName\":\"Yayasan Bench " + i + "\",\"status\":\"ACTIVE\"}");
                Receiver receiver = new Receiver();
                receivers.add(receiver);
                partners.add(partner);
                endpointIds.add(bench.register(partner, receiver.url(), i == endpoints ? fastInFlight : null));
            }
            // The last partner is the throughput phase's one fast receiver; the first `endpoints` share the steady load.
            List<Receiver> steady = receivers.subList(0, endpoints);
            List<Receiver> others = steady.subList(1, endpoints);
            int perPhase = rate * seconds;
            int othersPerPhase = perPhase - (perPhase + endpoints - 1) / endpoints;

            System.out.printf("warm-up: %d events/s for 10 s%n", rate);
            bench.steady(topic, partners.subList(0, endpoints), rate, 10);
            awaitCount(steady, rate * 10, Duration.ofMinutes(2));

            // The hanging comparison alternates: each round a phase with every receiver answering, then one with
            // endpoint 1 never answering, under the same load, so that both conditions see the same machine.
            long[] allFirst = null;
            List<long[]> baselines = new ArrayList<>();
            List<long[]> hanging = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                System.out.printf("round %d/%d, all answering: %d events/s for %d s over %d endpoints%n", round, rounds, rate, seconds, endpoints);
                steady.forEach(Receiver::clear);
                bench.steady(topic, partners.subList(0, endpoints), rate, seconds);
                if (allFirst == null) {
                    awaitCount(steady, perPhase, Duration.ofMinutes(5));
                    allFirst = merge(steady);
                }
                awaitCount(others, othersPerPhase, Duration.ofMinutes(5));
                baselines.add(merge(others));

                System.out.printf("round %d/%d, endpoint 1 never answers: %d events/s for %d s%n", round, rounds, rate, seconds);
                steady.forEach(Receiver::clear);
                steady.get(0).hang = true;
                bench.steady(topic, partners.subList(0, endpoints), rate, seconds);
                awaitCount(others, othersPerPhase, Duration.ofMinutes(5));
                hanging.add(merge(others));
                steady.get(0).hang = false;
            }

            Receiver fast = receivers.get(endpoints);
            String fastPartner = partners.get(endpoints);
            String fastEndpoint = endpointIds.get(endpoints);
            System.out.printf("throughput: %,d events to one receiver (maxInFlight %d), then all replayed at once, %d times%n", backlog,
                    fastInFlight, REPLAYS);
            Instant from = Instant.now().minusSeconds(1);
            long writeStart = System.currentTimeMillis();
            for (int i = 0; i < backlog; i++) {
                bench.registered(topic, fastPartner);
            }
            awaitCount(List.of(fast), backlog, Duration.ofMinutes(10));
            long consumedEnd = fast.arrivals.values().stream().mapToLong(Long::longValue).max().orElseThrow();
            Instant to = Instant.now().plusSeconds(1);
            CpuMeter cpu = new CpuMeter(process.pid(), ProcessTimes.postmasterOf(infrastructure.jdbcUrl(database),
                    infrastructure.dbUser(), infrastructure.dbPassword()));
            List<String> replayLines = new ArrayList<>();
            List<Double> rates = new ArrayList<>();
            List<Double> cpuPerDelivery = new ArrayList<>();
            for (int replay = 1; replay <= REPLAYS; replay++) {
                fast.clear();
                String loadBefore = loadAverage();
                long transactionsBefore = committedTransactions(infrastructure, database);
                if (STATEMENTS > 0) {
                    statements(infrastructure, "SELECT pg_stat_statements_reset()", null);
                }
                CpuMeter.Usage before = cpu.read();
                long replayStart = System.currentTimeMillis();
                int replayed = bench.replay(fastEndpoint, from, to);
                awaitCount(List.of(fast), replayed, Duration.ofMinutes(10));
                long replayEnd = fast.arrivals.values().stream().mapToLong(Long::longValue).max().orElseThrow();
                // The last request's answer is recorded a moment after it arrived: wait for that before reading the CPU.
                int polls = awaitNothingPending(infrastructure, database, fastEndpoint, Duration.ofMinutes(1));
                CpuMeter.Usage used = cpu.read().minus(before);
                // Less this benchmark's own: the first reading's and the polls'.
                long transactions = committedTransactions(infrastructure, database) - transactionsBefore - 1 - polls;
                String retries = retries(infrastructure, database, fastEndpoint, replayStart);
                double throughput = replayed / ((replayEnd - replayStart) / 1000.0);
                rates.add(throughput);
                cpuPerDelivery.add((used.service() + used.postgres() + used.receivers()) / replayed);
                replayLines.add(String.format("  replay %d (%s to %s UTC): %,d deliveries in %.2f s = %.0f deliveries/s (load %s -> %s),"
                                + " %.2f database transactions per delivery%n    %s%n    %s", replay, Instant.ofEpochMilli(replayStart),
                        Instant.ofEpochMilli(replayEnd), replayed, (replayEnd - replayStart) / 1000.0, throughput, loadBefore,
                        loadAverage(), (double) transactions / replayed, retries, used.perDelivery(replayed)));
                System.out.println(replayLines.get(replayLines.size() - 1));
                if (STATEMENTS > 0) {
                    System.out.print(statements(infrastructure, """
                            SELECT calls, total_exec_time, rows, shared_blks_hit + shared_blks_read, toplevel,
                                regexp_replace(query, '\\s+', ' ', 'g')
                            FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = ?)
                            ORDER BY total_exec_time DESC LIMIT""" + " " + STATEMENTS, database));
                }
            }

            System.out.println();
            System.out.printf("webhook benchmark (%d endpoints, %d events/s, %d s per phase, %d rounds; committed = written to the topic)%n",
                    endpoints, rate, seconds, rounds);
            if (allFirst != null) {
                report("committed -> delivered, all endpoints, round 1", allFirst);
            }
            double medianRate = median(rates);
            System.out.printf("throughput to one fast receiver (maxInFlight %d): median %.0f deliveries/s of %s, CPU %.3f ms per delivery"
                            + " (median of %s) (goal >= 1,000: %s)%n", fastInFlight, medianRate,
                    rates.stream().map(r -> String.format("%.0f", r)).toList(), median(cpuPerDelivery),
                    cpuPerDelivery.stream().map(c -> String.format("%.3f", c)).toList(), medianRate >= 1_000 ? "met" : "MISSED");
            replayLines.forEach(System.out::println);
            System.out.printf("  (the same %,d consumed from the topic and delivered: %.1f s from the first write)%n", backlog,
                    (consumedEnd - writeStart) / 1000.0);
            List<Double> moves = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                report("round " + (round + 1) + " endpoints 2..n, all answering", baselines.get(round));
                report("round " + (round + 1) + " endpoints 2..n, endpoint 1 hangs", hanging.get(round));
                long base = percentile(baselines.get(round), 99);
                double moved = (percentile(hanging.get(round), 99) - base) * 100.0 / Math.max(1, base);
                moves.add(moved);
                System.out.printf("  round %d: p99 of the others moved by %+.1f %%%n", round + 1, moved);
            }
            if (rounds > 0) {
                long[] allBase = baselines.stream().flatMapToLong(Arrays::stream).sorted().toArray();
                long[] allHanging = hanging.stream().flatMapToLong(Arrays::stream).sorted().toArray();
                report("all rounds, endpoints 2..n, all answering", allBase);
                report("all rounds, endpoints 2..n, endpoint 1 hangs", allHanging);
                double pooled = (percentile(allHanging, 99) - percentile(allBase, 99)) * 100.0 / Math.max(1, percentile(allBase, 99));
                // Issue 19 asks that the others' p99 "moves by less than 10 %"; a p99 that falls while one endpoint
                // hangs is not what the goal guards against, so both readings are printed.
                System.out.printf("p99 of the others moved by %+.1f %% over all rounds (per round: %s; goal, slowed by less than"
                                + " 10 %%: %s; moved less than 10 %% either way: %s)%n", pooled,
                        moves.stream().map(m -> String.format("%+.1f", m)).toList(), pooled < 10 ? "met" : "MISSED",
                        Math.abs(pooled) < 10 ? "yes" : "no");
            }
        } finally {
            receivers.forEach(Receiver::close);
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        System.exit(0);
    }

    private void steady(TopicWriter topic, List<String> partners, int rate, int seconds) throws InterruptedException {
        long intervalNanos = 1_000_000_000L / rate;
        long next = System.nanoTime();
        for (int i = 0; i < rate * seconds; i++) {
            registered(topic, partners.get(i % partners.size()));
            next += intervalNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
    }

    /** One person registered for the partner: its ce_time is now. */
    private void registered(TopicWriter topic, String partner) {
        String person = UUID.randomUUID().toString();
        topic.cloudEvent("atensi.beneficiary.events", UUID.randomUUID().toString(), "atensi.beneficiary.registered.v1", "/atensi/beneficiary",
                person, "{\"beneficiaryId\":\"" + person + "\",\"fullName\":\"Bench\",\"status\":\"REGISTERED\",\"partnerIds\":[\"" + partner + "\"]}");
    }

    private static void awaitCount(List<Receiver> receivers, int count, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (receivers.stream().mapToInt(r -> r.arrivals.size()).sum() < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("only " + receivers.stream().mapToInt(r -> r.arrivals.size()).sum() + " of " + count
                        + " deliveries arrived within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    /**
     * Read from the database, not the service's API, so that waiting costs the service nothing.
     *
     * @return the queries it took
     */
    private static int awaitNothingPending(TestInfrastructure infrastructure, String database, String endpoint, Duration timeout)
            throws SQLException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        try (Connection connection = DriverManager.getConnection(infrastructure.jdbcUrl(database), infrastructure.dbUser(),
                infrastructure.dbPassword());
             PreparedStatement pending = connection.prepareStatement(
                     "SELECT count(*) FROM delivery WHERE endpoint_id = ?::uuid AND status = 'PENDING'")) {
            pending.setString(1, endpoint);
            for (int polls = 1; ; polls++) {
                try (ResultSet row = pending.executeQuery()) {
                    row.next();
                    if (row.getLong(1) == 0) {
                        return polls;
                    }
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("deliveries of " + endpoint + " still pending after " + timeout);
                }
                Thread.sleep(20);
            }
        }
    }

    /**
     * A replay that takes seconds longer than its neighbours is explained here: deliveries that needed a second attempt
     * wait the retry schedule's step (5 s) for it, and the failures' kinds say why they failed.
     */
    private static String retries(TestInfrastructure infrastructure, String database, String endpoint, long since) throws SQLException {
        try (Connection connection = DriverManager.getConnection(infrastructure.jdbcUrl(database), infrastructure.dbUser(),
                infrastructure.dbPassword());
             PreparedStatement repeated = connection.prepareStatement("""
                     SELECT count(*) FILTER (WHERE n > 1), coalesce(max(n), 0) FROM (
                         SELECT count(*) AS n FROM delivery_attempt a JOIN delivery d ON d.id = a.delivery_id
                         WHERE d.endpoint_id = ?::uuid AND a.attempted_at >= ? GROUP BY a.delivery_id) per_delivery""");
             PreparedStatement failures = connection.prepareStatement("""
                     SELECT a.outcome, coalesce(a.status_code, 0), coalesce(a.detail, ''), count(*)
                     FROM delivery_attempt a JOIN delivery d ON d.id = a.delivery_id
                     WHERE d.endpoint_id = ?::uuid AND a.attempted_at >= ?
                       AND NOT (a.outcome = 'ANSWERED' AND a.status_code BETWEEN 200 AND 299)
                     GROUP BY 1, 2, 3 ORDER BY 4 DESC""")) {
            java.sql.Timestamp from = new java.sql.Timestamp(since);
            repeated.setString(1, endpoint);
            repeated.setTimestamp(2, from);
            StringBuilder line = new StringBuilder();
            try (ResultSet row = repeated.executeQuery()) {
                row.next();
                line.append(String.format("%,d deliveries needed more than one attempt (at most %d)", row.getLong(1), row.getLong(2)));
            }
            failures.setString(1, endpoint);
            failures.setTimestamp(2, from);
            List<String> kinds = new ArrayList<>();
            try (ResultSet row = failures.executeQuery()) {
                while (row.next()) {
                    kinds.add(String.format("%,d %s%s %s", row.getLong(4), row.getString(1), row.getInt(2) == 0 ? "" : " " + row.getInt(2),
                            row.getString(3)).strip());
                }
            }
            return line.append(kinds.isEmpty() ? "; no failed attempt" : "; failed attempts: " + String.join(", ", kinds)).toString();
        }
    }

    /**
     * Runs {@code sql} in the server's {@code postgres} database, where pg_stat_statements lives; with a database name,
     * prints the statements it lists, one per line: calls, time inside PostgreSQL per call, buffers per call, rows.
     */
    private static String statements(TestInfrastructure infrastructure, String sql, String database) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection connection = DriverManager.getConnection(infrastructure.jdbcUrl("postgres"), infrastructure.dbUser(),
                infrastructure.dbPassword());
             PreparedStatement statement = connection.prepareStatement(sql)) {
            if (database == null) {
                statement.execute();
                return "";
            }
            statement.setString(1, database);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    long calls = row.getLong(1);
                    out.append(String.format("      %,7d calls %8.3f ms %8.1f buffers %7.1f rows per call%s: %s%n", calls,
                            row.getDouble(2) / calls, (double) row.getLong(4) / calls, (double) row.getLong(3) / calls,
                            row.getBoolean(5) ? "" : " (nested)", abbreviate(row.getString(6))));
                }
            }
        } catch (SQLException e) {
            return "      pg_stat_statements not available (" + e.getMessage().lines().findFirst().orElse("") + ")\n";
        }
        return out.toString();
    }

    private static String abbreviate(String query) {
        return query.length() <= 160 ? query : query.substring(0, 160) + "…";
    }

    /** Transactions committed in the service's database so far, by PostgreSQL's statistics. */
    private static long committedTransactions(TestInfrastructure infrastructure, String database) throws SQLException, InterruptedException {
        // An idle backend reports its statistics within PostgreSQL's idle interval of 10 s.
        Thread.sleep(10_500);
        try (Connection connection = DriverManager.getConnection(infrastructure.jdbcUrl(database), infrastructure.dbUser(),
                infrastructure.dbPassword());
             PreparedStatement select = connection.prepareStatement("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()");
             ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    static String loadAverage() {
        try {
            return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
        } catch (IOException e) {
            return "?";
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static long[] merge(List<Receiver> receivers) {
        return receivers.stream().flatMapToLong(r -> Arrays.stream(r.latencies())).sorted().toArray();
    }

    private static long percentile(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static void report(String what, long[] sorted) {
        System.out.printf("%-45s n=%,d p50=%d ms p99=%d ms max=%d ms%n", what, sorted.length, percentile(sorted, 50),
                percentile(sorted, 99), sorted[sorted.length - 1]);
    }

    /** Registers an endpoint for the partner, retrying while the partner is not yet known (its event in flight). */
    private String register(String partner, String url, Integer maxInFlight) throws Exception {
        String body = "{\"partnerId\":\"" + partner + "\",\"url\":\"" + url + "\",\"eventTypes\":[\"atensi.beneficiary.*\"]"
                + (maxInFlight == null ? "" : ",\"maxInFlight\":" + maxInFlight) + "}";
        for (int attempt = 0; attempt < 120; attempt++) {
            HttpResponse<String> response = HTTP.send(request("/api/v1/webhooks/endpoints").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 201) {
                return JSON.readTree(response.body()).get("id").asText();
            }
            if (response.statusCode() != 422) {
                throw new IllegalStateException("registration answered " + response.statusCode() + ": " + response.body());
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("partner " + partner + " never became known");
    }

    private int replay(String endpoint, Instant from, Instant to) throws Exception {
        String body = "{\"from\":\"" + from + "\",\"to\":\"" + to + "\"}";
        HttpResponse<String> response = HTTP.send(request("/api/v1/webhooks/endpoints/" + endpoint + "/replays")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("replay answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).get("replayed").asInt();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json");
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the webhook service was not ready within " + timeout);
    }

    static Process start(Path jar, TestInfrastructure infrastructure, String database, int port) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // e.g. WEBHOOK_BENCH_JVM_OPTS="-XX:StartFlightRecording=filename=/tmp/webhook.jfr" to profile the service
        String jvmOptions = System.getenv().getOrDefault("WEBHOOK_BENCH_JVM_OPTS", "").strip();
        if (!jvmOptions.isEmpty()) {
            command.addAll(List.of(jvmOptions.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", infrastructure.jdbcUrl(database));
        env.put("QUARKUS_DATASOURCE_USERNAME", infrastructure.dbUser());
        env.put("QUARKUS_DATASOURCE_PASSWORD", infrastructure.dbPassword());
        env.put("KAFKA_BOOTSTRAP_SERVERS", infrastructure.kafkaBootstrapServers());
        env.put("MP_JWT_VERIFY_ISSUER", Tokens.ISSUER);
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", infrastructure.signingKeys().publicKeyFile().toString());
        env.put("ATENSI_WEBHOOK_OUTBOUND_ALLOWED_NETWORKS", "127.0.0.0/8");
        env.put("ATENSI_WEBHOOK_OUTBOUND_ALLOW_PLAIN_HTTP", "true");
        // Signing secrets encrypted at rest, as in production: each claim decrypts its endpoints' secrets.
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        env.put("ATENSI_WEBHOOK_SECRETS_KEYS_BENCH", Base64.getEncoder().encodeToString(key));
        env.put("ATENSI_WEBHOOK_SECRETS_ACTIVE_KEY_ID", "bench");
        Path log = Files.createTempFile("webhook-bench", ".log");
        System.out.println("webhook service on port " + port + ", database " + database + ", log " + log);
        return builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
