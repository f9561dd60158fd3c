package id.atensi.bench;

import id.atensi.commons.events.EventNames;
import id.atensi.commons.events.KafkaSettings;
import id.atensi.commons.events.OutboxRelay;
import id.atensi.testing.TestInfrastructure;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.flywaydb.core.Flyway;

import java.lang.management.ManagementFactory;
import java.net.URI;
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
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The relay's marking, before and after V0_0_2, side by side in one run on one PostgreSQL and Kafka broker: a backlog of
 * events drained by the relay of session 12 (its statements, on the schema of V0_0_1: a partial index on pending rows,
 * the mark a non-HOT update) and by today's {@link OutboxRelay} (V0_0_2: a cursor on the primary key, the mark a HOT
 * update), each in its own database, with and without a snapshot held open meanwhile (as an import's long transactions
 * hold one: nothing marked can be pruned or its index entries killed until it ends). Prints per side: the drain's wall
 * time, the relay's PostgreSQL backend CPU per 1,000 events, the WAL written, updates and HOT updates, and EXPLAIN
 * (ANALYZE, BUFFERS) of the relay's pending read and of the backlog count after the drain, the snapshot still held.
 * Arguments: {@code events} (default 100000), {@code rounds} (default 1).
 */
public final class OutboxMarkingBenchmark {

    private static final int BATCH = 500;
    private static final String OLD_PENDING = """
            SELECT id, aggregate_id, event_type, payload::text, trace_parent, occurred_at
            FROM outbox_event WHERE published_at IS NULL ORDER BY seq LIMIT""" + " " + BATCH;
    private static final String OLD_MARK = """
            UPDATE outbox_event SET published_at = clock_timestamp() WHERE id = ANY (?)
            RETURNING EXTRACT(EPOCH FROM published_at - occurred_at)""";
    private static final String OLD_BACKLOG = """
            SELECT count(*), min(occurred_at) FROM outbox_event WHERE published_at IS NULL""";
    private static final String NEW_BACKLOG = """
            SELECT count(*), min(occurred_at) FROM outbox_event
            WHERE seq >= (SELECT settled_below FROM outbox_relay) AND published_at IS NULL""";

