package id.atensi.bench.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway's cost: the same read (GET /api/v1/beneficiaries/{id}) and the same write (POST
 * /api/v1/beneficiaries, a new person each time) sent directly to the beneficiary service and through the
 * gateway, in one run. Closed loop: {@code concurrency} workers each send their next request when the last
 * one answered. Direct and gateway phases alternate in ABBA order ({@code rounds} of each: direct, gateway,
 * gateway, direct, ...) so that a machine whose speed drifts during the run (a table that grows with the writes,
 * a JIT still compiling) affects both alike. The warm-up alternates too, in 10-second slices: on two busy cores
 * the JIT compilers of the service and of the gateway take minutes to finish, and a 10-second warm-up measured
 * the compilers more than the gateway (bench/RESULTS.md).
 * <p>
 * Each measured phase is preceded by {@code rewarm} seconds (default 10) of the same requests to the same target,
 * not measured. With three or four targets a target waits 60–120 s between its phases, past the 60 s a Vert.x
 * client keeps an idle connection: a proxy met its next phase with new connections to the service, and its JIT
 * recompiled the paths it had left (session 15: 0.04–0.065 ms per read more in a proxy's second round, all of it
 * outside its event loops, on the C2 compiler). The re-warm makes every phase start on open connections and
 * compiled code, as the first did: a guard, since session 16's runs did not show that loss with or without it.
 * <p>
 * With {@code direct-forwarded} ({@code true}) a further target sends the same requests directly to the service
 * with the headers the gateway adds to each one ({@code X-Request-Id}, {@code traceparent},
 * {@code X-Forwarded-For}, {@code -Proto}, {@code -Host}): the service's CPU per request with the gateway's headers and
 * without a proxy, which tells what of the service's higher cost behind a proxy is those headers' and what is
 * the proxying's.
 * <p>
 * Prints, per operation and target, throughput and p50/p99/max latency, then the gateway/direct throughput
 * ratio and the p99 the gateway adds, against the targets (ratio at least 0.85, under 2 ms added at p99).
 * <p>
 * With {@code baseline} (the URL of a second gateway, another build in front of the same service) every round
 * measures the three side by side, in the order direct, gateway, baseline and then reversed, so that a change to
 * the gateway is compared with the build before it in one run on the same machine, drift and all.
 * Exits 1 when a request failed (any status but the expected one), so that a figure is never made of errors.
 * <p>
 * Arguments ({@code --name value}): {@code gateway} and {@code direct} (base URLs), {@code seconds} per phase
 * (default 20), {@code warmup} seconds per target and operation before the first round (default 60), {@code rewarm}
 * seconds before each phase (default 10, 0 for none), {@code concurrency} (default 8), {@code rounds} (default 2),
 * {@code operations} ({@code read,write}, the default, or either alone), optionally {@code baseline}, {@code bare}
 * and {@code direct-forwarded}, and optionally {@code gateway-pid},
 * {@code baseline-pid}, {@code bare-pid} and {@code service-pid}: with them (Linux), each phase also reports the CPU time the
 * gateway and the service spent per request, read from {@code /proc/<pid>/stat}. The bearer token comes from the environment
 * ({@code ATENSI_TOKEN}).
 */
public final class GatewayBenchmark {

    /** Issue 20, goal 3. */
    private static final double TARGET_RATIO = 0.85;
    private static final double TARGET_ADDED_P99_MS = 2.0;
    private static final int WARM_UP_SLICE_SECONDS = 10;
    /** The target sending directly to the service with the gateway's headers ({@code direct-forwarded}). */
    private static final String FORWARDED_TARGET = "direct+h";
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String token;
    /** Each write registers a person no run has registered yet: NIKs are drawn from a counter. */
    private final AtomicLong people = new AtomicLong(ThreadLocalRandom.current().nextLong(0, 9_999L * 20_000));

    private GatewayBenchmark(String token) {
        this.token = token;
    }

    /** One kind of request: how to make the next one and which status it must answer. */
    private interface Operation {
        /** @param forwarded with the headers the gateway adds to a request it forwards */
        HttpRequest next(String baseUrl, boolean forwarded);

        int expectedStatus();
    }

    private record Phase(long requests, long failures, long[] latenciesNanos, double seconds, ProcessCpu.Usage cpu) {
        double throughput() {
            return requests / seconds;
        }

