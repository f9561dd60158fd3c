package id.atensi.commons.events;

import id.atensi.testing.TestInfrastructure;
import id.atensi.testing.TopicReader;
import id.atensi.testing.TopicWriter;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The consumer loop applies a poll's records in one transaction, against a real PostgreSQL and Kafka broker: what a
 * failed batch leaves (nothing), how a poisoned record is isolated, what a crash before or after the commit leaves,
 * and that each key's records keep their order.
 */
class ConsumerBatchTest {

    private static final String TYPE = "atensi.test.changed.v1";
    private static final String UNWANTED = "atensi.test.noticed.v1";
    private final List<Runnable> cleanups = new ArrayList<>();

    @AfterEach
    void stopEverythingStarted() {
        cleanups.forEach(Runnable::run);
    }

    @Test
    void aHundredRecordsWaitingOnOnePartitionAreAppliedInOneTransactionAndTheirOffsetCommittedAfterIt() throws Exception {
        EventStore store = EventStore.fresh("batch_one");
        String service = onePartitionTopic();
        write(service, 100, n -> "aggregate-" + (n % 10), n -> "{\"n\": " + n + "}");
        TestLoops.Recorder recorder = new TestLoops.Recorder();

        TestLoops.start(service, "one", store.applier("one", ConsumerBatchTest::sequence), recorder, cleanups);

        await().atMost(Duration.ofSeconds(60)).until(() -> store.count("SELECT count(*) FROM applied_effect") == 100);
        assertEquals(1, store.count("SELECT count(DISTINCT txid) FROM applied_effect"), "transactions that applied the 100");
        assertEquals(100, store.count("SELECT count(*) FROM inbox_event WHERE consumer = 'one'"));
        assertEquals(100, recorder.applied.get());
        assertEquals(0, recorder.splits.get());
        await().atMost(Duration.ofSeconds(20)).until(() -> committedOffset(service, "one") == 100);
    }

    @Test
    void aPoisonedRecordInABatchIsDeadLetteredAndEveryOtherRecordOfTheBatchAppliedOnce() throws Exception {
        EventStore store = EventStore.fresh("batch_poison");
        String service = onePartitionTopic();
        write(service, 100, n -> n == 40 ? "poisoned" : "aggregate-" + n, n -> n == 40 ? "{\"n\": \"x\"}" : "{\"n\": " + n + "}");
        TestLoops.Recorder recorder = new TestLoops.Recorder();

        TestLoops.start(service, "poison", store.applier("poison", ConsumerBatchTest::sequence), recorder, cleanups);

        await().atMost(Duration.ofSeconds(60)).until(() -> store.count("SELECT count(*) FROM applied_effect") >= 99);
        try (TopicReader deadLetters = TopicReader.of(EventNames.deadLetterTopic(EventNames.topic(service)))) {
            List<ConsumerRecord<String, byte[]>> letters = deadLetters.drain(Duration.ofSeconds(3));
            assertEquals(List.of("poisoned"), letters.stream().map(ConsumerRecord::key).toList(), "dead letters");
            assertTrue(TopicReader.header(letters.get(0), ConsumerLoop.DLQ_REASON).contains("n is not a number"),
                    TopicReader.header(letters.get(0), ConsumerLoop.DLQ_REASON));
        }
        assertEquals(99, store.count("SELECT count(*) FROM applied_effect"));
        assertEquals(99, store.count("SELECT count(DISTINCT event_id) FROM applied_effect"), "each applied once");
        assertEquals(0, store.count("SELECT count(*) FROM applied_effect WHERE aggregate_id = 'poisoned'"));
        assertEquals(0, store.count("SELECT count(*) FROM inbox_event WHERE event_type = '" + TYPE + "' AND event_id NOT IN"
                + " (SELECT event_id FROM applied_effect)"), "inbox rows of events not applied");
        assertEquals(1, recorder.splits.get(), "batches split");
        assertEquals(1, recorder.deadLettered.get());
        await().atMost(Duration.ofSeconds(20)).until(() -> committedOffset(service, "poison") == 100);
    }