    private OutboxMarkingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        TestInfrastructure infrastructure = TestInfrastructure.get();
        System.out.printf("machine: %d cores, java %s; load average at start %.1f%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        // unreported: the JIT, the broker's first topics and the server's caches warm up on both sides alike
        run(infrastructure, "warm-up", false, false, 2_000, 0, false);
        run(infrastructure, "warm-up", true, false, 2_000, 0, false);
        for (int round = 1; round <= rounds; round++) {
            for (boolean held : new boolean[]{false, true}) {
                run(infrastructure, "session 12 (V0_0_1)", false, held, events, round, true);
                run(infrastructure, "cursor (V0_0_2)", true, held, events, round, true);
            }
        }
        System.out.printf("load average at end %.1f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.exit(0);
    }

    private static void run(TestInfrastructure infrastructure, String name, boolean cursor, boolean held, int events, int round,
                            boolean report) throws Exception {
        String service = "benchmark" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String url = infrastructure.jdbcUrl(service);
        var flyway = Flyway.configure().dataSource(url, infrastructure.dbUser(), infrastructure.dbPassword())
                .locations("classpath:db/events");
        if (!cursor) {
            flyway.target("0.0.1");
        }
        flyway.load().migrate();
        fill(infrastructure, url, events);

        try (Connection observer = connect(infrastructure, url); Connection holder = connect(infrastructure, url)) {
            if (held) {
                holder.setAutoCommit(false);
                try (Statement statement = holder.createStatement()) {
                    statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
                    statement.executeQuery("SELECT 1").close();
                }
            }
            long walBefore = single(observer, "SELECT pg_current_wal_lsn() - '0/0'::pg_lsn");
            AtomicLong backend = new AtomicLong();
            AtomicLong backendCpuAtStart = new AtomicLong();
            long start = System.nanoTime();
            double cpuBefore;
            double cpuAfter;
            if (cursor) {
                OutboxRelay relay = new OutboxRelay(() -> {
                    Connection connection = connect(infrastructure, url);
                    long pid = backendPid(connection);
                    backendCpuAtStart.set(Math.round(ProcessTimes.processMillis(pid)));
                    backend.set(pid);
                    return connection;
                }, () -> KafkaSettings.eventProducer(infrastructure.kafkaBootstrapServers(), service + "-relay"),
                        service, BATCH, Duration.ofSeconds(1), Duration.ofSeconds(5), OutboxRelay.RelayListener.NONE);
                relay.start("bench-relay");
                while (backend.get() == 0) {
                    Thread.sleep(1);
                }
                cpuBefore = backendCpuAtStart.get();
                long end = single(observer, "SELECT max(seq) + 1 FROM outbox_event");
                while (single(observer, "SELECT settled_below FROM outbox_relay") < end) {
                    Thread.sleep(20);
                }
                cpuAfter = ProcessTimes.processMillis(backend.get());
                relay.stop();
            } else {
                try (Connection connection = connect(infrastructure, url);
                     Producer<String, CloudEvent> kafka = KafkaSettings.eventProducer(infrastructure.kafkaBootstrapServers(), service + "-relay")) {
                    backend.set(backendPid(connection));
                    cpuBefore = ProcessTimes.processMillis(backend.get());
                    drainAsSession12(connection, kafka, service);
                    cpuAfter = ProcessTimes.processMillis(backend.get());
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long wal = single(observer, "SELECT pg_current_wal_lsn() - '0/0'::pg_lsn") - walBefore;

            insertOne(observer);
            String pendingPlan = cursor
                    ? explain(observer, """
                        SELECT seq, published_at IS NULL, id, aggregate_id, event_type,
                            CASE WHEN published_at IS NULL THEN payload::text END, trace_parent, occurred_at
                        FROM outbox_event WHERE seq > %d ORDER BY seq LIMIT %d""".formatted(events, BATCH))
                    : explain(observer, OLD_PENDING);
            String backlogPlan = explain(observer, cursor ? NEW_BACKLOG : OLD_BACKLOG);
            if (held) {
                holder.rollback();
            }
            Thread.sleep(1500);
            try (Statement statement = observer.createStatement()) {
                statement.execute("SELECT pg_stat_clear_snapshot()");
            }
            long updates = single(observer, "SELECT n_tup_upd FROM pg_stat_user_tables WHERE relname = 'outbox_event'");
            long hot = single(observer, "SELECT n_tup_hot_upd FROM pg_stat_user_tables WHERE relname = 'outbox_event'");
            long size = single(observer, "SELECT pg_total_relation_size('outbox_event')");
            if (report) {
                System.out.printf("round %d, %s, snapshot held: %s — %,d events drained in %.2f s (%,.0f/s); relay backend CPU %.0f ms "
                                + "= %.1f ms per 1,000; WAL %.1f MB; updates %,d of which HOT %,d (%.0f %%); table + indexes %.1f MB%n",
                        round, name, held ? "yes" : "no", events, seconds, events / seconds, cpuAfter - cpuBefore,
                        (cpuAfter - cpuBefore) * 1000 / events, wal / 1e6, updates, hot, updates == 0 ? 0.0 : 100.0 * hot / updates,
                        size / 1e6);
                System.out.printf("    pending read after the drain: %s%n    backlog count after the drain: %s%n", pendingPlan, backlogPlan);
            }
        }
        try (Connection admin = connect(infrastructure, infrastructure.jdbcUrl("postgres")); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE " + service + " WITH (FORCE)");
        }
    }

    /** The statements of the relay of session 12 (ddb0f2f), one batch a transaction, until nothing is pending. */
    private static void drainAsSession12(Connection connection, Producer<String, CloudEvent> kafka, String service) throws Exception {
        URI source = URI.create(EventNames.source(service));
        String topic = EventNames.topic(service);
        connection.setAutoCommit(false);
        while (true) {
            List<UUID> ids = new ArrayList<>();
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            try (Statement select = connection.createStatement(); ResultSet rows = select.executeQuery(OLD_PENDING)) {
                while (rows.next()) {
                    UUID id = rows.getObject(1, UUID.class);
                    ids.add(id);
                    CloudEvent event = CloudEventBuilder.v1().withId(id.toString()).withSource(source).withType(rows.getString(3))
                            .withSubject(rows.getString(2)).withTime(rows.getObject(6, OffsetDateTime.class))
                            .withData("application/json", rows.getString(4).getBytes(StandardCharsets.UTF_8)).build();
                    sends.add(kafka.send(new ProducerRecord<>(topic, rows.getString(2), event)));
                }
            }
            if (ids.isEmpty()) {
                connection.commit();
                return;
            }
            kafka.flush();
            for (Future<RecordMetadata> send : sends) {
                send.get(30, TimeUnit.SECONDS);
            }
            try (PreparedStatement mark = connection.prepareStatement(OLD_MARK)) {
                mark.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
                mark.executeQuery().close();
            }
            connection.commit();
        }
    }

    private static void fill(TestInfrastructure infrastructure, String url, int events) throws SQLException {
        try (Connection connection = connect(infrastructure, url);
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO outbox_event (id, aggregate_type, aggregate_id, event_type, payload, occurred_at)
                     SELECT gen_random_uuid(), 'bench', 'aggregate-' || (n % 1000), 'atensi.bench.changed.v1',
                         jsonb_build_object('n', n, 'note', 'a payload of about the size of a registration event',
                             'fullName', 'Siti Nurhaliza Binti Abdullah', 'regencyCode', '32.01'), now()
                     FROM generate_series(?, ?) AS n""")) {
            for (int from = 0; from < events; from += 1000) {
                insert.setInt(1, from);
                insert.setInt(2, Math.min(events, from + 1000) - 1);
                insert.executeUpdate();
            }
        }
    }

    private static void insertOne(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("""
                    INSERT INTO outbox_event (id, aggregate_type, aggregate_id, event_type, payload, occurred_at)
                    VALUES (gen_random_uuid(), 'bench', 'after', 'atensi.bench.changed.v1', '{}', now())""");
        }
    }

    /** The plan's execution time and its top node's buffers. */
    private static String explain(Connection connection, String sql) throws SQLException {
        StringBuilder summary = new StringBuilder();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
            boolean top = true;
            while (rows.next()) {
                String line = rows.getString(1).trim();
                if (top && line.startsWith("Buffers:")) {
                    summary.append(line).append("; ");
                    top = false;
                } else if (line.startsWith("Execution Time")) {
                    summary.append(line);
                } else if (line.contains("Index") && line.contains(" on ") && summary.indexOf("via") < 0) {
                    summary.append("via ").append(line.replaceAll("\\s*\\(cost.*", "").replaceFirst("^->\\s*", "")).append("; ");
                }
            }
        }
        return summary.toString();
    }

    private static long backendPid(Connection connection) throws SQLException {
        return single(connection, "SELECT pg_backend_pid()");
    }

    private static long single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static Connection connect(TestInfrastructure infrastructure, String url) throws SQLException {
        return DriverManager.getConnection(url, infrastructure.dbUser(), infrastructure.dbPassword());
    }
}
