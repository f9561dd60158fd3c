package id.atensi.bench.beneficiary;

import id.atensi.bench.ProcessTimes;
import id.atensi.local.Tokens;
import id.atensi.testing.TestInfrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 20, goal 2, in one run: single registrations ({@code POST /api/v1/beneficiaries} by an admin) against each given
 * build of the packaged service in turn, and pgbench running {@code registration.sql} (the statements the service issues
 * for one registration) at the same concurrency, repeated in rounds so that a change of the shared machine's load
 * falls on every contender alike.
 * <p>
 * Each service starts on its own fresh database, is warmed up with registrations for the given seconds (shared by the
 * load generators) and then on, the generators taking turns in steps of {@value #WARM_UP_STEP_SECONDS} s, until its JIT
 * compiler threads and this JVM's (which compile the generators' code) each used under {@value #SETTLED_JIT_CORES} of a
 * core over the last step (at most three times the given warm-up): on two cores the one C2 thread works
 * through its queue of some 3,000 methods for 60–90 s under this load, with no method compiled again and again
 * (bench/RESULTS.md, session 12), so a fixed 40 s measured the compiler's backlog, not the registration. Then each
 * load generator of BENCH_CLIENTS ({@link RegistrationClients}) in turn against that same service, after
 * {@value #CLIENT_PRIMING_SECONDS} s of its own: registrations per second and the CPU per registration of every party
 * on the two cores — the service by thread kind (from {@code /proc/<pid>/task/*}), PostgreSQL (postmaster and
 * backends), the load generator (this JVM, JIT and GC apart), the Kafka broker (when the harness runs it as a child
 * process) — and how busy the machine was (from {@code /proc/stat}), so that the reader sees where the cores go.
 * pgbench's line gives the same for its C client (its process' CPU, counted when it is reaped) and PostgreSQL. Each
 * window also prints its exchanges' latency (p50, p99, p99.9, max) and what the database did meanwhile
 * ({@link RegistrationTail}): the GIN pending lists merged, which slow exchanges overlapped a merge, and, on a server
 * that preloads pg_stat_statements (ATENSI_DB_URL), the person INSERT's mean and maximum time.
 * <p>
 * Arguments: clients (16), measured seconds (20), least warm-up seconds (20), rounds (2), then one or more
 * {@code label=jar} (in the given order in the first round; each later round starts one further along, so that as many
 * rounds as builds, or a multiple, give each build each place once), each optionally followed by {@code ;NAME=value} settings (environment variables) of its service, so
 * that one jar runs as several contenders (bench/lib/builds.sh's BENCH_VARIANTS), e.g.
 * {@code off=…/quarkus-run.jar;ATENSI_BENEFICIARY_NAME_INDEXES_MERGE_INTERVAL=off}. BENCH_CLIENTS: the generators,
 * comma-separated, in the first round's order (later rounds rotate it), {@code jdk} and/or {@code vertx} (the default); BENCH_IDEMPOTENCY_KEY=1: every registration sends an
 * Idempotency-Key of its own (the path partner systems use to retry safely); BENCH_HTTP_VERSION for the {@code jdk}
 * generator (HTTP_2, the default, or HTTP_1_1).
 */
public final class RegistrationBenchmark {

    static final double SETTLED_JIT_CORES = 0.05;
    static final int WARM_UP_STEP_SECONDS = 5;
    static final int CLIENT_PRIMING_SECONDS = 5;
    private static final boolean KEYED = "1".equals(System.getenv("BENCH_IDEMPOTENCY_KEY"));
    private static final List<String> CLIENTS = Arrays.stream(System.getenv().getOrDefault("BENCH_CLIENTS", "vertx").split(","))
            .map(String::strip).filter(kind -> !kind.isEmpty()).toList();
    private static final List<String> SERVICE_KINDS = List.of("jit", "gc", "event loops", "request workers", "event consumers", "outbox relay",
            "kafka clients", "other");
    /** Linux reports process times in clock ticks of 1/100 s (USER_HZ) on every architecture the JDK runs on. */
    private static final double MILLIS_PER_TICK = 10.0;

    private RegistrationBenchmark() {
    }

    /** One measured window of one load generator against one build: what the summary and the ratio need. */
    private record Result(int round, String contender, double rate, Spent spent, RegistrationClients.Latencies latencies) {
    }

    public static void main(String[] args) throws Exception {
        int clients = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        int warmup = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        Map<String, Path> jars = new LinkedHashMap<>();
        Map<String, Map<String, String>> settings = new LinkedHashMap<>();
        for (int i = 4; i < args.length; i++) {
            String[] labelled = args[i].split("=", 2);
            jars.put(labelled[0], BeneficiaryBenchmark.jarOf(labelled[1]));
            settings.put(labelled[0], BeneficiaryBenchmark.settingsOf(labelled[1]));
        }
        Path root = Path.of(System.getProperty("atensi-repository-root", "."));
        TestInfrastructure infrastructure = TestInfrastructure.get();
        String token = new Tokens(infrastructure.signingKeys()).mint("bench-admin", Set.of("admin"), Tokens.Scope.none(),
                Duration.ofHours(12));
        System.out.printf("machine: nproc %d, %s, load average %s; %d clients (generators %s, jdk's %s, %s), %d s measured after at least %d s of"
                        + " warm-up, %d rounds%n",
                Runtime.getRuntime().availableProcessors(), memory(), load(), clients, CLIENTS,
                System.getenv().getOrDefault("BENCH_HTTP_VERSION", "HTTP_2"), KEYED ? "an Idempotency-Key each" : "no Idempotency-Key",
                seconds, warmup, rounds);
        List<String> lines = new ArrayList<>();
        List<Result> results = new ArrayList<>();
        Map<Integer, Double> pgbenchTps = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            List<String> order = new ArrayList<>(CLIENTS);
            Collections.rotate(order, -(round - 1));
            // The builds' turns move on each round as the generators' do: a build measured after the others meets a
            // server that already holds their databases and their checkpoints' work (bench/RESULTS.md, session 19).
            List<String> contenders = new ArrayList<>(jars.keySet());
            Collections.rotate(contenders, -(round - 1));
            String database = null;
            for (String contender : contenders) {
                database = "beneficiary_registration_bench_" + Long.toHexString(System.nanoTime());
                results.addAll(measure(round, contender, jars.get(contender), settings.get(contender), infrastructure, database,
                        token, clients, seconds, warmup, order, lines));
            }
            String loadBefore = load();
            Pgbench pgbench = pgbench(infrastructure, database, root.resolve("bench/registration.sql"), clients, seconds);
            pgbenchTps.put(round, pgbench.tps);
            lines.add(("round %d  pgbench registration.sql: %.0f tps (%,d transactions)  (load %s -> %s)%n"
                    + "         pgbench  CPU ms per transaction: pgbench's client %.3f, PostgreSQL %.3f; cores: pgbench %.2f, PostgreSQL %.2f,"
                    + " machine busy %.2f of %d (processes outside the benchmark, the Kafka broker among them, %.2f)").formatted(round,
                    pgbench.tps, pgbench.transactions, loadBefore, load(),
                    pgbench.clientMillis / Math.max(1, pgbench.transactions), pgbench.postgresMillis / Math.max(1, pgbench.transactions),
                    pgbench.clientMillis / 1000 / pgbench.seconds, pgbench.postgresMillis / 1000 / pgbench.seconds,
                    pgbench.machineBusyMillis / 1000 / pgbench.seconds, Runtime.getRuntime().availableProcessors(),
                    Math.max(0, pgbench.machineBusyMillis - pgbench.clientMillis - pgbench.postgresMillis) / 1000 / pgbench.seconds));
            System.out.println(lines.get(lines.size() - 1));
        }
        System.out.println();
        lines.forEach(System.out::println);
        System.out.println();
        System.out.println("summary, CPU ms per registration: round | contender | registrations/s | latency ms p99 | p99.9 | max | service"
                + " | PostgreSQL | load generator | Kafka broker | machine busy (cores) | service / pgbench of the round"
                + " | service ÷ PostgreSQL (CPU)");
        // PostgreSQL runs the same statements for every build, yet its CPU per registration moved by half between
        // windows of one run, and every party's with it (a shared machine's caches and cores): the service's CPU read
        // against PostgreSQL's in the same window compares builds where either alone does not (bench/RESULTS.md,
        // session 19).
        for (Result result : results) {
            Spent spent = result.spent;
            double[] tail = result.latencies.millisAt(0.99, 0.999, 1);
            System.out.printf("%d | %s | %.0f | %.1f | %.1f | %.1f | %.3f | %.3f | %.3f | %s | %.2f | %.2f | %.2f%n", result.round, result.contender,
                    result.rate, tail[0], tail[1], tail[2],
                    spent.perRegistration(spent.serviceMillis), spent.perRegistration(spent.postgresMillis),
                    spent.perRegistration(spent.generatorMillis),
                    Double.isNaN(spent.kafkaMillis) ? "—" : "%.3f".formatted(spent.perRegistration(spent.kafkaMillis)),
                    spent.machineBusyMillis / 1000 / spent.seconds, result.rate / pgbenchTps.get(result.round),
                    spent.serviceMillis / spent.postgresMillis);
        }
        System.exit(0);
    }

    private static List<Result> measure(int round, String label, Path jar, Map<String, String> settings, TestInfrastructure infrastructure,
                                        String database, String token, int clients, int seconds, int warmup, List<String> order,
                                        List<String> lines) throws Exception {
        int port = BeneficiaryBenchmark.freePort();
        Process process = BeneficiaryBenchmark.start(jar, infrastructure, database, port, settings);
        AtomicLong serial = new AtomicLong();
        Map<String, RegistrationClients.Generator> generators = new LinkedHashMap<>();
        RegistrationTail tail = null;
        try {
            BeneficiaryBenchmark.awaitReady(HttpClient.newHttpClient(), "http://127.0.0.1:" + port, Duration.ofMinutes(3));
            for (String kind : order) {
                generators.put(kind, RegistrationClients.create(kind, clients, port, token, KEYED, serial));
            }
            Meter meter = new Meter(process.pid(), ProcessTimes.postmasterOf(infrastructure.jdbcUrl(database), infrastructure.dbUser(),
                    infrastructure.dbPassword()));
            List<RegistrationClients.Generator> turns = List.copyOf(generators.values());
            long warmDone = 0;
            for (RegistrationClients.Generator generator : turns) {
                warmDone += generator.run(clients, Math.max(WARM_UP_STEP_SECONDS, warmup / turns.size())).done();
            }
            long warmed = warmup;
            double jitCores = Double.NaN;
            double generatorJitCores = Double.NaN;
            for (int step = 0; warmed < 3L * warmup; step++) {
                long jitBefore = threadCpuMillis(process.pid()).get("jit");
                double generatorJitBefore = meter.generatorJitMillis();
                warmDone += turns.get(step % turns.size()).run(clients, WARM_UP_STEP_SECONDS).done();
                warmed += WARM_UP_STEP_SECONDS;
                jitCores = (threadCpuMillis(process.pid()).get("jit") - jitBefore) / 1000.0 / WARM_UP_STEP_SECONDS;
                generatorJitCores = (meter.generatorJitMillis() - generatorJitBefore) / 1000.0 / WARM_UP_STEP_SECONDS;
                // every generator has had a step since the last one was compiled for, and neither JVM is compiling
                if (step + 1 >= turns.size() && jitCores < SETTLED_JIT_CORES && generatorJitCores < SETTLED_JIT_CORES) {
                    break;
                }
            }
            tail = new RegistrationTail(infrastructure.jdbcUrl(database), infrastructure.dbUser(), infrastructure.dbPassword());
            List<Result> results = new ArrayList<>();
            for (RegistrationClients.Generator generator : generators.values()) {
                // the generator's own JIT and connections settle before its window, whichever ran the warm-up
                generator.run(clients, CLIENT_PRIMING_SECONDS);
                String contender = label + " / " + generator.name();
                String loadBefore = load();
                tail.start();
                long windowStart = System.nanoTime();
                Meter.Reading before = meter.read();
                RegistrationClients.Outcome measured = generator.run(clients, seconds);
                Spent spent = meter.read().since(before, measured.done(), seconds);
                String inDatabase = tail.stop(measured.latencies().slow(), windowStart);
                String settled = jitCores < SETTLED_JIT_CORES && generatorJitCores < SETTLED_JIT_CORES ? ""
                        : " — NOT SETTLED: the warm-up stopped at its cap of three times the given seconds; give more";
                String line = ("round %d  %s registrations: %.0f/s (%,d in %d s, %s; warm-up %,d in %d s, JIT %.2f cores"
                        + " at its end, the load generator's %.2f%s)  (load %s -> %s)%n         %s %s%n%s%n%s").formatted(round, contender,
                        measured.done() / (double) seconds, measured.done(), seconds, measured.errorsText(), warmDone, warmed, jitCores,
                        generatorJitCores, settled, loadBefore, load(), contender, measured.latencies().describe(), spent.describe(contender),
                        inDatabase.strip().indent(9).stripTrailing());
                System.out.println(line);
                lines.add(line);
                results.add(new Result(round, contender, measured.done() / (double) seconds, spent, measured.latencies()));
            }
            return results;
        } finally {
            if (tail != null) {
                tail.close();
            }
            generators.values().forEach(RegistrationClients.Generator::close);
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** CPU ms over one measured window, by party, and the machine's busy time (all processes, from /proc/stat). */
    private record Spent(Map<String, Long> service, double serviceMillis, double postgresMillis, double generatorMillis,
                         double generatorJitMillis, double generatorGcMillis, double kafkaMillis, double machineBusyMillis,
                         long registrations, int seconds) {

        double perRegistration(double millis) {
            return millis / Math.max(1, registrations);
        }

        String describe(String contender) {
            long threads = service.values().stream().mapToLong(Long::longValue).sum();
            long requestsAndOthers = threads - service.get("jit") - service.get("gc");
            double parties = serviceMillis + postgresMillis + generatorMillis + (Double.isNaN(kafkaMillis) ? 0 : kafkaMillis);
            int cores = Runtime.getRuntime().availableProcessors();
            return ("         %1$s service CPU %2$.3f ms per registration (request and other threads %3$.3f, JIT compiler %4$.3f, GC %5$.3f),"
                    + " %6$.2f cores; request and other threads, ms per registration: event loops %7$.3f, request workers %8$.3f,"
                    + " event consumers %9$.3f, outbox relay %10$.3f, Kafka client threads %11$.3f, others (and threads that ended) %12$.3f%n"
                    + "         %1$s CPU ms per registration by process: service %13$.3f, PostgreSQL %14$.3f, load generator %15$.3f"
                    + " (this JVM; of it JIT %16$.3f, GC %17$.3f), Kafka broker %18$s; together %19$.3f%n"
                    + "         %1$s cores: service %20$.2f, PostgreSQL %21$.2f, load generator %22$.2f, Kafka broker %23$s;"
                    + " machine busy %24$.2f of %25$d (processes outside the benchmark %26$.2f)")
                    .formatted(contender, perRegistration(serviceMillis), perRegistration(requestsAndOthers), perRegistration(service.get("jit")),
                            perRegistration(service.get("gc")), serviceMillis / 1000 / seconds, perRegistration(service.get("event loops")),
                            perRegistration(service.get("request workers")), perRegistration(service.get("event consumers")),
                            perRegistration(service.get("outbox relay")), perRegistration(service.get("kafka clients")),
                            perRegistration(service.get("other")), perRegistration(serviceMillis), perRegistration(postgresMillis),
                            perRegistration(generatorMillis), perRegistration(generatorJitMillis), perRegistration(generatorGcMillis),
                            Double.isNaN(kafkaMillis) ? "—" : "%.3f".formatted(perRegistration(kafkaMillis)), perRegistration(parties),
                            serviceMillis / 1000 / seconds, postgresMillis / 1000 / seconds, generatorMillis / 1000 / seconds,
                            Double.isNaN(kafkaMillis) ? "—" : "%.2f".formatted(kafkaMillis / 1000 / seconds),
                            machineBusyMillis / 1000 / seconds, cores, Math.max(0, machineBusyMillis - parties) / 1000 / seconds);
        }
    }

    /** Reads the CPU every party of a registration has used so far. */
    private static final class Meter {

        private final long servicePid;
        private final long postmasterPid;
        private final long benchPid = ProcessHandle.current().pid();
        private final Long kafkaPid = ProcessHandle.current().descendants()
                .filter(child -> child.info().commandLine().map(line -> line.contains("kafka.Kafka")).orElse(false))
                .map(ProcessHandle::pid).findFirst().orElse(null);

        Meter(long servicePid, long postmasterPid) {
            this.servicePid = servicePid;
            this.postmasterPid = postmasterPid;
        }

        record Reading(Map<String, Double> serviceThreads, double service, double postgres, Map<String, Double> benchThreads, double bench,
                       double kafka, double machineBusy) {

            /**
             * Thread by thread, so that a thread started within the window counts from zero and one that ended within it
             * (the request workers' pool shrinks when the rate falls) is counted under "other" as the process' time its
             * live threads do not account for, rather than taking its earlier time off its kind.
             */
            Spent since(Reading earlier, long registrations, int seconds) {
                Map<String, Long> threads = new LinkedHashMap<>();
                SERVICE_KINDS.forEach(kind -> threads.put(kind, 0L));
                double live = 0;
                for (Map.Entry<String, Double> thread : serviceThreads.entrySet()) {
                    double used = thread.getValue() - earlier.serviceThreads.getOrDefault(thread.getKey(), 0.0);
                    threads.merge(thread.getKey().substring(thread.getKey().indexOf(' ') + 1), Math.round(used), Long::sum);
                    live += used;
                }
                threads.merge("other", Math.round(Math.max(0, service - earlier.service - live)), Long::sum);
                Map<String, Double> generator = new LinkedHashMap<>();
                benchThreads.forEach((thread, millis) -> generator.merge(thread.substring(thread.indexOf(' ') + 1),
                        millis - earlier.benchThreads.getOrDefault(thread, 0.0), Double::sum));
                return new Spent(threads, service - earlier.service, postgres - earlier.postgres, bench - earlier.bench,
                        generator.getOrDefault("jit", 0.0), generator.getOrDefault("gc", 0.0), kafka - earlier.kafka,
                        machineBusy - earlier.machineBusy, registrations, seconds);
            }
        }

        Reading read() {
            return new Reading(ProcessTimes.threadMillis(servicePid, RegistrationBenchmark::kind), ProcessTimes.processMillis(servicePid), ProcessTimes.postgresMillis(postmasterPid),
                    ProcessTimes.threadMillis(benchPid, Meter::benchKind), ProcessTimes.processMillis(benchPid),
                    kafkaPid == null ? Double.NaN : ProcessTimes.processMillis(kafkaPid), machineBusyMillis());
        }

        /** This JVM's compiler threads' CPU so far: the load generator's code is compiled here. */
        double generatorJitMillis() {
            return ProcessTimes.threadMillis(benchPid, Meter::benchKind).entrySet().stream().filter(thread -> thread.getKey().endsWith(" jit"))
                    .mapToDouble(Map.Entry::getValue).sum();
        }

        private static String benchKind(String comm) {
            if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
                return "jit";
            }
            if (comm.startsWith("GC Thread") || comm.startsWith("G1 ")) {
                return "gc";
            }
            return "other";
        }
    }

    /** pgbench's rate and what it cost: its client's CPU (its process', added to this JVM's children's when reaped) and PostgreSQL's. */
    private record Pgbench(double tps, long transactions, double clientMillis, double postgresMillis, double machineBusyMillis, double seconds) {
    }

    private static Pgbench pgbench(TestInfrastructure infrastructure, String database, Path script, int clients, int seconds) throws Exception {
        String jdbc = infrastructure.jdbcUrl(database);
        Matcher url = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/([^?]+)").matcher(jdbc);
        if (!url.find()) {
            throw new IllegalStateException("cannot read host and port from " + jdbc);
        }
        long postmaster = ProcessTimes.postmasterOf(jdbc, infrastructure.dbUser(), infrastructure.dbPassword());
        // the same command as ImportBenchmark.pgbench: two threads of pgbench for the clients
        ProcessBuilder builder = new ProcessBuilder("pgbench", "-n", "-c", String.valueOf(clients), "-j", "2", "-T", String.valueOf(seconds),
                "-f", script.toString(), "-h", url.group(1), "-p", url.group(2), "-U", infrastructure.dbUser(), url.group(3));
        builder.environment().put("PGPASSWORD", infrastructure.dbPassword());
        double childrenBefore = reapedChildrenMillis();
        double postgresBefore = ProcessTimes.postgresMillis(postmaster);
        double machineBefore = machineBusyMillis();
        long started = System.nanoTime();
        Process pgbench = builder.redirectErrorStream(true).start();
        String output = new String(pgbench.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        pgbench.waitFor();
        double elapsed = (System.nanoTime() - started) / 1e9;
        double postgres = ProcessTimes.postgresMillis(postmaster) - postgresBefore;
        double machine = machineBusyMillis() - machineBefore;
        double client = reapedChildrenMillis() - childrenBefore;
        Matcher tps = Pattern.compile("tps = ([0-9.]+)").matcher(output);
        Matcher processed = Pattern.compile("number of transactions actually processed: (\\d+)").matcher(output);
        if (!tps.find() || !processed.find()) {
            throw new IllegalStateException("pgbench said: " + output);
        }
        return new Pgbench(Double.parseDouble(tps.group(1)), Long.parseLong(processed.group(1)), client, postgres, machine, elapsed);
    }

    /** This JVM's reaped children's CPU so far (cutime + cstime): the JDK reaps every child it started once it exits. */
    private static double reapedChildrenMillis() throws IOException {
        String line = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) * MILLIS_PER_TICK;
    }

    /** The machine's CPU time not idle so far, every core, every process (the first line of /proc/stat, less idle and iowait). */
    private static double machineBusyMillis() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).strip().split("\\s+");
            long busy = 0;
            // user nice system idle iowait irq softirq steal; guest time is already in user
            for (int i = 1; i <= 8 && i < fields.length; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(fields[i]);
                }
            }
            return busy * MILLIS_PER_TICK;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * CPU time of the process's threads (user + system, ms) by kind, from the thread's name as the kernel keeps it (its
     * first 15 characters): the JIT's compiler threads, the garbage collector's, Vert.x's event loops (HTTP framing,
     * routing, authentication), the request workers (the resource method and its transaction), the event consumers'
     * loops (threads named after their consumer group, {@code atensi.<service>.<consumer>}: at these rates only the
     * registry-subscription feed has events to read), the outbox relay, the Kafka clients' own threads, and all others.
     * Threads that ended meanwhile are lost from the sum: the warm-up reads the compiler threads' share alone, which live
     * as long as the JVM; the measured windows subtract thread by thread ({@link Meter.Reading#since}).
     */
    private static Map<String, Long> threadCpuMillis(long pid) {
        Map<String, Long> byKind = new LinkedHashMap<>();
        SERVICE_KINDS.forEach(kind -> byKind.put(kind, 0L));
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

    private static String memory() throws IOException {
        String total = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\D+", "");
        return "%d GB".formatted(Math.round(Long.parseLong(total) / 1024.0 / 1024.0));
    }

    private static String load() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).strip().split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }
}
