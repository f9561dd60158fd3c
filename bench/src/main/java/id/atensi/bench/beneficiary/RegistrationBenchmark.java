package id.atensi.bench.beneficiary;

import id.atensi.bench.ProcessTimes;
import id.atensi.local.Tokens;
import id.atensi.testing.TestInfrastructure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Issue 20, goal 2, in one run: single registrations ({@code POST /api/v1/beneficiaries} by an admin) against each given
 * build of the packaged service in turn, and pgbench running {@code registration.sql} (the statements the service issues
 * for one registration) at the same concurrency, repeated in rounds so that a change of the shared machine's load
 * falls on every contender alike.
 * <p>
 * Each service starts on its own fresh database, is warmed up with registrations until the JIT has compiled the path
 * (so the measured CPU is the steady state's, not the compiler's), then measured: registrations per second and the
 * process's CPU time per registration (from {@code /proc/<pid>/stat}: user + system, every thread of the service,
 * including its outbox relay and consumers), and the machine's load average.
 * <p>
 * Arguments: clients (16), measured seconds (20), warm-up seconds (20), rounds (2), then one or more {@code label=jar}.
 */
public final class RegistrationBenchmark {

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
        System.out.printf("machine: nproc %d, load average %s; %d clients (%s), %d s measured after %d s of warm-up, %d rounds%n",
                Runtime.getRuntime().availableProcessors(), load(), clients, System.getenv().getOrDefault("BENCH_HTTP_VERSION", "HTTP_2"),
                seconds, warmup, rounds);
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
            ImportBenchmark bench = new ImportBenchmark("http://127.0.0.1:" + port, token, 0);
            BeneficiaryBenchmark.awaitReady(bench.http, bench.base, Duration.ofMinutes(3));
            ImportBenchmark.Throughput warm = bench.runClients(clients, warmup);
            String loadBefore = load();
            Map<String, Long> cpuBefore = threadCpuMillis(process.pid());
            ImportBenchmark.Throughput measured = bench.runClients(clients, seconds);
            Map<String, Long> cpuAfter = threadCpuMillis(process.pid());
            double per = Math.max(1, measured.done());
            Map<String, Long> cpu = new LinkedHashMap<>();
            cpuAfter.forEach((kind, millis) -> cpu.put(kind, millis - cpuBefore.getOrDefault(kind, 0L)));
            long total = cpu.values().stream().mapToLong(Long::longValue).sum();
            long requestsAndOthers = total - cpu.get("jit") - cpu.get("gc");
            String line = ("round %d  %-8s registrations: %.0f/s (%,d in %d s, %d errors; warm-up %,d), service CPU %.2f ms per registration"
                    + " (request and other threads %.2f, JIT compiler %.2f, GC %.2f), %.2f cores  (load %s -> %s)%n"
                    + "         %-8s request and other threads, ms per registration: event loops %.2f, request workers %.2f,"
                    + " event consumers %.2f, outbox relay %.2f, Kafka client threads %.2f, others %.2f")
                    .formatted(round, label, measured.done() / (double) seconds, measured.done(), seconds, measured.errors(), warm.done(),
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
