package id.atensi.commons.events;

import id.atensi.testing.TestInfrastructure;
import id.atensi.testing.TopicReader;
import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The relay's cursor and its stored bound ({@code outbox_relay}) against a real PostgreSQL and Kafka broker: what
 * commits out of seq order, rolls back, or is marked unpublished by hand is published all the same, across restarts.
 */
class OutboxRelayTest {

    private final List<Runnable> cleanups = new ArrayList<>();

    @AfterEach
    void stopEverythingStarted() {
        cleanups.forEach(Runnable::run);
    }

    @Test
    void aLowerSeqCommittedAfterAHigherOneWasPublishedIsPublishedToo() throws SQLException {
        EventStore store = EventStore.fresh("relay_out_of_order");
        String service = uniqueService();
        startRelay(store, service, 100);
        try (TopicReader topic = TopicReader.of(EventNames.topic(service)); EventStore.Open early = store.begin("early", "{\"n\": 1}")) {
            store.record("late", "atensi.test.changed.v1", "{\"n\": 2}", true);
            topic.await(record -> "late".equals(record.key()), Duration.ofSeconds(30));
            long late = store.count("SELECT seq FROM outbox_event WHERE aggregate_id = 'late'");
            assertTrue(early.seq() < late, "the open transaction drew the lower seq");
            assertTrue(settledBelow(store) <= early.seq(), "the bound stays at the seq of the transaction still open");

            early.commit();

            ConsumerRecord<String, byte[]> published = topic.await(record -> "early".equals(record.key()), Duration.ofSeconds(30));
            assertEquals(early.id().toString(), TopicReader.header(published, "ce_id"));
            await().atMost(Duration.ofSeconds(30)).until(() -> settledBelow(store) == late + 1);
            assertEquals(0, store.count("SELECT count(*) FROM outbox_event WHERE published_at IS NULL"));
        }
    }

    @Test
    void twoTransactionsWhoseSeqsInterleaveBelowTheCursorArePublishedEachAsItCommits() throws SQLException {
        EventStore store = EventStore.fresh("relay_interleaved");
        String service = uniqueService();
        startRelay(store, service, 100);
        try (TopicReader topic = TopicReader.of(EventNames.topic(service));
             EventStore.Open first = store.begin("first", "{\"n\": 1}");
             EventStore.Open second = store.begin("second", "{\"n\": 2}")) {
            long firstAgain = first.record("first", "{\"n\": 3}");
            long secondAgain = second.record("second", "{\"n\": 4}");
            assertTrue(first.seq() < second.seq() && second.seq() < firstAgain && firstAgain < secondAgain, "the seqs interleave");
            store.record("committed", "atensi.test.changed.v1", "{\"n\": 5}", true);
            topic.await(record -> "committed".equals(record.key()), Duration.ofSeconds(30));

            first.commit();
            await().atMost(Duration.ofSeconds(30)).until(() -> topic.drain(Duration.ofMillis(300)).stream()
                    .filter(record -> "first".equals(record.key())).count() == 2);
            await().atMost(Duration.ofSeconds(30)).until(() -> settledBelow(store) == second.seq());

            second.commit();
            await().atMost(Duration.ofSeconds(30)).until(() -> topic.drain(Duration.ofMillis(300)).stream()
                    .filter(record -> "second".equals(record.key())).count() == 2);
            long last = store.count("SELECT max(seq) FROM outbox_event");
            await().atMost(Duration.ofSeconds(30)).until(() -> settledBelow(store) == last + 1);
            assertEquals(0, store.count("SELECT count(*) FROM outbox_event WHERE published_at IS NULL"));
            assertEquals(List.of("committed", "first", "first", "second", "second"),
                    topic.drain(Duration.ofSeconds(1)).stream().map(ConsumerRecord::key).sorted().toList(), "each event once");
        }
    }

