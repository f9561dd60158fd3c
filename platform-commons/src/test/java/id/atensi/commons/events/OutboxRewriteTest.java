package id.atensi.commons.events;

import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import id.atensi.testing.TestInfrastructure;
import id.atensi.testing.TopicReader;
import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A transaction that rewrites pending outbox rows (an erasure scrubbing a name) against a relay that has read them and
 * not yet sent them, with a real PostgreSQL and Kafka broker: once the rewrite has committed, no copy from before it
 * leaves. The relay is held between its read and its send by a producer that waits at its first record.
 */
class OutboxRewriteTest {

    private static final String NAME = "Siti Rahayu";
    private static final String PSEUDONYM = "ANON-7KQ2M";

    private final List<Runnable> cleanups = new ArrayList<>();

    @AfterEach
    void stopEverythingStarted() {
        cleanups.forEach(Runnable::run);
    }

    @Test
    void aRewriteCommittedWhileTheRelayHoldsTheRowsItReadIsNotOvertakenByTheirOldCopy() throws Exception {
        EventStore store = EventStore.fresh("relay_rewrite");
        String service = uniqueService();
        UUID id = store.record("person-1", "atensi.test.registered.v1", "{\"fullName\": \"" + NAME + "\"}", true);
        HeldProducer held = new HeldProducer(service);
        startRelay(store, service, held);
        try (TopicReader topic = TopicReader.of(EventNames.topic(service))) {
            assertTrue(held.read.await(60, TimeUnit.SECONDS), "the relay read the row and stands before its send");

            AtomicBoolean rewriteCommitted = new AtomicBoolean();
            held.rewriteCommitted = rewriteCommitted;
            CompletableFuture<Void> rewrite = CompletableFuture.runAsync(() -> scrub(store, "person-1", rewriteCommitted));
            // either the rewrite is done (nothing held it) or it waits for the relay's lock; neither depends on timing
            await().atMost(Duration.ofSeconds(60)).until(() -> rewrite.isDone()
                    || store.count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                    + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())") == 1);
            held.release.countDown();
            rewrite.get(60, TimeUnit.SECONDS);
            ConsumerRecord<String, byte[]> published = topic.await(record -> id.toString().equals(TopicReader.header(record, "ce_id")),
                    Duration.ofSeconds(30));

            assertEquals(held.sent.get(0).payload(), new String(published.value(), StandardCharsets.UTF_8));
            for (Sent sent : held.sent) {
                assertTrue(!sent.afterRewrite() || !sent.payload().contains(NAME),
                        "nothing sent after the rewrite committed carries the name: " + held.sent);
            }
            assertEquals(0, store.count("SELECT count(*) FROM outbox_event WHERE payload::text LIKE '%" + NAME + "%'"),
                    "no copy of the name stays in the outbox either");
        }
    }

    @Test
    void aRewriteWaitsForABatchInFlightAtMostItsBoundThenGetsA503WithRetryAfter() throws Exception {
        EventStore store = EventStore.fresh("relay_rewrite_bound");
        String service = uniqueService();
        store.record("person-2", "atensi.test.registered.v1", "{\"fullName\": \"" + NAME + "\"}", true);
        HeldProducer held = new HeldProducer(service);
        startRelay(store, service, held);
        assertTrue(held.read.await(60, TimeUnit.SECONDS));

        try (Connection connection = store.open()) {
            connection.setAutoCommit(false);
            ProblemException busy = assertThrows(ProblemException.class,
                    () -> EventOutbox.holdRelay(connection, Duration.ofMillis(200)));
            assertEquals(ProblemCode.UNAVAILABLE, busy.code());
            assertEquals(EventOutbox.RELAY_BUSY_RETRY_AFTER_SECONDS, busy.retryAfterSeconds().orElseThrow());
            connection.rollback();

            held.release.countDown();
            await().atMost(Duration.ofSeconds(60)).until(() -> store.count("SELECT count(*) FROM outbox_event WHERE published_at IS NULL") == 0);
            EventOutbox.holdRelay(connection, Duration.ofSeconds(60));
            connection.commit();
        }
    }

    @Test
    void aRelayWhoseKafkaDoesNotAnswerLetsRewritesThroughWhenItsAttemptFails() throws Exception {
        EventStore store = EventStore.fresh("relay_rewrite_kafka_away");
        String service = uniqueService();
        store.record("person-3", "atensi.test.registered.v1", "{\"fullName\": \"" + NAME + "\"}", true);
        CountDownLatch failed = new CountDownLatch(1);
        OutboxRelay relay = new OutboxRelay(store::open, () -> KafkaSettings.eventProducer("127.0.0.1:1", service + "-relay"), service,
                100, Duration.ofMillis(500), Duration.ofSeconds(2), new OutboxRelay.RelayListener() {
            @Override
            public void published(int count, List<Duration> commitToPublish) {
            }

            @Override
            public void failed(Exception cause) {
                failed.countDown();
            }
        });
        relay.start(service + "-relay");
        cleanups.add(relay::stop);

        AtomicBoolean committed = new AtomicBoolean();
        // bounded by the producer's own timeouts (max.block.ms 5 s), however long Kafka stays away
        scrub(store, "person-3", committed);
        assertTrue(committed.get());
        assertTrue(failed.await(60, TimeUnit.SECONDS), "Kafka never answered");
        assertEquals(1, store.count("SELECT count(*) FROM outbox_event WHERE published_at IS NULL AND payload->>'fullName' = '"
                + PSEUDONYM + "'"), "the row waits, scrubbed, for Kafka");
    }

