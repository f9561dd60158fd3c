package id.atensi.bench.beneficiary;

import id.atensi.bench.ProcessTimes;
import id.atensi.local.Tokens;
import id.atensi.testing.TestInfrastructure;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 20, goal 2, in one run: single registrations ({@code POST /api/v1/beneficiaries} by an admin) against each given
 * build of the packaged service in turn, and pgbench running {@code registration.sql} (the statements the service issues
 * for one registration) at the same concurrency, repeated in rounds so that a change of the shared machine's load
 * falls on every contender alike.
 * <p>
 * Each service starts on its own fresh database, is warmed up with registrations for the given seconds and then on
 * until its JIT compiler threads used under {@value #SETTLED_JIT_CORES} of a core over the last
 * {@value #WARM_UP_STEP_SECONDS} s (at most three times the given warm-up): on two cores the one C2 thread works
 * through its queue of some 3,000 methods for 60–90 s under this load, with no method compiled again and again
 * (bench/RESULTS.md, session 12), so a fixed 40 s measured the compiler's backlog, not the registration. Then
 * measured: registrations per second and the process's CPU time per registration (from {@code /proc/<pid>/stat}:
 * user + system, every thread of the service, including its outbox relay and consumers), and the machine's load average.
 * <p>
 * Arguments: clients (16), measured seconds (20), least warm-up seconds (20), rounds (2), then one or more
 * {@code label=jar}. BENCH_IDEMPOTENCY_KEY=1: every registration sends an Idempotency-Key of its own (the path partner
 * systems use to retry safely); BENCH_HTTP_VERSION as {@link ImportBenchmark#http} says.
 */
public final class RegistrationBenchmark {

    static final double SETTLED_JIT_CORES = 0.05;
    static final int WARM_UP_STEP_SECONDS = 5;
    private static final boolean KEYED = "1".equals(System.getenv("BENCH_IDEMPOTENCY_KEY"));
    private static final LocalDate FIRST_BIRTH_DATE = LocalDate.of(1940, 1, 1);
    private static final int BIRTH_DATES = 25_000;

    private RegistrationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int clients = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        int warmup = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        Map<String, Path> jars = new LinkedHashMap<>();
        for (int i = 4; i < args.length; i++) {
            String[] labelled = args[i].split("=", 2);
            jars.put(labelled[0], Path.of(labelled[1]));
        }
        Path root = Path.of(System.getProperty("atensi-repository-root", "."));
        TestInfrastructure infrastructure = TestInfrastructure.get();
        String token = new Tokens(infrastructure.signingKeys()).mint("bench-admin", Set.of("admin"), Tokens.Scope.none(),
                Duration.ofHours(12));
        System.out.printf("machine: nproc %d, load average %s; %d clients (%s, %s), %d s measured after at least %d s of warm-up, %d rounds%n",
                Runtime.getRuntime().availableProcessors(), load(), clients, System.getenv().getOrDefault("BENCH_HTTP_VERSION", "HTTP_2"),
                KEYED ? "an Idempotency-Key each" : "no Idempotency-Key", seconds, warmup, rounds);
        List<String> lines = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            String database = null;
            for (Map.Entry<String, Path> jar : jars.entrySet()) {
                database = "beneficiary_registration_bench_" + Long.toHexString(System.nanoTime());
                lines.add(measure(round, jar.getKey(), jar.getValue(), infrastructure, database, token, clients, seconds, warmup));
            }
            String loadBefore = load();
            double tps = ImportBenchmark.pgbench(infrastructure.jdbcUrl(database), infrastructure, root.resolve("bench/registration.sql"),
                    clients, seconds);
            lines.add("round %d  pgbench registration.sql: %.0f tps  (load %s -> %s)".formatted(round, tps, loadBefore, load()));
            System.out.println(lines.get(lines.size() - 1));
        }
        System.out.println();
        lines.forEach(System.out::println);
        System.exit(0);
    }

    private static String measure(int round, String label, Path jar, TestInfrastructure infrastructure, String database, String token,
                                  int clients, int seconds, int warmup) throws Exception {
        int port = BeneficiaryBenchmark.freePort();
        Process process = BeneficiaryBenchmark.start(jar, infrastructure, database, port);
        try {
            Clients bench = new Clients("http://127.0.0.1:" + port, token);
            BeneficiaryBenchmark.awaitReady(bench.http, bench.base, Duration.ofMinutes(3));
            ImportBenchmark.Throughput warm = bench.run(clients, warmup);
            long warmed = warmup;
            long warmDone = warm.done();
            double jitCores = Double.NaN;
            while (warmed < 3L * warmup) {
                long jitBefore = threadCpuMillis(process.pid()).get("jit");
                warmDone += bench.run(clients, WARM_UP_STEP_SECONDS).done();
                warmed += WARM_UP_STEP_SECONDS;
                jitCores = (threadCpuMillis(process.pid()).get("jit") - jitBefore) / 1000.0 / WARM_UP_STEP_SECONDS;
                if (jitCores < SETTLED_JIT_CORES) {
                    break;
                }
            }
            String loadBefore = load();
            Map<String, Long> cpuBefore = threadCpuMillis(process.pid());
            ImportBenchmark.Throughput measured = bench.run(clients, seconds);
            Map<String, Long> cpuAfter = threadCpuMillis(process.pid());
            double per = Math.max(1, measured.done());
            Map<String, Long> cpu = new LinkedHashMap<>();
            cpuAfter.forEach((kind, millis) -> cpu.put(kind, millis - cpuBefore.getOrDefault(kind, 0L)));
            long total = cpu.values().stream().mapToLong(Long::longValue).sum();
            long requestsAndOthers = total - cpu.get("jit") - cpu.get("gc");
            String line = ("round %d  %-8s registrations: %.0f/s (%,d in %d s, %d errors; warm-up %,d in %d s, JIT %.2f cores at its end),"
                    + " service CPU %.2f ms per registration"
                    + " (request and other threads %.2f, JIT compiler %.2f, GC %.2f), %.2f cores  (load %s -> %s)%n"
                    + "         %-8s request and other threads, ms per registration: event loops %.2f, request workers %.2f,"
                    + " event consumers %.2f, outbox relay %.2f, Kafka client threads %.2f, others %.2f")
                    .formatted(round, label, measured.done() / (double) seconds, measured.done(), seconds, measured.errors(), warmDone, warmed, jitCores,
                            total / per, requestsAndOthers / per, cpu.get("jit") / per, cpu.get("gc") / per, total / 1000.0 / seconds,
                            loadBefore, load(), label, cpu.get("event loops") / per, cpu.get("request workers") / per,
                            cpu.get("event consumers") / per, cpu.get("outbox relay") / per, cpu.get("kafka clients") / per,
                            cpu.get("other") / per);
            System.out.println(line);
            return line;
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** Registrations by clients each in a loop, every one a new person (and, BENCH_IDEMPOTENCY_KEY=1, a new key). */
    private static final class Clients {

        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.valueOf(System.getenv().getOrDefault("BENCH_HTTP_VERSION", "HTTP_2"))).build();
        final String base;
        private final String token;
        private final AtomicLong serial = new AtomicLong();

        Clients(String base, String token) {
            this.base = base;
            this.token = token;
        }

        ImportBenchmark.Throughput run(int clients, int seconds) throws InterruptedException {
            AtomicLong done = new AtomicLong();
            AtomicLong errors = new AtomicLong();
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            for (int c = 0; c < clients; c++) {
                pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        try {
                            (register() ? done : errors).incrementAndGet();
                        } catch (IOException e) {
                            errors.incrementAndGet();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                });
            }
            pool.shutdown();
            pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
            return new ImportBenchmark.Throughput(done.get(), errors.get());
        }

        /** A new NIK every call (birth date and sex vary fastest, then the serial, then the district), as the import bench makes them. */
        private boolean register() throws IOException, InterruptedException {
            long n = serial.getAndIncrement();
            LocalDate birthDate = FIRST_BIRTH_DATE.plusDays(n % BIRTH_DATES);
            boolean female = (n / BIRTH_DATES) % 2 == 0;
            long rest = n / BIRTH_DATES / 2;
            String nik = "3201%02d".formatted((int) (rest / 9_999) + 1) + "%02d%02d%02d".formatted(
                    birthDate.getDayOfMonth() + (female ? 40 : 0), birthDate.getMonthValue(), birthDate.getYear() % 100)
                    + "%04d".formatted((int) (rest % 9_999) + 1);
            String body = "{\"fullName\":\"Orang Coba " + letters(n) + "\",\"nik\":\"" + nik + "\",\"birthDate\":\"" + birthDate
                    + "\",\"sex\":\"" + (female ? "FEMALE" : "MALE")
                    + "\",\"address\":{\"provinceCode\":\"32\",\"regencyCode\":\"32.01\"},\"clusters\":[\"ELDERLY\"]}";
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/v1/beneficiaries"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (KEYED) {
                request.header("Idempotency-Key", UUID.randomUUID().toString());
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 201;
        }

        /** A name's last word from the serial: names take letters, not digits. */
        private static String letters(long n) {
            StringBuilder word = new StringBuilder("a");
            for (long rest = n; rest > 0; rest /= 26) {
                word.append((char) ('a' + rest % 26));
            }
            return word.toString();
        }
    }

    /**
     * CPU time of the process's threads (user + system, ms) by kind, from the thread's name as the kernel keeps it (its
     * first 15 characters): the JIT's compiler threads, the garbage collector's, Vert.x's event loops (HTTP framing,
     * routing, authentication), the request workers (the resource method and its transaction), the event consumers'
     * loops (threads named after their consumer group, {@code atensi.<service>.<consumer>}: at these rates only the
     * registry-subscription feed has events to read), the outbox relay, the Kafka clients' own threads, and all others.
     * Threads that ended meanwhile are lost from the sum, so the pool's threads are kept alive by the clients' steady load.
     */
    private static Map<String, Long> threadCpuMillis(long pid) {
        Map<String, Long> byKind = new LinkedHashMap<>();
        for (String kind : List.of("jit", "gc", "event loops", "request workers", "event consumers", "outbox relay", "kafka clients", "other")) {
            byKind.put(kind, 0L);
        }
        ProcessTimes.threadMillis(pid, RegistrationBenchmark::kind)
                .forEach((thread, millis) -> byKind.merge(thread.substring(thread.indexOf(' ') + 1), Math.round(millis), Long::sum));
        return byKind;
    }

    private static String kind(String comm) {
        if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
            return "jit";
        }
        if (comm.startsWith("GC Thread") || comm.startsWith("G1 ")) {
            return "gc";
        }
        if (comm.startsWith("vert.x-eventloo")) {
            return "event loops";
        }
        if (comm.startsWith("executor-thread") || comm.startsWith("vert.x-worker")) {
            return "request workers";
        }
        if (comm.startsWith("atensi.")) {
            return "event consumers";
        }
        if (comm.startsWith("beneficiary-out")) {
            return "outbox relay";
        }
        return comm.startsWith("kafka-") ? "kafka clients" : "other";
    }

    private static String load() throws java.io.IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).strip().split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }
}