    @Test
    void aCrashInTheMiddleOfABatchLeavesNothingAndTheRedeliveredBatchIsAppliedOnce() throws Exception {
        EventStore store = EventStore.fresh("batch_crash_before");
        String service = onePartitionTopic();
        write(service, 100, n -> "aggregate-" + (n % 10), n -> "{\"n\": " + n + "}");
        AtomicInteger seen = new AtomicInteger();
        ConsumerLoop.Applier crashing = store.applier("crash", event -> {
            if (seen.incrementAndGet() == 60) {
                throw new TestLoops.Crash("the process dies while applying the 60th event");
            }
            return sequence(event);
        });

        TestLoops.start(service, "crash", crashing, new TestLoops.Recorder(), cleanups);
        await().atMost(Duration.ofSeconds(60)).until(() -> seen.get() >= 60);
        sleep(Duration.ofSeconds(1));
        assertEquals(0, store.count("SELECT count(*) FROM applied_effect"), "effects left by the crashed batch");
        assertEquals(0, store.count("SELECT count(*) FROM inbox_event"), "inbox rows left by the crashed batch");

        TestLoops.Recorder recorder = new TestLoops.Recorder();
        TestLoops.start(service, "crash", store.applier("crash", ConsumerBatchTest::sequence), recorder, cleanups);
        await().atMost(Duration.ofSeconds(60)).until(() -> committedOffset(service, "crash") == 100);
        assertEquals(100, store.count("SELECT count(*) FROM applied_effect"));
        assertEquals(100, store.count("SELECT count(DISTINCT event_id) FROM applied_effect"), "each applied once");
        assertEquals(100, recorder.applied.get());
    }

    @Test
    void aCrashAfterTheBatchCommittedButBeforeItsOffsetsChangesNothingWhenTheBatchComesAgain() throws Exception {
        EventStore store = EventStore.fresh("batch_crash_after");
        String service = onePartitionTopic();
        write(service, 100, n -> "aggregate-" + (n % 10), n -> "{\"n\": " + n + "}");
        ConsumerLoop.Applier committed = store.applier("after", ConsumerBatchTest::sequence);
        AtomicBoolean crashed = new AtomicBoolean();
        ConsumerLoop.Applier crashingAfterCommit = events -> {
            committed.apply(events);
            crashed.set(true);
            throw new TestLoops.Crash("the process dies between the database commit and the offset commit");
        };

        TestLoops.start(service, "after", crashingAfterCommit, new TestLoops.Recorder(), cleanups);
        await().atMost(Duration.ofSeconds(60)).until(crashed::get);
        long appliedBeforeTheCrash = store.count("SELECT count(*) FROM applied_effect");
        assertEquals(-1, committedOffset(service, "after"), "no offset committed by the crashed consumer");

        TestLoops.Recorder recorder = new TestLoops.Recorder();
        TestLoops.start(service, "after", committed, recorder, cleanups);
        await().atMost(Duration.ofSeconds(60)).until(() -> committedOffset(service, "after") == 100);
        assertEquals(100, store.count("SELECT count(*) FROM applied_effect"));
        assertEquals(100, store.count("SELECT count(DISTINCT event_id) FROM applied_effect"), "each applied once");
        assertEquals(appliedBeforeTheCrash, recorder.duplicates.get(), "redelivered records recognised by the inbox");
        assertEquals(100 - appliedBeforeTheCrash, recorder.applied.get());
    }

    @Test
    void declinedEventsWriteNoInboxRowAndTheWantedOnesAreAppliedOnceWhenTheBatchComesAgain() throws Exception {
        EventStore store = EventStore.fresh("batch_declined");
        String service = onePartitionTopic();
        write(service, 100, n -> "aggregate-" + (n % 10), n -> "{\"n\": " + n + "}");
        Predicate<ConsumedEvent> evenOnly = event -> sequence(event) % 2 == 0;
        ConsumerLoop.Applier committed = store.applier("declining", ConsumerBatchTest::sequence, evenOnly);
        AtomicBoolean crashed = new AtomicBoolean();
        ConsumerLoop.Applier crashingAfterCommit = events -> {
            committed.apply(events);
            crashed.set(true);
            throw new TestLoops.Crash("the process dies between the database commit and the offset commit");
        };
        TestLoops.start(service, "declining", crashingAfterCommit, new TestLoops.Recorder(), cleanups);
        await().atMost(Duration.ofSeconds(60)).until(crashed::get);
        long appliedBeforeTheCrash = store.count("SELECT count(*) FROM applied_effect");
        assertTrue(appliedBeforeTheCrash > 0);
        assertEquals(appliedBeforeTheCrash, store.count("SELECT count(*) FROM inbox_event"), "an inbox row per wanted event only");

        TestLoops.Recorder recorder = new TestLoops.Recorder();
        TestLoops.start(service, "declining", committed, recorder, cleanups);
        await().atMost(Duration.ofSeconds(60)).until(() -> committedOffset(service, "declining") == 100);

        assertEquals(50, store.count("SELECT count(*) FROM applied_effect"));
        assertEquals(50, store.count("SELECT count(DISTINCT event_id) FROM applied_effect"), "each wanted event applied once");
        assertEquals(0, store.count("SELECT count(*) FROM applied_effect WHERE sequence % 2 = 1"), "no declined event applied");
        assertEquals(50, store.count("SELECT count(*) FROM inbox_event"), "no inbox row for a declined event");
        assertEquals(0, store.count("SELECT count(*) FROM inbox_event WHERE event_id NOT IN (SELECT event_id FROM applied_effect)"));
        assertEquals(50 - appliedBeforeTheCrash, recorder.applied.get());
        assertEquals(appliedBeforeTheCrash, recorder.duplicates.get(), "the wanted events applied before the crash, recognised");
        assertEquals(50, recorder.declined.get(), "the odd events, declined again without a row");
    }