    /**
     * A rewrite stalled while it holds the lock (an erasure behind a row lock) no longer pins the relay: each round waits
     * its bound, is skipped and counted, and leaves the relay free (it stops when told); nothing is published meanwhile,
     * since what it would read may yet be rewritten, and the rows leave, rewritten, as soon as the rewrite commits.
     */
    @Test
    void aRelayKeptFromTheLockByAStalledRewriteSkipsItsRoundsWithinItsBoundAndPublishesOnceTheRewriteEnds() throws Exception {
        EventStore store = EventStore.fresh("relay_rewrite_stalled");
        String service = uniqueService();
        UUID id = store.record("person-4", "atensi.test.registered.v1", "{\"fullName\": \"" + NAME + "\"}", true);
        AtomicInteger skipped = new AtomicInteger();
        AtomicInteger published = new AtomicInteger();
        List<Long> skippedAt = new CopyOnWriteArrayList<>();
        OutboxRelay.RelayListener counting = new OutboxRelay.RelayListener() {
            @Override
            public void published(int count, List<Duration> commitToPublish) {
                published.addAndGet(count);
            }

            @Override
            public void failed(Exception cause) {
            }

            @Override
            public void skipped() {
                skippedAt.add(System.nanoTime());
                skipped.incrementAndGet();
            }
        };
        Duration lockWait = Duration.ofMillis(300);
        try (TopicReader topic = TopicReader.of(EventNames.topic(service)); Connection stalled = store.open();
             Statement statement = stalled.createStatement()) {
            stalled.setAutoCommit(false);
            EventOutbox.holdRelay(stalled, Duration.ofSeconds(60));
            statement.execute("UPDATE outbox_event SET payload = jsonb_set(payload, '{fullName}', '\"" + PSEUDONYM + "\"')"
                    + " WHERE aggregate_id = 'person-4' AND published_at IS NULL");
            OutboxRelay relay = new OutboxRelay(store::open, () -> KafkaSettings.eventProducer(TestInfrastructure.get().kafkaBootstrapServers(),
                    service + "-relay"), service, 100, Duration.ofMillis(200), Duration.ofSeconds(2), lockWait, counting);
            relay.start(service + "-relay");
            cleanups.add(relay::stop);

            await().atMost(Duration.ofSeconds(60)).until(() -> skipped.get() >= 3);
            for (int i = 1; i < skippedAt.size(); i++) {
                assertTrue(skippedAt.get(i) - skippedAt.get(i - 1) >= lockWait.toNanos(), "each skipped round waited its bound first");
            }
            assertEquals(0, published.get(), "published while the rewrite held the lock");
            assertEquals(1, store.count("SELECT count(*) FROM outbox_event WHERE published_at IS NULL"));

            stalled.commit();
            ConsumerRecord<String, byte[]> sent = topic.await(record -> id.toString().equals(TopicReader.header(record, "ce_id")),
                    Duration.ofSeconds(30));
            assertTrue(new String(sent.value(), StandardCharsets.UTF_8).contains(PSEUDONYM), "the rows leave as rewritten");
            await().atMost(Duration.ofSeconds(30)).until(() -> published.get() == 1);
            int skippedBeforeTheEnd = skipped.get();
            store.record("person-5", "atensi.test.registered.v1", "{}", true);
            await().atMost(Duration.ofSeconds(30)).until(() -> published.get() == 2);
            assertEquals(skippedBeforeTheEnd, skipped.get(), "rounds skipped once the rewrite had ended");
        }
    }

    /** What an erasure does to the outbox: the person's published rows deleted, the pending ones scrubbed. */
    private static void scrub(EventStore store, String aggregateId, AtomicBoolean committed) {
        try (Connection connection = store.open(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            EventOutbox.holdRelay(connection, Duration.ofSeconds(60));
            statement.execute("DELETE FROM outbox_event WHERE aggregate_id = '" + aggregateId + "' AND published_at IS NOT NULL");
            statement.execute("UPDATE outbox_event SET payload = jsonb_set(payload, '{fullName}', '\"" + PSEUDONYM + "\"')"
                    + " WHERE aggregate_id = '" + aggregateId + "' AND published_at IS NULL");
            connection.commit();
            committed.set(true);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void startRelay(EventStore store, String service, Producer<String, CloudEvent> producer) {
        OutboxRelay relay = new OutboxRelay(store::open, () -> producer, service, 100, Duration.ofMillis(500), Duration.ofSeconds(2),
                OutboxRelay.RelayListener.NONE);
        relay.start(service + "-relay");
        cleanups.add(relay::stop);
    }

    private record Sent(boolean afterRewrite, String payload) {
    }

    /** A real producer that stops at its first record until released, and notes whether each send came after the rewrite. */
    private static final class HeldProducer extends KafkaProducer<String, CloudEvent> {
        final CountDownLatch read = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<Sent> sent = new CopyOnWriteArrayList<>();
        volatile AtomicBoolean rewriteCommitted = new AtomicBoolean();

        HeldProducer(String service) {
            super(KafkaSettings.eventProducerSettings(TestInfrastructure.get().kafkaBootstrapServers(), service + "-held-relay"));
        }

        @Override
        public Future<RecordMetadata> send(ProducerRecord<String, CloudEvent> record) {
            read.countDown();
            try {
                if (!release.await(120, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never released the relay");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sent.add(new Sent(rewriteCommitted.get(), new String(record.value().getData().toBytes(), StandardCharsets.UTF_8)));
            return super.send(record);
        }
    }

    private static String uniqueService() {
        return "test" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }
}
