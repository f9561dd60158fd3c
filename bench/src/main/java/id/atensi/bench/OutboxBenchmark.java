package id.atensi.bench;

import id.atensi.commons.events.EventNames;
import id.atensi.commons.events.KafkaSettings;
import id.atensi.commons.events.OutboxRelay;
import id.atensi.testing.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.flywaydb.core.Flyway;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Measures the outbox relay on this machine against a real PostgreSQL and Kafka broker process:
 * <ol>
 * <li>latency from a transaction's commit to its record arriving at a consumer of the topic, at a steady
 * write rate (the relay woken by LISTEN/NOTIFY);</li>
 * <li>throughput: how fast the relay drains a backlog, as after Kafka was away.</li>
 * </ol>
 * Arguments: {@code rate} (events/s, default 200), {@code seconds} (default 30), {@code backlog} (default 20000).
 */
public final class OutboxBenchmark {

    private static final int WARM_UP_SECONDS = 5;

    private OutboxBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int backlog = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        TestInfrastructure infrastructure = TestInfrastructure.get();
        System.out.printf("machine: %d cores, java %s, %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), System.getProperty("os.name"));

        latency(infrastructure, rate, seconds);
        throughput(infrastructure, backlog);
        System.exit(0);
    }

    private static void latency(TestInfrastructure infrastructure, int rate, int seconds) throws Exception {
        String service = "benchlatency" + suffix();
        String url = database(infrastructure, service);
        Map<String, Long> committedAt = new ConcurrentHashMap<>();
        int total = rate * seconds;
        int warmUp = rate * WARM_UP_SECONDS;
        Set<String> warmUpIds = ConcurrentHashMap.newKeySet();
        Map<String, Long> latencyById = new ConcurrentHashMap<>();

        OutboxRelay relay = relay(infrastructure, url, service);
        relay.start("bench-relay");
        Thread reader = new Thread(() -> readTopic(infrastructure, service, total, committedAt, latencyById), "bench-reader");
        reader.start();
        Thread.sleep(3000);

        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        try (Connection connection = connect(infrastructure, url)) {
            connection.setAutoCommit(false);
            for (int n = 0; n < total; n++) {
                long due = start + n * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                String id = record(connection, "aggregate-" + (n % 100), n);
                // Stamped as the commit starts: the record can reach the reader before commit() returns here.
                committedAt.put(id, System.nanoTime());
                connection.commit();
                if (n < warmUp) {
                    warmUpIds.add(id);
                }
            }
        }
        reader.join(Duration.ofSeconds(60).toMillis());
        relay.stop();

        List<Long> steady = new ArrayList<>();
        List<Long> first = new ArrayList<>();
        latencyById.forEach((id, micros) -> (warmUpIds.contains(id) ? first : steady).add(micros));
        report("latency commit -> consumer, first " + WARM_UP_SECONDS + " s (JIT warm-up)", first, rate);
        report("latency commit -> consumer, steady state", steady, rate);
        System.out.printf("events measured: %d of %d%n", latencyById.size(), total);
    }

    private static void report(String title, List<Long> micros, int rate) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        System.out.printf("%s, %d events at %d/s: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                title, sorted.size(), rate, percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99),
                sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1) / 1000.0);
    }

    private static void throughput(TestInfrastructure infrastructure, int backlog) throws Exception {
        String service = "benchthroughput" + suffix();
        String url = database(infrastructure, service);
        try (Connection connection = connect(infrastructure, url)) {
            connection.setAutoCommit(false);
            for (int n = 0; n < backlog; n++) {
                record(connection, "aggregate-" + (n % 1000), n);
                if (n % 1000 == 999) {
                    connection.commit();
                }
            }
            connection.commit();
        }
        OutboxRelay relay = relay(infrastructure, url, service);
        long start = System.nanoTime();
        relay.start("bench-relay-throughput");
        try (Connection connection = connect(infrastructure, url)) {
            while (pending(connection) > 0) {
                Thread.sleep(50);
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        relay.stop();
        System.out.printf("throughput: relay drained a backlog of %d events in %.2f s = %.0f events/s%n", backlog, elapsed, backlog / elapsed);
    }

    private static void readTopic(TestInfrastructure infrastructure, String service, int total, Map<String, Long> committedAt,
                                  Map<String, Long> latencyById) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.subscribe(List.of(EventNames.topic(service)));
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (latencyById.size() < total && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    long arrived = System.nanoTime();
                    String id = new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8);
                    Long committed = committedAt.get(id);
                    if (committed != null) {
                        latencyById.putIfAbsent(id, Math.max(0, (arrived - committed) / 1000));
                    }
                }
            }
        }
    }

    private static String record(Connection connection, String aggregateId, int n) throws SQLException {
        UUID id = UUID.randomUUID();
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO outbox_event (id, aggregate_type, aggregate_id, event_type, payload, occurred_at)
                VALUES (?, 'bench', ?, 'atensi.bench.changed.v1', CAST(? AS jsonb), ?)
                """)) {
            insert.setObject(1, id);
            insert.setString(2, aggregateId);
            insert.setString(3, "{\"n\": " + n + ", \"note\": \"a payload of about the size of a registration event\"}");
            insert.setObject(4, OffsetDateTime.now());
            insert.executeUpdate();
        }
        try (Statement notify = connection.createStatement()) {
            notify.execute("SELECT pg_notify('atensi_outbox', '')");
        }
        return id.toString();
    }

    private static OutboxRelay relay(TestInfrastructure infrastructure, String url, String service) {
        return new OutboxRelay(() -> connect(infrastructure, url),
                () -> KafkaSettings.eventProducer(infrastructure.kafkaBootstrapServers(), service + "-relay"),
                service, 500, Duration.ofSeconds(1), Duration.ofSeconds(5), OutboxRelay.RelayListener.NONE);
    }

    private static String database(TestInfrastructure infrastructure, String name) {
        String url = infrastructure.jdbcUrl(name);
        Flyway.configure().dataSource(url, infrastructure.dbUser(), infrastructure.dbPassword())
                .locations("classpath:db/events").load().migrate();
        return url;
    }

    private static Connection connect(TestInfrastructure infrastructure, String url) throws SQLException {
        return DriverManager.getConnection(url, infrastructure.dbUser(), infrastructure.dbPassword());
    }

    private static long pending(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("""
                     SELECT count(*) FROM outbox_event WHERE seq >= (SELECT settled_below FROM outbox_relay) AND published_at IS NULL
                     """)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static double percentile(List<Long> sortedMicros, int percentile) {
        if (sortedMicros.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sortedMicros.size()) - 1;
        return sortedMicros.get(Math.max(0, index)) / 1000.0;
    }

    private static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }
}
