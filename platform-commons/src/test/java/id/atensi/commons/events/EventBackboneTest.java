package id.atensi.commons.events;

import id.atensi.local.LocalKafka;
import id.atensi.testing.TestInfrastructure;
import id.atensi.testing.TopicReader;
import id.atensi.testing.TopicWriter;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outbox relay and the consumer loop against a real PostgreSQL and a real Kafka broker process,
 * including the broker killed with SIGKILL and started again on the same log directory.
 */
class EventBackboneTest {

    private static final Pattern SEQUENCE = Pattern.compile("\"n\"\\s*:\\s*(\\d+)");
    private final List<Runnable> cleanups = new ArrayList<>();

    @AfterEach
    void stopEverythingStarted() {
        cleanups.forEach(Runnable::run);
    }

    @Test
    void nothingIsLostOrAppliedTwiceAcross1000WritesWithTheBrokerKilledInTheMiddle() {
        LocalKafka kafka = TestInfrastructure.get().killableKafka().orElseThrow(() -> new AssertionError(
                "this test kills the broker process: it needs the embedded Kafka broker, not an external or containerised one"));
        EventStore store = EventStore.fresh("backbone_kill");
        String service = uniqueService();
        startRelay(store, service);
        startConsumer(store, service, "effects");

        for (int n = 0; n < 500; n++) {
            store.record("aggregate-" + (n % 50), "atensi.test.changed.v1", "{\"n\": " + n + "}", true);
        }
        kafka.kill();
        for (int n = 500; n < 1000; n++) {
            store.record("aggregate-" + (n % 50), "atensi.test.changed.v1", "{\"n\": " + n + "}", true);
        }
        sleep(Duration.ofSeconds(2));
        kafka.restart();

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> store.count("SELECT count(*) FROM applied_effect") >= 1000);
        // Once every row is marked published the relay sends nothing more: a record it published twice is on the topic by
        // then, and the consumer has taken it once its committed offsets reach the topic's end.
        await().atMost(Duration.ofSeconds(60)).until(() -> store.count("SELECT count(*) FROM outbox_event WHERE published_at IS NULL") == 0);
        awaitCommittedToTheEnd(TestLoops.groupOf(service, "effects"), EventNames.topic(service));
        assertEquals(1000, store.count("SELECT count(*) FROM applied_effect"), "each event applied exactly once");
        assertEquals(1000, store.count("SELECT count(DISTINCT event_id) FROM applied_effect"));
        assertEquals(0, store.count("SELECT count(*) FROM outbox_event WHERE published_at IS NULL"));
        assertEquals(1000, distinctEventIdsOn(EventNames.topic(service)));
    }

    @Test
    void aRolledBackTransactionPublishesNothing() {
        EventStore store = EventStore.fresh("backbone_rollback");
        String service = uniqueService();
        startRelay(store, service);
        try (TopicReader topic = TopicReader.of(EventNames.topic(service))) {
            store.record("rolled-back", "atensi.test.changed.v1", "{\"n\": 1}", false);
            store.record("committed", "atensi.test.changed.v1", "{\"n\": 2}", true);

            topic.await(record -> "committed".equals(record.key()), Duration.ofSeconds(20));
            List<ConsumerRecord<String, byte[]>> all = topic.drain(Duration.ofSeconds(2));

            assertEquals(List.of("committed"), all.stream().map(ConsumerRecord::key).toList());
            assertEquals(0, store.count("SELECT count(*) FROM outbox_event WHERE aggregate_id = 'rolled-back'"));
        }
    }

    @Test
    void twoRelaysOverOneOutboxPublishEveryEventExactlyOnce() {
        EventStore store = EventStore.fresh("backbone_two_relays");
        String service = uniqueService();
        startRelay(store, service);
        startRelay(store, service);

        for (int n = 0; n < 300; n++) {
            store.record("aggregate-" + (n % 7), "atensi.test.changed.v1", "{\"n\": " + n + "}", true);
        }

        try (TopicReader topic = TopicReader.of(EventNames.topic(service))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> topic.drain(Duration.ofMillis(300)).size() >= 300);
            List<ConsumerRecord<String, byte[]>> records = topic.drain(Duration.ofSeconds(3));
            Set<String> ids = new HashSet<>();
            records.forEach(record -> ids.add(TopicReader.header(record, "ce_id")));
            assertEquals(300, records.size(), "records on the topic");
            assertEquals(300, ids.size(), "distinct event ids");
        }
    }

    @Test
    void aHundredUpdatesOfOneAggregateArriveInOrder() {
        EventStore store = EventStore.fresh("backbone_order");
        String service = uniqueService();
        for (int n = 0; n < 100; n++) {
            store.record("the-aggregate", "atensi.test.changed.v1", "{\"n\": " + n + "}", true);
            store.record("other-" + n, "atensi.test.changed.v1", "{\"n\": " + n + "}", true);
        }
        startRelay(store, service);

        try (TopicReader topic = TopicReader.of(EventNames.topic(service))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> topic.drain(Duration.ofMillis(300)).stream()
                    .filter(record -> "the-aggregate".equals(record.key())).count() >= 100);
            List<Integer> sequence = topic.drain(Duration.ofMillis(500)).stream()
                    .filter(record -> "the-aggregate".equals(record.key()))
                    .map(record -> sequenceOf(TopicReader.value(record)))
                    .toList();
            List<Integer> expected = new ArrayList<>();
            for (int n = 0; n < 100; n++) {
                expected.add(n);
            }
            assertEquals(expected, sequence);
        }
    }

    @Test
    void redeliveryAndARewoundOffsetChangeTheReadModelOnce() throws Exception {
        EventStore store = EventStore.fresh("backbone_redelivery");
        String service = uniqueService();
        String topicName = EventNames.topic(service);
        String eventId = UUID.randomUUID().toString();
        try (TopicWriter writer = TopicWriter.create()) {
            writer.cloudEvent(topicName, eventId, "atensi.test.changed.v1", "/atensi/test", "aggregate", "{\"n\": 1}");
            writer.cloudEvent(topicName, eventId, "atensi.test.changed.v1", "/atensi/test", "aggregate", "{\"n\": 1}");
        }
        String group = TestLoops.groupOf(service, "rewind");
        ConsumerLoop first = startConsumer(store, service, "rewind");
        await().atMost(Duration.ofSeconds(30)).until(() -> store.count("SELECT count(*) FROM inbox_event") == 1);
        awaitCommittedToTheEnd(group, topicName);
        first.stop();
        awaitGroupEmpty(group);

        rewindToStart(group, topicName);
        startConsumer(store, service, "rewind");
        awaitCommittedToTheEnd(group, topicName);

        assertEquals(1, store.count("SELECT count(*) FROM applied_effect"), "the read model changed once");
    }

    @Test
    void aPoisonRecordIsDeadLetteredWithItsReasonAndTheNextRecordsAreStillConsumed() {
        EventStore store = EventStore.fresh("backbone_poison");
        String service = uniqueService();
        String topicName = EventNames.topic(service);
        try (TopicWriter writer = TopicWriter.create()) {
            writer.raw(topicName, "poison", "{ not json".getBytes(StandardCharsets.UTF_8));
            writer.cloudEvent(topicName, UUID.randomUUID().toString(), "atensi.test.changed.v1", "/atensi/test", "bad-payload", "{\"n\": \"x\"}");
            writer.cloudEvent(topicName, UUID.randomUUID().toString(), "atensi.test.changed.v1", "/atensi/test", "after", "{\"n\": 7}");
        }
        startConsumer(store, service, "poison");
        await().atMost(Duration.ofSeconds(30)).until(() -> store.count("SELECT count(*) FROM applied_effect WHERE aggregate_id = 'after'") == 1);

        try (TopicReader deadLetters = TopicReader.of(EventNames.deadLetterTopic(topicName))) {
            ConsumerRecord<String, byte[]> poison = deadLetters.await(record -> "poison".equals(record.key()), Duration.ofSeconds(20));
            ConsumerRecord<String, byte[]> badPayload = deadLetters.await(record -> "bad-payload".equals(record.key()), Duration.ofSeconds(20));

            assertTrue(TopicReader.header(poison, ConsumerLoop.DLQ_REASON).startsWith("not a readable CloudEvent"));
            assertEquals(topicName + "/", TopicReader.header(poison, ConsumerLoop.DLQ_ORIGIN).replaceAll("\\d+/\\d+$", ""));
            assertTrue(TopicReader.header(badPayload, ConsumerLoop.DLQ_REASON).contains("PermanentEventFailure"),
                    TopicReader.header(badPayload, ConsumerLoop.DLQ_REASON));
            assertEquals("poison", TopicReader.header(badPayload, ConsumerLoop.DLQ_CONSUMER));
            assertEquals(0, store.count("SELECT count(*) FROM applied_effect WHERE aggregate_id = 'bad-payload'"));
        }
    }

    @Test
    void theTraceContextOfTheCausingRequestTravelsWithTheEvent() {
        EventStore store = EventStore.fresh("backbone_trace");
        String service = uniqueService();
        String traceParent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        List<String> received = new CopyOnWriteArrayList<>();
        store.record("traced", "atensi.test.changed.v1", "{\"n\": 1}", traceParent, true);
        store.record("untraced", "atensi.test.changed.v1", "{\"n\": 2}", null, true);
        startRelay(store, service);
        startConsumer(store, service, "trace", event -> {
            received.add(event.subject() + "=" + event.traceParent());
            return 0;
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 2);
        assertTrue(received.contains("traced=" + traceParent), received.toString());
        assertTrue(received.contains("untraced=null"), received.toString());
    }

    @Test
    void aRetriedEventsLogLineNamesItsRecordAndCarriesItsTrace() {
        EventStore store = EventStore.fresh("backbone_retry_log");
        String service = uniqueService();
        String traceParent = "00-7bf92f3577b34da6a3ce929d0e0e4736-10f067aa0ba902b7-01";
        store.record("retried", "atensi.test.changed.v1", "{\"n\": 4}", traceParent, true);
        AtomicInteger attempts = new AtomicInteger();
        List<String> retryLines = new CopyOnWriteArrayList<>();
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(ConsumerLoop.class.getName());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                ExtLogRecord logged = (ExtLogRecord) record;
                String line = logged.getFormattedMessage();
                if (line.contains(" will retry ")) {
                    retryLines.add(line + " | traceparent=" + logged.getMdc("traceparent"));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(capture);
        try {
            startRelay(store, service);
            startConsumer(store, service, "retry-log", event -> {
                if (attempts.incrementAndGet() <= 1) {
                    throw new IllegalStateException("database away", new SQLTransientConnectionException("connection refused", "08001"));
                }
                return 4;
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> store.count("SELECT count(*) FROM applied_effect") == 1);
        } finally {
            log.removeHandler(capture);
        }
        assertEquals(1, retryLines.size(), retryLines.toString());
        assertTrue(retryLines.get(0).matches(".*will retry " + Pattern.quote(EventNames.topic(service)) + "/\\d+/\\d+ \\(event [^)]+\\) in \\d+ ms: .*"
                + Pattern.quote("| traceparent=" + traceParent)), retryLines.get(0));
    }

    @Test
    void aTransientFailureIsRetriedNotDeadLettered() {
        EventStore store = EventStore.fresh("backbone_transient");
        String service = uniqueService();
        String topicName = EventNames.topic(service);
        AtomicInteger attempts = new AtomicInteger();
        try (TopicWriter writer = TopicWriter.create()) {
            writer.cloudEvent(topicName, UUID.randomUUID().toString(), "atensi.test.changed.v1", "/atensi/test", "flaky", "{\"n\": 3}");
        }
        startConsumer(store, service, "transient", event -> {
            if (attempts.incrementAndGet() <= 2) {
                throw new IllegalStateException("database away", new SQLTransientConnectionException("connection refused", "08001"));
            }
            return 3;
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> store.count("SELECT count(*) FROM applied_effect") == 1);
        assertEquals(3, attempts.get());
        try (TopicReader deadLetters = TopicReader.of(EventNames.deadLetterTopic(topicName))) {
            assertEquals(0, deadLetters.drain(Duration.ofSeconds(2)).size());
        }
    }

    private void startRelay(EventStore store, String service) {
        String bootstrap = TestInfrastructure.get().kafkaBootstrapServers();
        OutboxRelay relay = new OutboxRelay(store::open, () -> KafkaSettings.eventProducer(bootstrap, service + "-relay"), service,
                100, Duration.ofMillis(500), Duration.ofSeconds(2), OutboxRelay.RelayListener.NONE);
        relay.start(service + "-relay");
        cleanups.add(relay::stop);
    }

    private ConsumerLoop startConsumer(EventStore store, String service, String consumerName) {
        return startConsumer(store, service, consumerName, event -> {
            if (!event.type().startsWith("atensi.test.")) {
                throw new PermanentEventFailure("unexpected type " + event.type());
            }
            Map<?, ?> data = event.dataAs(Map.class);
            if (!(data.get("n") instanceof Integer n)) {
                throw new PermanentEventFailure("n is not a number in " + event.id());
            }
            return n;
        });
    }

    private ConsumerLoop startConsumer(EventStore store, String service, String consumerName, EventStore.Effect effect) {
        return startConsumer(service, consumerName, store.applier(consumerName, effect));
    }

    private ConsumerLoop startConsumer(String service, String consumerName, ConsumerLoop.Applier applier) {
        return TestLoops.start(service, consumerName, applier, new TestLoops.Recorder(), cleanups);
    }

    private static long distinctEventIdsOn(String topicName) {
        try (TopicReader topic = TopicReader.of(topicName)) {
            Set<String> ids = new HashSet<>();
            topic.drain(Duration.ofSeconds(3)).forEach(record -> ids.add(TopicReader.header(record, "ce_id")));
            return ids.size();
        }
    }

    private static void awaitGroupEmpty(String group) {
        try (Admin admin = TestLoops.admin()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> admin.describeConsumerGroups(List.of(group)).all().get()
                    .get(group).members().isEmpty());
        }
    }

    /**
     * Returns once the group's committed offsets are the topic's end offsets: a loop commits a batch's offsets only after
     * its transaction, so by then every record on the topic has been read and what it changed is committed.
     */
    private static void awaitCommittedToTheEnd(String group, String topicName) {
        try (Admin admin = TestLoops.admin()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                admin.describeTopics(List.of(topicName)).allTopicNames().get().get(topicName).partitions()
                        .forEach(partition -> latest.put(new TopicPartition(topicName, partition.partition()), OffsetSpec.latest()));
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                return admin.listOffsets(latest).all().get().entrySet().stream().allMatch(end -> end.getValue().offset() == 0
                        || committed.get(end.getKey()) != null && committed.get(end.getKey()).offset() == end.getValue().offset());
            });
        }
    }

    private static void rewindToStart(String group, String topicName) throws Exception {
        try (Admin admin = TestLoops.admin()) {
            Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
            admin.describeTopics(List.of(topicName)).allTopicNames().get().get(topicName).partitions()
                    .forEach(partition -> start.put(new TopicPartition(topicName, partition.partition()), new OffsetAndMetadata(0)));
            admin.alterConsumerGroupOffsets(group, start).all().get();
        }
    }

    private static int sequenceOf(String json) {
        Matcher matcher = SEQUENCE.matcher(json);
        if (!matcher.find()) {
            throw new AssertionError("no sequence in " + json);
        }
        return Integer.parseInt(matcher.group(1));
    }

    private static String uniqueService() {
        return "test" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