    @Test
    void aSeqRolledBackBelowPublishedRowsIsForgottenAndTheBoundMovesPastIt() throws SQLException {
        EventStore store = EventStore.fresh("relay_rolled_back");
        String service = uniqueService();
        startRelay(store, service, 100);
        try (TopicReader topic = TopicReader.of(EventNames.topic(service)); EventStore.Open gone = store.begin("gone", "{\"n\": 1}")) {
            store.record("after", "atensi.test.changed.v1", "{\"n\": 2}", true);
            topic.await(record -> "after".equals(record.key()), Duration.ofSeconds(30));
            assertTrue(settledBelow(store) <= gone.seq());

            gone.rollback();
            store.record("later", "atensi.test.changed.v1", "{\"n\": 3}", true);

            topic.await(record -> "later".equals(record.key()), Duration.ofSeconds(30));
            long last = store.count("SELECT max(seq) FROM outbox_event");
            await().atMost(Duration.ofSeconds(30)).until(() -> settledBelow(store) == last + 1);
            assertFalse(topic.drain(Duration.ofSeconds(1)).stream().anyMatch(record -> "gone".equals(record.key())));
        }
    }

    @Test
    void aRelayThatFailsMidBatchAndIsReplacedPublishesEveryEventWhileATransactionStaysOpenAcrossTheChange() throws Exception {
        EventStore store = EventStore.fresh("relay_restart");
        String service = uniqueService();
        String bootstrap = TestInfrastructure.get().kafkaBootstrapServers();
        Set<String> ids = new HashSet<>();
        try (TopicReader topic = TopicReader.of(EventNames.topic(service)); EventStore.Open held = store.begin("held", "{\"n\": -1}")) {
            for (int n = 0; n < 1000; n++) {
                ids.add(store.record("aggregate-" + (n % 20), "atensi.test.changed.v1", "{\"n\": " + n + "}", true).toString());
            }
            CountDownLatch failed = new CountDownLatch(1);
            OutboxRelay first = new OutboxRelay(store::open, () -> failingAt(120, bootstrap, service), service, 50,
                    Duration.ofMillis(500), Duration.ofSeconds(2), new OutboxRelay.RelayListener() {
                @Override
                public void published(int count, List<Duration> commitToPublish) {
                }

                @Override
                public void failed(Exception cause) {
                    failed.countDown();
                }
            });
            first.start(service + "-failing-relay");
            cleanups.add(first::stop);
            assertTrue(failed.await(60, TimeUnit.SECONDS), "the injected failure happened");
            first.stop();
            assertEquals(100, store.count("SELECT count(*) FROM outbox_event WHERE published_at IS NOT NULL"),
                    "two batches of 50 marked; the third, failed after 19 sends, rolled back");

            startRelay(store, service, 50);
            held.commit();
            ids.add(held.id().toString());

            await().atMost(Duration.ofSeconds(120)).until(() -> store.count("SELECT count(*) FROM outbox_event WHERE published_at IS NULL") == 0);
            long last = store.count("SELECT max(seq) FROM outbox_event");
            await().atMost(Duration.ofSeconds(30)).until(() -> settledBelow(store) == last + 1);
            // the reader joins its group on its first poll, which may take longer than a drain's quiet time
            topic.await(record -> held.id().toString().equals(TopicReader.header(record, "ce_id")), Duration.ofSeconds(60));
            Set<String> onTopic = new HashSet<>();
            topic.drain(Duration.ofSeconds(3)).forEach(record -> onTopic.add(TopicReader.header(record, "ce_id")));
            assertEquals(ids, onTopic, "every event on the topic, the one held open across the change too");
        }
    }

    /** A real producer that throws at its nth record, as a relay's process dying mid-batch leaves a batch: partly sent, not marked. */
    private static Producer<String, CloudEvent> failingAt(int n, String bootstrap, String service) {
        AtomicInteger sent = new AtomicInteger();
        return new KafkaProducer<>(KafkaSettings.eventProducerSettings(bootstrap, service + "-failing-relay")) {
            @Override
            public Future<RecordMetadata> send(ProducerRecord<String, CloudEvent> record) {
                if (sent.incrementAndGet() == n) {
                    throw new KafkaException("injected: the relay stops here, mid-batch");
                }
                return super.send(record);
            }
        };
    }