    @Test
    void aTypeNotWantedIsDeclinedFromItsHeaderUnreadWhileARecordWithoutTheHeaderGoesTheOldWay() throws Exception {
        EventStore store = EventStore.fresh("batch_unwanted_type");
        String service = onePartitionTopic();
        String topic = EventNames.topic(service);
        try (TopicWriter writer = TopicWriter.create(); KafkaProducer<String, byte[]> headersOnly = rawProducer()) {
            for (int n = 0; n < 30; n++) {
                if (n % 3 == 0) {
                    writer.cloudEvent(topic, UUID.randomUUID().toString(), UNWANTED, "/atensi/test", "unwanted-" + n, "{\"n\": \"x\"}");
                } else {
                    writer.cloudEvent(topic, UUID.randomUUID().toString(), TYPE, "/atensi/test", "wanted-" + n, "{\"n\": " + n + "}");
                }
            }
            // no data, no id, no source: read, it would be dead-lettered as no CloudEvent
            ProducerRecord<String, byte[]> unreadable = new ProducerRecord<>(topic, "unwanted-unreadable", null);
            unreadable.headers().add(ConsumerLoop.TYPE_HEADER, UNWANTED.getBytes(StandardCharsets.UTF_8));
            headersOnly.send(unreadable).get(30, TimeUnit.SECONDS);
            writer.raw(topic, "no-header", "not a CloudEvent".getBytes(StandardCharsets.UTF_8));
        }
        List<String> typesAsked = Collections.synchronizedList(new ArrayList<>());
        List<String> typesRead = Collections.synchronizedList(new ArrayList<>());
        TestLoops.Recorder recorder = new TestLoops.Recorder();

        TestLoops.start(service, "by-type", store.applier("by-type", ConsumerBatchTest::sequence, event -> typesRead.add(event.type())),
                type -> typesAsked.add(type) && !type.equals(UNWANTED), recorder, cleanups);

        await().atMost(Duration.ofSeconds(60)).until(() -> committedOffset(service, "by-type") == 32);
        assertEquals(20, store.count("SELECT count(*) FROM applied_effect"), "the wanted events, each applied once");
        assertEquals(20, store.count("SELECT count(*) FROM inbox_event WHERE consumer = 'by-type'"), "no inbox row for a declined type");
        assertEquals(Set.of(TYPE), Set.copyOf(typesRead), "only the wanted type was read and asked about in wants(event)");
        assertEquals(20, typesRead.size());
        assertTrue(typesAsked.contains(UNWANTED) && typesAsked.contains(TYPE), typesAsked.toString());
        assertEquals(11, recorder.declined.get(), "the ten of the type not wanted and the unreadable record of that type");
        assertEquals(20, recorder.applied.get());
        assertEquals(1, recorder.deadLettered.get(), "the record without a type header, read and dead-lettered as before");
        try (TopicReader deadLetters = TopicReader.of(EventNames.deadLetterTopic(topic))) {
            // waited for first: a reader that has not joined yet would see a quiet topic
            deadLetters.await(record -> "no-header".equals(record.key()), Duration.ofSeconds(60));
            assertEquals(List.of("no-header"), deadLetters.drain(Duration.ofSeconds(3)).stream().map(ConsumerRecord::key).toList(),
                    "nothing but the record without a type header is dead-lettered");
        }
    }

    @Test
    void aPollOfUnwantedTypesAloneIsDeclinedWithoutATransactionAndItsOffsetsCommitted() throws Exception {
        EventStore store = EventStore.fresh("batch_unwanted_poll");
        String service = onePartitionTopic();
        try (TopicWriter writer = TopicWriter.create()) {
            for (int n = 0; n < 50; n++) {
                writer.cloudEvent(EventNames.topic(service), UUID.randomUUID().toString(), UNWANTED, "/atensi/test", "key-" + n, "{}");
            }
        }
        AtomicInteger transactions = new AtomicInteger();
        ConsumerLoop.Applier applier = store.applier("unwanted", ConsumerBatchTest::sequence);
        TestLoops.Recorder recorder = new TestLoops.Recorder();

        TestLoops.start(service, "unwanted", events -> {
            transactions.incrementAndGet();
            return applier.apply(events);
        }, type -> !type.equals(UNWANTED), recorder, cleanups);

        await().atMost(Duration.ofSeconds(60)).until(() -> committedOffset(service, "unwanted") == 50);
        assertEquals(50, recorder.declined.get());
        assertEquals(0, transactions.get(), "transactions opened for declined types");
        assertEquals(0, store.count("SELECT count(*) FROM inbox_event"));
    }