        double percentileMs(double percentile) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(percentile / 100.0 * latenciesNanos.length) - 1;
            return latenciesNanos[Math.max(0, index)] / 1_000_000.0;
        }

        static Phase merge(List<Phase> phases) {
            long requests = 0;
            long failures = 0;
            double seconds = 0;
            ProcessCpu.Usage cpu = ProcessCpu.Usage.NONE;
            List<long[]> all = new ArrayList<>();
            for (Phase phase : phases) {
                requests += phase.requests;
                failures += phase.failures;
                seconds += phase.seconds;
                cpu = cpu.plus(phase.cpu);
                all.add(phase.latenciesNanos);
            }
            long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            return new Phase(requests, failures, merged, seconds, cpu);
        }
    }

    /** Where one phase sends its requests, whose CPU it counts, and whether it adds the gateway's headers itself. */
    private record Target(String name, String url, ProcessCpu cpu, boolean forwarded) {
        Target(String name, String url, ProcessCpu cpu) {
            this(name, url, cpu, false);
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String token = System.getenv("ATENSI_TOKEN");
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("ATENSI_TOKEN (an admin bearer token) is not set");
        }
        String servicePid = options.get("service-pid");
        List<Target> targets = new ArrayList<>();
        targets.add(new Target("direct", required(options, "direct"), new ProcessCpu(null, servicePid)));
        targets.add(new Target("gateway", required(options, "gateway"), new ProcessCpu(options.get("gateway-pid"), servicePid)));
        if (options.containsKey("baseline")) {
            targets.add(new Target("baseline", options.get("baseline"), new ProcessCpu(options.get("baseline-pid"), servicePid)));
        }
        if (options.containsKey("bare")) {
            targets.add(new Target("bare", options.get("bare"), new ProcessCpu(options.get("bare-pid"), servicePid)));
        }
        if (Boolean.parseBoolean(options.getOrDefault("direct-forwarded", "false"))) {
            targets.add(new Target(FORWARDED_TARGET, required(options, "direct"), new ProcessCpu(null, servicePid), true));
        }
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "20"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "60"));
        int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "8"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "2"));
        int rewarm = Integer.parseInt(options.getOrDefault("rewarm", String.valueOf(WARM_UP_SLICE_SECONDS)));
        List<String> selected = List.of(options.getOrDefault("operations", "read,write").split(","));

        GatewayBenchmark benchmark = new GatewayBenchmark(token);
        System.out.printf("machine: %d cores, java %s; %d workers, %d s per phase, %d rounds, %d s warm-up, %d s re-warm before each phase%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), concurrency, seconds,
                rounds, warmup, rewarm);
        targets.forEach(target -> System.out.printf("%s: %s%n", target.name(), target.url()));

        String id = benchmark.register(targets.get(0).url());
        Map<String, Operation> operations = new LinkedHashMap<>();
        if (selected.contains("read")) {
            operations.put("read  GET /api/v1/beneficiaries/{id}", benchmark.read(id));
        }
        if (selected.contains("write")) {
            operations.put("write POST /api/v1/beneficiaries", benchmark.write());
        }
        if (operations.isEmpty()) {
            throw new IllegalArgumentException("--operations names neither read nor write: " + selected);
        }

        boolean failed = false;
        for (Map.Entry<String, Operation> entry : operations.entrySet()) {
            Operation operation = entry.getValue();
            for (int warmed = 0; warmed < warmup; warmed += WARM_UP_SLICE_SECONDS) {
                int slice = Math.min(WARM_UP_SLICE_SECONDS, warmup - warmed);
                for (Target target : targets) {
                    benchmark.run(operation, target, concurrency, slice);
                }
            }
            System.out.println();
            System.out.println(entry.getKey());
            Map<Target, List<Phase>> phases = new LinkedHashMap<>();
            targets.forEach(target -> phases.put(target, new ArrayList<>()));
            for (int round = 0; round < rounds; round++) {
                List<Target> order = new ArrayList<>(targets);
                if (round % 2 == 1) {
                    Collections.reverse(order);
                }
                for (Target target : order) {
                    if (rewarm > 0) {
                        benchmark.run(operation, target, concurrency, rewarm);
                    }
                    Phase phase = benchmark.run(operation, target, concurrency, seconds);
                    phases.get(target).add(phase);
                    // Each phase on its own too: on a shared machine one phase can fall into another's busy spell.
                    System.out.printf("  round %d %-8s %9.1f req/s   p50 %7.2f ms%s   load %s%n", round + 1, target.name(), phase.throughput(),
                            phase.percentileMs(50), phase.cpu().measured() && phase.requests() > 0
                                    ? "   CPU per request: proxy %.3f ms (event loops %.3f ms), service %.3f ms".formatted(
                                    phase.cpu().gatewayMillis() / phase.requests(),
                                    phase.cpu().gatewayEventLoopMillis() / phase.requests(),
                                    phase.cpu().serviceMillis() / phase.requests()) : "", loadAverage());
                }
            }
            Map<String, Phase> results = new LinkedHashMap<>();
            phases.forEach((target, list) -> results.put(target.name(), Phase.merge(list)));
            failed |= report(entry.getKey(), results);
        }
        System.exit(failed ? 1 : 0);
    }

    private static boolean report(String name, Map<String, Phase> results) {
        System.out.println();
        System.out.println(name);
        results.forEach((target, phase) -> line(target, phase));
        Phase direct = results.get("direct");
        long failures = 0;
        for (Map.Entry<String, Phase> result : results.entrySet()) {
            Phase phase = result.getValue();
            failures += phase.failures();
            if (phase == direct) {
                continue;
            }
            if (result.getKey().equals(FORWARDED_TARGET)) {
                // No proxy in its path: the goals are not its to meet; what it tells is the service's cost of the headers.
                System.out.printf("  %-8s/direct throughput %.3f; service CPU per request %.3f ms with the gateway's headers, %.3f ms without%n",
                        result.getKey(), phase.throughput() / direct.throughput(),
                        phase.cpu().measured() && phase.requests() > 0 ? phase.cpu().serviceMillis() / phase.requests() : Double.NaN,
                        direct.cpu().measured() && direct.requests() > 0 ? direct.cpu().serviceMillis() / direct.requests() : Double.NaN);
                continue;
            }
            double ratio = phase.throughput() / direct.throughput();
            double addedP99 = phase.percentileMs(99) - direct.percentileMs(99);
            System.out.printf("  %-8s/direct throughput %.3f (target >= %.2f: %s)   added p99 %+.2f ms (target < %.0f ms: %s)%n",
                    result.getKey(), ratio, TARGET_RATIO, ratio >= TARGET_RATIO ? "met" : "MISSED",
                    addedP99, TARGET_ADDED_P99_MS, addedP99 < TARGET_ADDED_P99_MS ? "met" : "MISSED");
            if (phase.cpu().measured() && phase.requests() > 0 && direct.requests() > 0) {
                double gatewayMs = phase.cpu().gatewayMillis() / phase.requests();
                System.out.printf("  %-8s CPU per request: proxy %.3f ms (%.0f req/s per core), its event loops %.3f ms;"
                                + " service %.3f ms direct, %.3f ms behind it%n",
                        result.getKey(), gatewayMs, 1000 / gatewayMs, phase.cpu().gatewayEventLoopMillis() / phase.requests(),
                        direct.cpu().serviceMillis() / direct.requests(), phase.cpu().serviceMillis() / phase.requests());
            }
        }
        if (failures > 0) {
            System.out.println("  FAILED REQUESTS: the figures above are not valid (see the failures printed above)");
            return true;
        }
        return false;
    }

    private static void line(String target, Phase phase) {
        System.out.printf("  %-8s %9.1f req/s   p50 %7.2f ms   p99 %7.2f ms   max %8.2f ms   (%d requests, %d failed)%n",
                target, phase.throughput(), phase.percentileMs(50), phase.percentileMs(99), phase.percentileMs(100),
                phase.requests(), phase.failures());
    }

    /** Workers send requests back to back for the given time; each one's latency is kept. */
    private Phase run(Operation operation, Target target, int concurrency, int seconds) throws InterruptedException {
        String baseUrl = target.url();
        boolean forwarded = target.forwarded();
        ProcessCpu cpu = target.cpu();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long[][] latencies = new long[concurrency][];
        long[] counts = new long[concurrency];
        long[] failures = new long[concurrency];
        Thread[] workers = new Thread[concurrency];
        ProcessCpu.Usage cpuBefore = cpu.read();
        long start = System.nanoTime();
        for (int w = 0; w < concurrency; w++) {
            int worker = w;
            workers[w] = new Thread(() -> {
                long[] own = new long[1 << 14];
                int n = 0;
                while (System.nanoTime() < end) {
                    HttpRequest request = operation.next(baseUrl, forwarded);
                    long sent = System.nanoTime();
                    int status = send(request);
                    long took = System.nanoTime() - sent;
                    if (status != operation.expectedStatus()) {
                        if (failures[worker]++ == 0) {
                            System.out.printf("  failure: %s %s answered %d%s%n", request.method(), request.uri(), status,
                                    status == 429 ? " (the gateway's rate limit: give the admin role room, e.g."
                                            + " ATENSI_GATEWAY_RATE_LIMITS_ADMIN_CAPACITY=1000000000, as bench/gateway.sh does"
                                            + " when it starts the platform)" : "");
                        }
                        continue;
                    }
                    if (n == own.length) {
                        own = Arrays.copyOf(own, n * 2);
                    }
                    own[n++] = took;
                }
                latencies[worker] = Arrays.copyOf(own, n);
                counts[worker] = n;
            }, "bench-worker-" + w);
            workers[w].start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        ProcessCpu.Usage used = cpu.read().minus(cpuBefore);
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        return new Phase(Arrays.stream(counts).sum(), Arrays.stream(failures).sum(), all, elapsed, used);
    }

    private int send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private Operation read(String id) {
        return new Operation() {
            @Override
            public HttpRequest next(String baseUrl, boolean forwarded) {
                return authorised(baseUrl + "/api/v1/beneficiaries/" + id, forwarded).GET().build();
            }

            @Override
            public int expectedStatus() {
                return 200;
            }
        };
    }

    private Operation write() {
        return new Operation() {
            @Override
            public HttpRequest next(String baseUrl, boolean forwarded) {
                return authorised(baseUrl + "/api/v1/beneficiaries", forwarded)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(newPerson()))
                        .build();
            }

            @Override
            public int expectedStatus() {
                return 201;
            }
        };
    }

    private String register(String baseUrl) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(authorised(baseUrl + "/api/v1/beneficiaries", false)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(newPerson()))
                .build(), HttpResponse.BodyHandlers.ofString());
        Matcher id = ID.matcher(response.body());
        if (response.statusCode() != 201 || !id.find()) {
            throw new IllegalStateException("registering the person to read failed: " + response.statusCode() + " " + response.body());
        }
        return id.group(1);
    }

    /**
     * A woman's NIK agrees with her birth date (day + 40) and sex; a serial of 1–9999 per birth date gives each
     * write a NIK of its own.
     */
    private String newPerson() {
        long n = people.getAndIncrement();
        LocalDate birthDate = LocalDate.of(1940, 1, 1).plusDays(n / 9_999);
        String nik = "320101" + "%02d%02d%02d".formatted(birthDate.getDayOfMonth() + 40, birthDate.getMonthValue(),
                birthDate.getYear() % 100) + "%04d".formatted(n % 9_999 + 1);
        return """
                {"fullName": "Bench Person", "nik": "%s", "birthDate": "%s", "sex": "FEMALE"}""".formatted(nik, birthDate);
    }

    private HttpRequest.Builder authorised(String url, boolean forwarded) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
        if (forwarded) {
            // What the gateway (gateway's UpstreamProxy) sets on every request it forwards: a new id and trace per
            // request, as for a caller that sent neither, and the forwarding headers of a local plain-HTTP caller.
            ThreadLocalRandom random = ThreadLocalRandom.current();
            HexFormat hex = HexFormat.of();
            builder.header("X-Request-Id", new UUID(random.nextLong(), random.nextLong()).toString())
                    .header("traceparent", "00-" + hex.toHexDigits(random.nextLong() | 1) + hex.toHexDigits(random.nextLong())
                            + "-" + hex.toHexDigits(random.nextLong() | 1) + "-01")
                    .header("X-Forwarded-For", "127.0.0.1")
                    .header("X-Forwarded-Proto", "http")
                    .header("X-Forwarded-Host", "127.0.0.1:" + URI.create(url).getPort());
        }
        return builder;
    }

    /** The machine's 1-minute load average, printed with each phase: the figures of a shared machine need it. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}