    @Test
    void aRowMarkedUnpublishedByHandMovesTheBoundBackAndIsPublishedAgain() throws SQLException {
        EventStore store = EventStore.fresh("relay_unpublished");
        String service = uniqueService();
        startRelay(store, service, 100);
        try (TopicReader topic = TopicReader.of(EventNames.topic(service))) {
            UUID again = store.record("again", "atensi.test.changed.v1", "{\"n\": 1}", true);
            store.record("once", "atensi.test.changed.v1", "{\"n\": 2}", true);
            topic.await(record -> "once".equals(record.key()), Duration.ofSeconds(30));
            long seq = store.count("SELECT seq FROM outbox_event WHERE aggregate_id = 'again'");
            await().atMost(Duration.ofSeconds(30)).until(() -> settledBelow(store) > seq);

            try (Connection connection = store.open(); Statement statement = connection.createStatement()) {
                connection.setAutoCommit(false);
                statement.execute("UPDATE outbox_event SET published_at = NULL WHERE aggregate_id = 'again'");
                try (ResultSet bound = statement.executeQuery("SELECT settled_below FROM outbox_relay")) {
                    bound.next();
                    assertEquals(seq, bound.getLong(1), "the trigger moved the bound back to the row");
                }
                connection.commit();
            }

            await().atMost(Duration.ofSeconds(30)).until(() -> topic.drain(Duration.ofMillis(500)).stream()
                    .filter(record -> again.toString().equals(TopicReader.header(record, "ce_id"))).count() == 2);
            await().atMost(Duration.ofSeconds(30)).until(() -> store.count("SELECT count(*) FROM outbox_event WHERE published_at IS NULL") == 0);
            assertEquals(1, topic.drain(Duration.ofSeconds(1)).stream().filter(record -> "once".equals(record.key())).count(),
                    "the rows after it are not sent again");
        }
    }

    @Test
    void theBacklogCountsThePendingRowsAboveTheStoredBound() throws SQLException {
        EventStore store = EventStore.fresh("relay_backlog");
        String service = uniqueService();
        for (int n = 0; n < 3; n++) {
            store.record("pending-" + n, "atensi.test.changed.v1", "{\"n\": " + n + "}", true);
        }
        try (Connection connection = store.open()) {
            OutboxBacklog before = OutboxBacklog.read(connection, OutboxBacklog.COUNTED_UP_TO);
            assertEquals(3, before.pending());
            assertFalse(before.oldestAge().isNegative());

            startRelay(store, service, 100);
            await().atMost(Duration.ofSeconds(30)).until(() -> OutboxBacklog.read(connection, OutboxBacklog.COUNTED_UP_TO).pending() == 0);
            assertEquals(Duration.ZERO, OutboxBacklog.read(connection, OutboxBacklog.COUNTED_UP_TO).oldestAge());

            try (EventStore.Open open = store.begin("open", "{\"n\": 9}")) {
                store.record("after-open", "atensi.test.changed.v1", "{\"n\": 10}", true);
                await().atMost(Duration.ofSeconds(30)).until(() -> store.count(
                        "SELECT count(*) FROM outbox_event WHERE aggregate_id = 'after-open' AND published_at IS NOT NULL") == 1);
                assertEquals(0, OutboxBacklog.read(connection, OutboxBacklog.COUNTED_UP_TO).pending(), "a row not yet committed is no backlog");
                open.commit();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> store.count("SELECT count(*) FROM outbox_event WHERE published_at IS NULL") == 0);
            assertEquals(0, OutboxBacklog.read(connection, OutboxBacklog.COUNTED_UP_TO).pending());
        }
    }

    @Test
    void everyMarkIsAHotUpdate() {
        EventStore store = EventStore.fresh("relay_hot");
        String service = uniqueService();
        for (int n = 0; n < 1000; n++) {
            store.record("aggregate-" + (n % 10), "atensi.test.changed.v1",
                    "{\"n\": " + n + ", \"note\": \"a payload of about the size of a registration event\"}", true);
        }
        startRelay(store, service, 100);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> store.count("SELECT n_tup_upd FROM pg_stat_user_tables WHERE relname = 'outbox_event'") >= 1000);

