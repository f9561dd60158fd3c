package id.atensi.bench.beneficiary;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The registration benchmark's load generators: clients that each register people in a loop (a request, its answer,
 * the next), every body a new person with a valid NIK from one serial shared by all clients and all generators
 * against a service, so that no NIK is sent twice. Two kinds, to tell the generator's cost from the service's:
 * <ul>
 *   <li>{@code jdk} — {@link java.net.http.HttpClient}, a thread per client blocked in {@code send}; h2c (all clients on
 *   one multiplexed connection) unless BENCH_HTTP_VERSION=HTTP_1_1 (a connection each). What sessions 10–14 measured.</li>
 *   <li>{@code vertx} — Vert.x's HTTP/1.1 client on one event loop, keep-alive, at most one connection per client (the
 *   pool is as large as the number of clients, and each client has one request in flight), no thread per client: it
 *   costs a third of the JDK client's CPU per request (0.06–0.11 against 0.20–0.24 ms, bench/RESULTS.md, session
 *   15), CPU that the service and PostgreSQL share the two cores with.</li>
 * </ul>
 * Every answer other than 201 is counted by its status, a failed exchange by its exception's class; every exchange's
 * latency is kept ({@link Latencies}), and the slow ones with their times, to set against what the database did then.
 */
final class RegistrationClients {

    private static final LocalDate FIRST_BIRTH_DATE = LocalDate.of(1940, 1, 1);
    private static final int BIRTH_DATES = 25_000;
    private static final String PATH = "/api/v1/beneficiaries";

    private RegistrationClients() {
    }

    /** Registrations done (201), the other outcomes by status or exception, and every exchange's latency over one run. */
    record Outcome(long done, Map<String, Long> errors, Latencies latencies) {

        long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }

        String errorsText() {
            return errors.isEmpty() ? "0 errors" : errorCount() + " errors " + errors;
        }
    }

    /** A load generator against one service. */
    interface Generator extends AutoCloseable {

        String name();

        Outcome run(int clients, int seconds) throws InterruptedException;

        @Override
        void close();
    }

    static Generator create(String kind, int clients, int port, String token, boolean keyed, AtomicLong serial) {
        return switch (kind) {
            case "jdk" -> new Jdk(port, token, keyed, serial);
            case "vertx" -> new VertxHttp(clients, port, token, keyed, serial);
            default -> throw new IllegalArgumentException("BENCH_CLIENTS: unknown client " + kind + " (jdk, vertx)");
        };
    }

    /**
     * A new NIK every call (birth date and sex vary fastest, then the serial, then the district), as the import bench
     * makes them.
     */
    static String body(long n) {
        LocalDate birthDate = FIRST_BIRTH_DATE.plusDays(n % BIRTH_DATES);
        boolean female = (n / BIRTH_DATES) % 2 == 0;
        long rest = n / BIRTH_DATES / 2;
        String nik = "3201%02d".formatted((int) (rest / 9_999) + 1) + "%02d%02d%02d".formatted(
                birthDate.getDayOfMonth() + (female ? 40 : 0), birthDate.getMonthValue(), birthDate.getYear() % 100)
                + "%04d".formatted((int) (rest % 9_999) + 1);
        return "{\"fullName\":\"Orang Coba " + letters(n) + "\",\"nik\":\"" + nik + "\",\"birthDate\":\"" + birthDate
                + "\",\"sex\":\"" + (female ? "FEMALE" : "MALE")
                + "\",\"address\":{\"provinceCode\":\"32\",\"regencyCode\":\"32.01\"},\"clusters\":[\"ELDERLY\"]}";
    }

    /** A name's last word from the serial: names take letters, not digits. */
    private static String letters(long n) {
        StringBuilder word = new StringBuilder("a");
        for (long rest = n; rest > 0; rest /= 26) {
            word.append((char) ('a' + rest % 26));
        }
        return word.toString();
    }

    private static Outcome outcome(LongAdder done, Map<String, LongAdder> errors, Latencies latencies) {
        Map<String, Long> counted = new TreeMap<>();
        errors.forEach((what, count) -> counted.put(what, count.sum()));
        return new Outcome(done.sum(), counted, latencies);
    }

    /**
     * Each exchange's time from the request's start to its answer's end, in a preallocated array (no allocation per
     * request in the generator, whose CPU the service shares the cores with), and the exchanges slower than
     * {@value #SLOW_MILLIS} ms with their start, as {@link System#nanoTime()}.
     */
    static final class Latencies {

        static final long SLOW_MILLIS = 100;
        /** Far above any rate of this machine: 10,000 exchanges a second. */
        private static final int PER_SECOND = 10_000;

        private final long[] nanos;
        private final AtomicInteger count = new AtomicInteger();
        private final List<long[]> slow = Collections.synchronizedList(new ArrayList<>());

        Latencies(int seconds) {
            this.nanos = new long[Math.max(1, seconds) * PER_SECOND];
        }

        void add(long started, long ended) {
            long took = ended - started;
            int at = count.getAndIncrement();
            if (at < nanos.length) {
                nanos[at] = took;
            }
            if (took > SLOW_MILLIS * 1_000_000) {
                slow.add(new long[] {started, ended});
            }
        }

        /** The slow exchanges as {start, end} in {@link System#nanoTime()}, by start. */
        List<long[]> slow() {
            List<long[]> sorted = new ArrayList<>(slow);
            sorted.sort(Comparator.comparingLong(span -> span[0]));
            return sorted;
        }

        /** Milliseconds at the given fractions (0.5, 0.99, …; 1 is the maximum) of the exchanges kept. */
        double[] millisAt(double... fractions) {
            int kept = Math.min(count.get(), nanos.length);
            long[] sorted = Arrays.copyOf(nanos, kept);
            Arrays.sort(sorted);
            double[] millis = new double[fractions.length];
            for (int i = 0; i < fractions.length; i++) {
                millis[i] = kept == 0 ? Double.NaN : sorted[(int) Math.min(kept - 1, Math.ceil(fractions[i] * kept) - 1)] / 1e6;
            }
            return millis;
        }

        String describe() {
            double[] at = millisAt(0.5, 0.99, 0.999, 1);
            return "latency ms p50 %.1f, p99 %.1f, p99.9 %.1f, max %.1f; %d over %d ms".formatted(at[0], at[1], at[2], at[3], slow.size(),
                    SLOW_MILLIS);
        }
    }

    private static final class Jdk implements Generator {

        private static final AtomicInteger THREADS = new AtomicInteger();

        private final HttpClient http;
        private final URI uri;
        private final String token;
        private final boolean keyed;
        private final AtomicLong serial;
        private final String version;

        Jdk(int port, String token, boolean keyed, AtomicLong serial) {
            this.version = System.getenv().getOrDefault("BENCH_HTTP_VERSION", "HTTP_2");
            this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.valueOf(version)).build();
            this.uri = URI.create("http://127.0.0.1:" + port + PATH);
            this.token = token;
            this.keyed = keyed;
            this.serial = serial;
        }

        @Override
        public String name() {
            return "jdk " + version;
        }

        @Override
        public Outcome run(int clients, int seconds) throws InterruptedException {
            LongAdder done = new LongAdder();
            Map<String, LongAdder> errors = new ConcurrentHashMap<>();
            Latencies latencies = new Latencies(seconds);
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            ExecutorService pool = Executors.newFixedThreadPool(clients, task -> new Thread(task, "jdk-client-" + THREADS.incrementAndGet()));
            for (int c = 0; c < clients; c++) {
                pool.submit(() -> {
                    for (long started = System.nanoTime(); started < end; started = System.nanoTime()) {
                        try {
                            int status = register();
                            latencies.add(started, System.nanoTime());
                            if (status == 201) {
                                done.increment();
                            } else {
                                errors.computeIfAbsent(String.valueOf(status), s -> new LongAdder()).increment();
                            }
                        } catch (IOException e) {
                            // a timed-out exchange is the slowest of all: it counts in the tail, as the Vert.x generator's failures do
                            latencies.add(started, System.nanoTime());
                            errors.computeIfAbsent(e.getClass().getSimpleName(), s -> new LongAdder()).increment();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                });
            }
            pool.shutdown();
            pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
            return outcome(done, errors, latencies);
        }

        private int register() throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body(serial.getAndIncrement())));
            if (keyed) {
                request.header("Idempotency-Key", UUID.randomUUID().toString());
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }

        @Override
        public void close() {
            // The JDK's client has no close before JDK 21: its selector thread ends once the client is unreachable.
        }
    }

    private static final class VertxHttp implements Generator {

        private final Vertx vertx;
        private final io.vertx.core.http.HttpClient http;
        private final String authorization;
        private final boolean keyed;
        private final AtomicLong serial;
        private final int port;
        private final int poolSize;

        VertxHttp(int clients, int port, String token, boolean keyed, AtomicLong serial) {
            // One event loop is enough for 16 exchanges in flight and leaves the cores to the service and PostgreSQL.
            this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
            this.http = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_1_1).setKeepAlive(true)
                    .setPipelining(false).setConnectTimeout(5_000), new PoolOptions().setHttp1MaxSize(clients));
            this.authorization = "Bearer " + token;
            this.keyed = keyed;
            this.serial = serial;
            this.port = port;
            this.poolSize = clients;
        }

        @Override
        public String name() {
            return "vertx HTTP_1_1";
        }

        @Override
        public Outcome run(int clients, int seconds) throws InterruptedException {
            LongAdder done = new LongAdder();
            Map<String, LongAdder> errors = new ConcurrentHashMap<>();
            Latencies latencies = new Latencies(seconds);
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            if (clients > poolSize) {
                throw new IllegalArgumentException("a pool of " + poolSize + " connections for " + clients + " clients: each must have its own");
            }
            CountDownLatch finished = new CountDownLatch(clients);
            for (int c = 0; c < clients; c++) {
                next(end, done, errors, latencies, finished);
            }
            if (!finished.await(seconds + 60L, TimeUnit.SECONDS)) {
                errors.computeIfAbsent("unfinished clients", s -> new LongAdder()).add(finished.getCount());
            }
            return outcome(done, errors, latencies);
        }

        /** One client's loop: each answer (or failure) sends the client's next request until the time is up. */
        private void next(long end, LongAdder done, Map<String, LongAdder> errors, Latencies latencies, CountDownLatch finished) {
            long started = System.nanoTime();
            if (started >= end) {
                finished.countDown();
                return;
            }
            RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port).setURI(PATH)
                    .putHeader("Authorization", authorization).putHeader("Content-Type", "application/json");
            if (keyed) {
                request.putHeader("Idempotency-Key", UUID.randomUUID().toString());
            }
            Buffer body = Buffer.buffer(body(serial.getAndIncrement()));
            http.request(request)
                    .compose(sent -> sent.send(body))
                    .compose(response -> response.end().map(response.statusCode()))
                    .onComplete(answered -> {
                        latencies.add(started, System.nanoTime());
                        if (answered.failed()) {
                            errors.computeIfAbsent(answered.cause().getClass().getSimpleName(), s -> new LongAdder()).increment();
                        } else if (answered.result() == 201) {
                            done.increment();
                        } else {
                            errors.computeIfAbsent(String.valueOf(answered.result()), s -> new LongAdder()).increment();
                        }
                        next(end, done, errors, latencies, finished);
                    });
        }

        @Override
        public void close() {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
