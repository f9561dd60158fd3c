package id.atensi.commons.events;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Publishes the outbox to Kafka, in commit-sequence order, and marks what was published.
 *
 * <p>Only one relay publishes at a time, whatever the number of replicas: the relay holds a PostgreSQL
 * session-level advisory lock (its lease) on its own connection. Others wait as standbys and take over
 * within one poll interval when the holder's session ends, for instance because its process died.
 * A single publisher keeps per-aggregate order, which {@code SKIP LOCKED} batches in parallel would not.
 *
 * <p>The relay wakes on the {@code NOTIFY} that {@link EventOutbox} issues in the writing transaction,
 * so an event leaves moments after its commit; the poll interval only bounds the wait when a notice is
 * missed. A failed batch is rolled back and retried with backoff: events may then reach Kafka twice,
 * never zero times, and consumers discard the repeat by event id.
 */
public final class OutboxRelay implements Runnable {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Any fixed number, the same for every replica of every service: each service has its own database. */
    private static final long LEASE_KEY = 0x41544e5349L;

    private final ConnectionFactory connections;
    private final Supplier<Producer<String, CloudEvent>> producers;
    private final String topic;
    private final URI source;
    private final int batchSize;
    private final Duration pollInterval;
    private final Duration maxBackoff;
    private final RelayListener listener;

    private volatile boolean running = true;
    private volatile Thread thread;
    private Producer<String, CloudEvent> producer;

    public OutboxRelay(ConnectionFactory connections, Supplier<Producer<String, CloudEvent>> producers, String serviceName,
                       int batchSize, Duration pollInterval, Duration maxBackoff, RelayListener listener) {
        this.connections = connections;
        this.producers = producers;
        this.topic = EventNames.topic(serviceName);
        this.source = URI.create(EventNames.source(serviceName));
        this.batchSize = batchSize;
        this.pollInterval = pollInterval;
        this.maxBackoff = maxBackoff;
        this.listener = listener;
    }

    /** Opens a plain JDBC session for the relay; it must not come from a pool that could hand it on with the lease held. */
    @FunctionalInterface
    public interface ConnectionFactory {
        Connection open() throws SQLException;
    }

    /** What the relay reports, for metrics. */
    public interface RelayListener {
        void published(int count, List<Duration> commitToPublish);

        void failed(Exception cause);

        RelayListener NONE = new RelayListener() {
            @Override
            public void published(int count, List<Duration> commitToPublish) {
            }

            @Override
            public void failed(Exception cause) {
            }
        };
    }

    public Thread start(String threadName) {
        Thread relayThread = new Thread(this, threadName);
        relayThread.setDaemon(true);
        this.thread = relayThread;
        relayThread.start();
        return relayThread;
    }

    public void stop() {
        running = false;
        Thread relayThread = thread;
        if (relayThread != null) {
            relayThread.interrupt();
            try {
                relayThread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeProducer();
    }

    @Override
    public void run() {
        Backoff backoff = new Backoff(Duration.ofMillis(200), maxBackoff);
        while (running) {
            try (Connection connection = connections.open()) {
                connection.setAutoCommit(true);
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN " + EventOutbox.CHANNEL);
                }
                if (!takeLease(connection)) {
                    pause(pollInterval);
                    continue;
                }
                LOG.debugf("outbox relay for %s holds the lease", topic);
                publishWhileRunning(connection, backoff);
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                listener.failed(e);
                closeProducer();
                Duration wait = backoff.next();
                LOG.warnf("outbox relay for %s could not publish (%s); next attempt in %d ms", topic, describe(e), wait.toMillis());
                pause(wait);
            }
        }
    }

    private void publishWhileRunning(Connection connection, Backoff backoff) throws Exception {
        while (running) {
            int published = publishBatch(connection);
            backoff.reset();
            if (published < batchSize) {
                awaitNotification(connection);
            }
        }
    }

    /** @return how many events this batch published */
    int publishBatch(Connection connection) throws Exception {
        connection.setAutoCommit(false);
        try {
            List<PendingEvent> batch = pending(connection);
            if (batch.isEmpty()) {
                connection.commit();
                return 0;
            }
            Producer<String, CloudEvent> kafka = producer();
            List<Future<RecordMetadata>> sends = new ArrayList<>(batch.size());
            for (PendingEvent event : batch) {
                sends.add(kafka.send(new ProducerRecord<>(topic, event.aggregateId(), event.toCloudEvent(source))));
            }
            kafka.flush();
            for (Future<RecordMetadata> send : sends) {
                awaitAcknowledgement(send);
            }
            List<Duration> latencies = markPublished(connection, batch);
            connection.commit();
            listener.published(batch.size(), latencies);
            return batch.size();
        } catch (Exception e) {
            rollbackQuietly(connection);
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private List<PendingEvent> pending(Connection connection) throws SQLException {
        List<PendingEvent> batch = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT id, aggregate_id, event_type, payload::text, trace_parent, occurred_at
                FROM outbox_event WHERE published_at IS NULL ORDER BY seq LIMIT ?
                """)) {
            select.setInt(1, batchSize);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    batch.add(new PendingEvent(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getString(5), rows.getObject(6, OffsetDateTime.class)));
                }
            }
        }
        return batch;
    }

    private List<Duration> markPublished(Connection connection, List<PendingEvent> batch) throws SQLException {
        List<Duration> latencies = new ArrayList<>(batch.size());
        Array ids = connection.createArrayOf("uuid", batch.stream().map(PendingEvent::id).toArray());
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE outbox_event SET published_at = clock_timestamp() WHERE id = ANY (?)
                RETURNING EXTRACT(EPOCH FROM published_at - occurred_at)
                """)) {
            update.setArray(1, ids);
            try (ResultSet rows = update.executeQuery()) {
                while (rows.next()) {
                    latencies.add(Duration.ofNanos(Math.round(rows.getDouble(1) * 1e9)));
                }
            }
        }
        return latencies;
    }

    private boolean takeLease(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            lock.setLong(1, LEASE_KEY);
            try (ResultSet row = lock.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    private void awaitNotification(Connection connection) throws SQLException {
        connection.unwrap(PGConnection.class).getNotifications((int) pollInterval.toMillis());
    }

    private static void awaitAcknowledgement(Future<RecordMetadata> send) throws Exception {
        try {
            send.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge within 30 s", e);
        }
    }

    private Producer<String, CloudEvent> producer() {
        if (producer == null) {
            producer = producers.get();
        }
        return producer;
    }

    private void closeProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(2));
            } catch (RuntimeException e) {
                LOG.debug("closing the Kafka producer failed", e);
            }
            producer = null;
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.debug("rollback after a failed batch failed too", e);
        }
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static String describe(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private record PendingEvent(UUID id, String aggregateId, String type, String payload, String traceParent,
                                OffsetDateTime occurredAt) {

        CloudEvent toCloudEvent(URI source) {
            CloudEventBuilder builder = CloudEventBuilder.v1()
                    .withId(id.toString())
                    .withSource(source)
                    .withType(type)
                    .withSubject(aggregateId)
                    .withTime(occurredAt)
                    .withData("application/json", payload.getBytes(StandardCharsets.UTF_8));
            if (traceParent != null) {
                builder.withExtension("traceparent", traceParent);
            }
            return builder.build();
        }
    }
}