        assertEquals(0, store.count("SELECT count(*) FROM outbox_event WHERE published_at IS NULL"));
        assertEquals(store.count("SELECT n_tup_upd FROM pg_stat_user_tables WHERE relname = 'outbox_event'"),
                store.count("SELECT n_tup_hot_upd FROM pg_stat_user_tables WHERE relname = 'outbox_event'"),
                "every update HOT: no index names published_at, and each page has room for the marked copy");
    }

    @Test
    void anOutboxWithHistoryMigratesToItsFirstPendingRowAndKeepsDrawingHigherSeqs() {
        EventStore store = EventStore.fresh("relay_migrated", "0.0.1");
        for (int n = 0; n < 5; n++) {
            store.record("old-" + n, "atensi.test.changed.v1", "{\"n\": " + n + "}", true);
        }
        store.execute("UPDATE outbox_event SET published_at = now() WHERE aggregate_id IN ('old-0', 'old-1', 'old-2')");
        long firstPending = store.count("SELECT seq FROM outbox_event WHERE aggregate_id = 'old-3'");

        store.migrate(null);

        assertEquals(firstPending, settledBelow(store));
        String service = uniqueService();
        startRelay(store, service, 100);
        store.record("new", "atensi.test.changed.v1", "{\"n\": 5}", true);
        assertTrue(store.count("SELECT seq FROM outbox_event WHERE aggregate_id = 'new'")
                > store.count("SELECT max(seq) FROM outbox_event WHERE aggregate_id LIKE 'old-%'"));
        try (TopicReader topic = TopicReader.of(EventNames.topic(service))) {
            topic.await(record -> "new".equals(record.key()), Duration.ofSeconds(30));
            assertEquals(Set.of("old-3", "old-4", "new"), keys(topic.drain(Duration.ofSeconds(1))));
        }
    }

    @Test
    void aServiceDatabaseAlreadyPastItsV1TakesV0_0_2WithThePlatformsFlywaySettings() throws Exception {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        String url = infrastructure.jdbcUrl("relay_existing_" + UUID.randomUUID().toString().substring(0, 8));
        Flyway.configure().dataSource(url, infrastructure.dbUser(), infrastructure.dbPassword())
                .locations("classpath:db/service-before-v0_0_2").load().migrate();
        try (Connection connection = DriverManager.getConnection(url, infrastructure.dbUser(), infrastructure.dbPassword());
             Statement statement = connection.createStatement()) {
            statement.execute("""
                    INSERT INTO outbox_event (id, aggregate_type, aggregate_id, event_type, payload, occurred_at)
                    VALUES (gen_random_uuid(), 'test', 'pending', 'atensi.test.changed.v1', '{}', now())""");
        }
        FluentConfiguration today = Flyway.configure().dataSource(url, infrastructure.dbUser(), infrastructure.dbPassword())
                .locations("classpath:db/service", "classpath:db/events");

        assertThrows(FlywayException.class, () -> today.load().migrate(), "without out-of-order Flyway calls 0.0.2 ignored");
        assertEquals("true", platformDefault("quarkus.flyway.out-of-order"));
        today.outOfOrder(true).load().migrate();

        try (Connection connection = DriverManager.getConnection(url, infrastructure.dbUser(), infrastructure.dbPassword());
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT settled_below, (SELECT seq FROM outbox_event) FROM outbox_relay")) {
            row.next();
            assertEquals(row.getLong(2), row.getLong(1), "the relay starts at the pending row");
        }
    }

    /** platform-commons' default for a key, as every service gets it. */
    private static String platformDefault(String key) throws IOException {
        Enumeration<URL> files = OutboxRelayTest.class.getClassLoader().getResources("META-INF/microprofile-config.properties");
        while (files.hasMoreElements()) {
            Properties properties = new Properties();
            try (InputStream in = files.nextElement().openStream()) {
                properties.load(in);
            }
            if (properties.containsKey("quarkus.flyway.locations")) {
                return properties.getProperty(key);
            }
        }
        throw new AssertionError("platform-commons' microprofile-config.properties not on the class path");
    }

    /**
     * The relay's reads are prepared on the server after five uses (PgJDBC), and a generic plan knows nothing of the
     * seqs asked for. Session 13's revisit read joined the table to an array of ranges: at 2,500,000 rows its generic
     * plan walked the whole primary key (~10 s a read). This plans the relay's statements as generic plans against an
     * outbox whose statistics say 2,500,000 rows (10,000 real ones: the planner scales the stored density to the
     * table's real size), beside that old join, which must come out as the full walk for the check to mean anything.
     */
    @Test
    void theRelaysReadsArePlannedAsRangeScansOfThePrimaryKeyEvenAsGenericPlansOfALargeOutbox() throws SQLException {
        EventStore store = EventStore.fresh("relay_plans");
        store.execute("ALTER TABLE outbox_event SET (autovacuum_enabled = false)");
        store.execute("""
                INSERT INTO outbox_event (id, aggregate_type, aggregate_id, event_type, payload, occurred_at, published_at)
                SELECT gen_random_uuid(), 'test', 'aggregate-' || (n % 100), 'atensi.test.changed.v1', '{"n": 1}', now(), now()
                FROM generate_series(1, 10000) n""");
        store.execute("ANALYZE outbox_event");
        try (Connection connection = store.open(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("UPDATE pg_class SET reltuples = 2500000 WHERE relname IN ('outbox_event', 'outbox_event_pkey')");
            statement.execute("SET LOCAL plan_cache_mode = force_generic_plan");
            statement.execute("PREPARE old_revisit (bigint[], bigint[]) AS " + OLD_REVISIT);
            statement.execute("PREPARE revisit (bigint, bigint) AS " + numbered(OutboxRelay.REVISIT));
            statement.execute("PREPARE after_cursor (bigint, int) AS " + numbered(OutboxRelay.AFTER_CURSOR));

            String old = plan(statement, "EXECUTE old_revisit ('{5}', '{10}')");
            assertTrue(old.contains("rows=2500000") && !old.contains("Index Cond"),
                    "the statistics make the old join walk the whole key, as it did at 2,500,000 rows:\n" + old);
            for (String read : List.of("EXECUTE revisit (5, 10)", "EXECUTE after_cursor (5, 500)")) {
                String plan = plan(statement, read);
                assertTrue(plan.contains("Index Scan using outbox_event_pkey on outbox_event") && plan.matches("(?s).*Index Cond: \\(+seq >.*")
                        && !plan.contains("Seq Scan") && !plan.contains("Join Filter"), read + " is a range scan of the key:\n" + plan);
            }
            connection.rollback();
        }
    }

    /** The revisit read before 68119bc. */
    private static final String OLD_REVISIT = """
            SELECT seq, published_at IS NULL, id, aggregate_id, event_type,
                CASE WHEN published_at IS NULL THEN payload::text END, trace_parent, occurred_at
            FROM outbox_event JOIN unnest($1::bigint[], $2::bigint[]) AS unseen (from_seq, to_seq) ON seq BETWEEN from_seq AND to_seq
            ORDER BY seq""";

    /** JDBC's placeholders as PREPARE's. */
    private static String numbered(String jdbc) {
        StringBuilder sql = new StringBuilder();
        int n = 0;
        for (char c : jdbc.toCharArray()) {
            if (c == '?') {
                sql.append('$').append(++n);
            } else {
                sql.append(c);
            }
        }
        return sql.toString();
    }

    private static String plan(Statement statement, String execute) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rows = statement.executeQuery("EXPLAIN " + execute)) {
            while (rows.next()) {
                plan.append(rows.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }

    @Test
    void theRunningTransactionsAreReadFromASnapshot() {
        assertEquals(Set.of(), OutboxRelay.runningTransactions("748:748:"));
        assertEquals(Set.of(750L, 7_000_000_000L), OutboxRelay.runningTransactions("750:7000000001:750,7000000000"));
    }

    private static Set<String> keys(List<ConsumerRecord<String, byte[]>> records) {
        Set<String> keys = new HashSet<>();
        records.forEach(record -> keys.add(record.key()));
        return keys;
    }

    private static long settledBelow(EventStore store) {
        return store.count("SELECT settled_below FROM outbox_relay");
    }

    private OutboxRelay startRelay(EventStore store, String service, int batchSize) {
        String bootstrap = TestInfrastructure.get().kafkaBootstrapServers();
        OutboxRelay relay = new OutboxRelay(store::open, () -> KafkaSettings.eventProducer(bootstrap, service + "-relay"), service,
                batchSize, Duration.ofMillis(500), Duration.ofSeconds(2), OutboxRelay.RelayListener.NONE);
        relay.start(service + "-relay");
        cleanups.add(relay::stop);
        return relay;
    }

    private static String uniqueService() {
        return "test" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }
}