    @Test
    void aTypeQuestionThatFailsLetsTheRecordsBeReadAndWantsDecide() throws Exception {
        EventStore store = EventStore.fresh("batch_type_question_fails");
        String service = onePartitionTopic();
        write(service, 20, n -> "aggregate-" + n, n -> "{\"n\": " + n + "}");
        TestLoops.Recorder recorder = new TestLoops.Recorder();

        TestLoops.start(service, "failing-question", store.applier("failing-question", ConsumerBatchTest::sequence), type -> {
            throw new IllegalStateException("database away", new SQLTransientConnectionException("connection refused", "08001"));
        }, recorder, cleanups);

        await().atMost(Duration.ofSeconds(60)).until(() -> committedOffset(service, "failing-question") == 20);
        assertEquals(20, store.count("SELECT count(*) FROM applied_effect"));
        assertEquals(20, recorder.applied.get());
        assertEquals(0, recorder.declined.get());
    }

    @Test
    void eachKeysRecordsAreAppliedInOrderAcrossPartitionsBatchesAndABatchAppliedOneByOne() {
        EventStore store = EventStore.fresh("batch_order");
        String service = "test" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        int keys = 12;
        int perKey = 40;
        // Keys interleaved in a fixed shuffled order: the topic's partitions each get several keys' records mixed.
        List<String> order = new ArrayList<>();
        for (int key = 0; key < keys; key++) {
            for (int n = 0; n < perKey; n++) {
                order.add("key-" + key);
            }
        }
        Collections.shuffle(order, new Random(19));
        Map<String, AtomicInteger> next = new HashMap<>();
        try (TopicWriter writer = TopicWriter.create()) {
            for (String key : order) {
                int n = next.computeIfAbsent(key, k -> new AtomicInteger()).getAndIncrement();
                writer.cloudEvent(EventNames.topic(service), UUID.randomUUID().toString(), TYPE, "/atensi/test", key, "{\"n\": " + n + "}");
            }
        }
        AtomicBoolean failedOnce = new AtomicBoolean();
        TestLoops.Recorder recorder = new TestLoops.Recorder();
        // The first batch meets the database away once, so it is applied record by record; later ones as batches.
        ConsumerLoop.Applier applier = store.applier("order", event -> {
            if (failedOnce.compareAndSet(false, true)) {
                throw new IllegalStateException("database away", new SQLTransientConnectionException("connection refused", "08001"));
            }
            return sequence(event);
        });

        TestLoops.start(service, "order", applier, recorder, cleanups);

        await().atMost(Duration.ofSeconds(60)).until(() -> store.count("SELECT count(*) FROM applied_effect") == (long) keys * perKey);
        assertEquals(1, recorder.splits.get(), "batches split");
        assertTrue(store.count("SELECT count(DISTINCT txid) FROM applied_effect") < keys * perKey, "records applied in batches");
        assertEquals(0, store.count("""
                SELECT count(*) FROM (
                    SELECT sequence, lag(sequence) OVER (PARTITION BY aggregate_id ORDER BY applied_order) AS previous
                    FROM applied_effect) AS applied
                WHERE sequence <> coalesce(previous + 1, 0)
                """), "records applied out of their key's order");
    }

    private static KafkaProducer<String, byte[]> rawProducer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    private static int sequence(ConsumedEvent event) {
        if (!(event.dataAs(Map.class).get("n") instanceof Integer n)) {
            throw new PermanentEventFailure("n is not a number in " + event.id());
        }
        return n;
    }

    /** A service whose topic has one partition, so that records written before a consumer starts reach it in one poll. */
    private static String onePartitionTopic() {
        String service = "test" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Admin admin = TestLoops.admin()) {
            admin.createTopics(List.of(new NewTopic(EventNames.topic(service), 1, (short) 1))).all().get();
        } catch (Exception e) {
            throw new AssertionError("could not create the topic of " + service + ": " + e.getMessage(), e);
        }
        return service;
    }

    private static void write(String service, int count, IntFunction<String> key,
                              IntFunction<String> json) {
        try (TopicWriter writer = TopicWriter.create()) {
            for (int n = 0; n < count; n++) {
                writer.cloudEvent(EventNames.topic(service), UUID.randomUUID().toString(), TYPE, "/atensi/test", key.apply(n), json.apply(n));
            }
        }
    }

    /** The group's committed offset on partition 0, -1 while none is committed. */
    private static long committedOffset(String service, String consumerName) throws Exception {
        try (Admin admin = TestLoops.admin()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(TestLoops.groupOf(service, consumerName))
                    .partitionsToOffsetAndMetadata().get();
            OffsetAndMetadata offset = offsets.get(new TopicPartition(EventNames.topic(service), 0));
            return offset == null ? -1 : offset.offset();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
