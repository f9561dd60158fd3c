package id.atensi.bench.beneficiary;

import id.atensi.bench.ProcessTimes;
import id.atensi.testing.TestInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * What the beneficiary service's own consumers spend on the events of its topic that they decline, for two builds in one
 * run (issue 20: during an import with no registry subscription, the registry feed read and deserialised every event only
 * to decline it). Each round and build: the service on a fresh database (no subscription), a warm-up of registrations
 * written to {@code atensi.beneficiary.events} as the relay writes them (CloudEvents in Kafka's binary mode) and consumed,
 * then {@code events} more written at once; measured from before they are written until the feed has counted them all
 * ({@code atensi_events_consumed_total}): the CPU of the consumers' threads (Linux names them "atensi.benefici"), of the
 * whole service process, and the wall time. The builds alternate (A B, then B A) so that both see the machine's load alike.
 */
public final class ConsumerDeclineBenchmark {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String TOPIC = "atensi.beneficiary.events";
    private static final String FEED = "beneficiary-registry-subscriptions";

    private record Build(String label, Path jar) {
    }

    private record Result(String label, int round, double consumersMsPer1000, double processMsPer1000, double seconds, String load) {
    }

    public static void main(String[] args) throws Exception {
        int events = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        List<Build> builds = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            String[] labelAndJar = args[i].split("=", 2);
            builds.add(new Build(labelAndJar[0], Path.of(labelAndJar[1])));
        }
        if (builds.size() != 2) {
            throw new IllegalArgumentException("two builds (label=quarkus-run.jar), not " + builds.size());
        }
        TestInfrastructure infrastructure = TestInfrastructure.get();
        int warmUp = Math.max(5_000, events / 4);
        Random random = new Random(20);
        List<Result> results = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = producer(infrastructure)) {
            for (int round = 1; round <= rounds; round++) {
                List<Build> order = round % 2 == 1 ? builds : List.of(builds.get(1), builds.get(0));
                for (Build build : order) {
                    Result result = measure(build, round, events, warmUp, infrastructure, producer, random);
                    results.add(result);
                    System.out.printf("round %d %-10s %,d declined: consumers' threads %.1f ms per 1,000 events, service process %.1f ms"
                                    + " per 1,000, %.2f s (load %s)%n", round, build.label(), events, result.consumersMsPer1000(),
                            result.processMsPer1000(), result.seconds(), result.load());
                }
            }
        }
        System.out.println();
        System.out.printf("the registry feed declining %,d registrations (no subscription), %d rounds, after a warm-up of %,d%n",
                events, rounds, warmUp);
        System.out.println("| build | consumers' threads, CPU ms per 1,000 events (rounds; median) | service process, CPU ms per 1,000"
                + " (rounds; median) | wall s (rounds) |");
        System.out.println("|---|---|---|---|");
        for (Build build : builds) {
            List<Result> mine = results.stream().filter(r -> r.label().equals(build.label())).toList();
            System.out.printf("| %s | %s; **%.1f** | %s; %.1f | %s |%n", build.label(),
                    format(mine.stream().map(Result::consumersMsPer1000).toList()), median(mine.stream().map(Result::consumersMsPer1000).toList()),
                    format(mine.stream().map(Result::processMsPer1000).toList()), median(mine.stream().map(Result::processMsPer1000).toList()),
                    format(mine.stream().map(Result::seconds).toList()));
        }
        System.exit(0);
    }

    private static Result measure(Build build, int round, int events, int warmUp, TestInfrastructure infrastructure,
                                  KafkaProducer<String, byte[]> producer, Random random) throws Exception {
        int port = BeneficiaryBenchmark.freePort();
        String database = "beneficiary_decline_" + Long.toHexString(System.nanoTime());
        Process process = BeneficiaryBenchmark.start(build.jar(), infrastructure, database, port);
        try {
            String base = "http://127.0.0.1:" + port;
            BeneficiaryBenchmark.awaitReady(HTTP, base, Duration.ofMinutes(3));
            // The feed's group goes on from where the previous build's stopped: count from what it has counted at start.
            long before = consumed(base);
            write(producer, warmUp, random);
            awaitConsumed(base, before + warmUp);
            long pid = process.pid();
            double consumers = consumersMillis(pid);
            double processCpu = ProcessTimes.processMillis(pid);
            String loadBefore = loadAverage();
            long start = System.nanoTime();
            write(producer, events, random);
            awaitConsumed(base, before + warmUp + events);
            double seconds = (System.nanoTime() - start) / 1e9;
            double consumersUsed = consumersMillis(pid) - consumers;
            double processUsed = ProcessTimes.processMillis(pid) - processCpu;
            return new Result(build.label(), round, consumersUsed * 1000 / events, processUsed * 1000 / events, seconds,
                    loadBefore + " -> " + loadAverage());
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** Registrations as the relay publishes them: key the person, the CloudEvent attributes as ce_ headers, JSON data. */
    private static void write(KafkaProducer<String, byte[]> producer, int count, Random random) {
        for (int i = 0; i < count; i++) {
            UUID person = new UUID(random.nextLong(), random.nextLong());
            String time = OffsetDateTime.now().toString();
            String data = """
                    {"beneficiaryId":"%s","fullName":"Siti Rahayu %d","status":"REGISTERED","registeredAt":"%s",\
                    "serviceUnitId":"%s","partnerIds":[],"provinceCode":"32","regencyCode":"32.01"}"""
                    .formatted(person, i, time, new UUID(20, 1));
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC, person.toString(), data.getBytes(StandardCharsets.UTF_8));
            header(record, "ce_specversion", "1.0");
            header(record, "ce_id", new UUID(random.nextLong(), random.nextLong()).toString());
            header(record, "ce_source", "/atensi/beneficiary");
            header(record, "ce_type", "atensi.beneficiary.registered.v1");
            header(record, "ce_subject", person.toString());
            header(record, "ce_time", time);
            header(record, "content-type", "application/json");
            producer.send(record);
        }
        producer.flush();
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static KafkaProducer<String, byte[]> producer(TestInfrastructure infrastructure) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    /** The consumers' poll threads, named by their group ("atensi.beneficiary.<consumer>"), cut to 15 characters by Linux. */
    private static double consumersMillis(long pid) {
        return ProcessTimes.threadMillis(pid, name -> name.startsWith("atensi.benefici") ? "consumer" : "other").entrySet().stream()
                .filter(thread -> thread.getKey().endsWith(" consumer")).mapToDouble(Map.Entry::getValue).sum();
    }

    private static void awaitConsumed(String base, long expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
        while (consumed(base) < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the feed counted " + consumed(base) + " of " + expected + " events within 15 minutes");
            }
            Thread.sleep(200);
        }
    }

    /** Events the feed counted so far, whatever became of them (declined, applied, duplicate). */
    private static long consumed(String base) throws InterruptedException {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.body().lines()
                    .filter(line -> line.startsWith("atensi_events_consumed_total{") && line.contains("consumer=\"" + FEED + "\""))
                    .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .sum();
        } catch (IOException notYet) {
            return 0;
        }
    }

    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    private static String format(List<Double> values) {
        return String.join(", ", values.stream().map(value -> String.format("%.1f", value)).toList());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
