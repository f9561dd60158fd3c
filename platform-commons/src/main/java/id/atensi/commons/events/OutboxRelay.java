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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Publishes the outbox to Kafka, in commit-sequence order, and marks what was published.
 *
 * <p>The relay reads forward from the highest seq it has read (its cursor) through the primary key, so it never walks
 * the rows it has marked, and marks with a HOT update (no B-tree names {@code published_at}). A seq below the cursor
 * that it has not seen may belong to a transaction still running: every writer holds a transaction id before it draws
 * a seq (V0_0_2's column default), so such a writer is among the transactions running in the snapshot that missed the
 * seq. The relay keeps those unseen seqs with those writers, looks at them again once one of the writers has ended,
 * and forgets them once all have: whatever those seqs hold is then visible, or will never be. Everything below the
 * lowest seq still unseen is settled; the relay stores that bound in {@code outbox_relay}, resumes from it after a
 * restart or failure, and the backlog is counted from it.
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
    /** The relay's wait for the rewrite lock unless told otherwise: a rewrite holds it for milliseconds. */
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(5);

    private final ConnectionFactory connections;
    private final Supplier<Producer<String, CloudEvent>> producers;
    private final String topic;
    private final URI source;
    private final int batchSize;
    private final Duration pollInterval;
    private final Duration maxBackoff;
    private final Duration lockWait;
    private final RelayListener listener;

    private volatile boolean running = true;
    private volatile Thread thread;
    private Producer<String, CloudEvent> producer;
    /** Null until read from {@code outbox_relay}, and again after any failure, so that a retry starts from what is stored. */
    private Position position;
    /** Rounds skipped in a row because a rewrite held the lock past {@link #lockWait}, and since when: logged once a stretch. */
    private int skippedRounds;
    private long skippingSince;

    public OutboxRelay(ConnectionFactory connections, Supplier<Producer<String, CloudEvent>> producers, String serviceName,
                       int batchSize, Duration pollInterval, Duration maxBackoff, RelayListener listener) {
        this(connections, producers, serviceName, batchSize, pollInterval, maxBackoff, DEFAULT_LOCK_WAIT, listener);
    }

    /** @param lockWait how long a round waits for the rewrite lock before it is skipped (V0_0_4) */
    public OutboxRelay(ConnectionFactory connections, Supplier<Producer<String, CloudEvent>> producers, String serviceName,
                       int batchSize, Duration pollInterval, Duration maxBackoff, Duration lockWait, RelayListener listener) {
        this.connections = connections;
        this.producers = producers;
        this.topic = EventNames.topic(serviceName);
        this.source = URI.create(EventNames.source(serviceName));
        this.batchSize = batchSize;
        this.pollInterval = pollInterval;
        this.maxBackoff = maxBackoff;
        this.lockWait = lockWait;
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

        /** A round skipped: a transaction rewriting pending rows held the lock past the relay's wait. */
        default void skipped() {
        }

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
            boolean more = publishBatch(connection);
            backoff.reset();
            if (!more) {
                awaitNotification(connection);
            }
        }
    }

    /** @return whether rows may be waiting beyond this batch */
    boolean publishBatch(Connection connection) throws Exception {
        try {
            if (!holdAgainstRewrites(connection)) {
                skipped();
                return false;
            }
            resumed();
            Batch batch = read(connection);
            if (!batch.events().isEmpty()) {
                Producer<String, CloudEvent> kafka = producer();
                List<Future<RecordMetadata>> sends = new ArrayList<>(batch.events().size());
                for (PendingEvent event : batch.events()) {
                    sends.add(kafka.send(new ProducerRecord<>(topic, event.aggregateId(), event.toCloudEvent(source))));
                }
                kafka.flush();
                for (Future<RecordMetadata> send : sends) {
                    awaitAcknowledgement(send);
                }
            }
            List<Duration> latencies = mark(connection, batch);
            releaseRewrites(connection);
            if (!batch.events().isEmpty()) {
                listener.published(batch.events().size(), latencies);
            }
            return batch.full();
        } catch (Exception e) {
            // the caller closes the connection, which ends the session and so releases the rewrite lock
            rollbackQuietly(connection);
            position = null;
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /**
     * Reads, in one snapshot, the rows that appeared among the unseen seqs whose writers ended and the rows after the
     * cursor, and moves the position past them (in memory: it is stored when the batch is marked).
     */
    private Batch read(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        Set<Long> runningTransactions;
        try (Statement statement = connection.createStatement()) {
            // one snapshot for the running transactions and every row read with them
            statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
            try (ResultSet row = statement.executeQuery("SELECT pg_current_snapshot()::text, settled_below FROM outbox_relay")) {
                if (!row.next()) {
                    throw new IllegalStateException("outbox_relay holds no row: the db/events migrations did not run");
                }
                runningTransactions = runningTransactions(row.getString(1));
                long stored = row.getLong(2);
                if (position == null || position.settledBelow != stored) {
                    position = new Position(stored);
                }
            }
        }
        List<PendingEvent> events = new ArrayList<>(revisit(connection, runningTransactions));
        boolean full = readAfterCursor(connection, runningTransactions, events);
        connection.commit();
        return new Batch(events, full, position.settledBelow, position.lowestUnsettled());
    }

    /** The pending rows among unseen seqs one of whose possible writers has ended since the last look. */
    private List<PendingEvent> revisit(Connection connection, Set<Long> runningTransactions) throws SQLException {
        List<Unseen> ended = new ArrayList<>();
        for (Unseen unseen : position.unseen) {
            if (unseen.writers.retainAll(runningTransactions)) {
                ended.add(unseen);
            }
        }
        if (ended.isEmpty()) {
            return List.of();
        }
        // the ended reads' ranges are disjoint (each read covered seqs past the one before it), so reading them in order
        // of their first seq reads the rows in seq order
        TreeMap<Long, Long> ranges = new TreeMap<>();
        ended.forEach(unseen -> ranges.putAll(unseen.ranges));
        List<PendingEvent> found = new ArrayList<>();
        // one range per statement: a join of the table to an array of ranges gets a generic plan (PgJDBC prepares it
        // on the server after five uses) that scans the whole primary key in parallel, ~10 s a read with 2,500,000
        // rows in the outbox; a single range is always an index range scan
        try (PreparedStatement select = connection.prepareStatement(REVISIT)) {
            for (Map.Entry<Long, Long> range : ranges.entrySet()) {
                select.setLong(1, range.getKey());
                select.setLong(2, range.getValue());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        long seq = rows.getLong(1);
                        ended.forEach(unseen -> unseen.remove(seq));
                        if (rows.getBoolean(2)) {
                            found.add(pendingEvent(rows));
                        }
                    }
                }
            }
        }
        position.unseen.removeIf(unseen -> unseen.writers.isEmpty() || unseen.ranges.isEmpty());
        return found;
    }

    /** @return whether the read filled a batch, so that more rows may follow */
    private boolean readAfterCursor(Connection connection, Set<Long> runningTransactions, List<PendingEvent> events) throws SQLException {
        int read = 0;
        TreeMap<Long, Long> unseen = new TreeMap<>();
        long expected = position.cursor + 1;
        try (PreparedStatement select = connection.prepareStatement(AFTER_CURSOR)) {
            select.setLong(1, position.cursor);
            select.setInt(2, batchSize);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    read++;
                    long seq = rows.getLong(1);
                    if (seq > expected) {
                        unseen.put(expected, seq - 1);
                    }
                    expected = seq + 1;
                    if (rows.getBoolean(2)) {
                        events.add(pendingEvent(rows));
                    }
                }
            }
        }
        position.cursor = expected - 1;
        if (!unseen.isEmpty() && !runningTransactions.isEmpty()) {
            position.unseen.add(new Unseen(unseen, new HashSet<>(runningTransactions)));
        }
        return read == batchSize;
    }

    /** The xids a {@code pg_current_snapshot()} lists as running ("xmin:xmax:xip,xip,…"). */
    static Set<Long> runningTransactions(String snapshot) {
        String[] parts = snapshot.split(":", 3);
        Set<Long> running = new HashSet<>();
        if (parts.length == 3 && !parts[2].isEmpty()) {
            for (String xid : parts[2].split(",")) {
                running.add(Long.parseLong(xid));
            }
        }
        return running;
    }

    /** Marks the batch's events published and stores the relay's new bound, in one transaction. */
    private List<Duration> mark(Connection connection, Batch batch) throws SQLException {
        if (batch.events().isEmpty() && batch.settledBelow() == batch.wasSettledBelow()) {
            return List.of();
        }
        connection.setAutoCommit(false);
        List<Duration> latencies = new ArrayList<>(batch.events().size());
        if (!batch.events().isEmpty()) {
            Array seqs = connection.createArrayOf("bigint", batch.events().stream().map(PendingEvent::seq).toArray());
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE outbox_event SET published_at = clock_timestamp() WHERE seq = ANY (?) AND published_at IS NULL
                    RETURNING EXTRACT(EPOCH FROM published_at - occurred_at)
                    """)) {
                update.setArray(1, seqs);
                try (ResultSet rows = update.executeQuery()) {
                    while (rows.next()) {
                        latencies.add(Duration.ofNanos(Math.round(rows.getDouble(1) * 1e9)));
                    }
                }
            }
        }
        if (batch.settledBelow() != batch.wasSettledBelow()) {
            try (PreparedStatement store = connection.prepareStatement(
                    "UPDATE outbox_relay SET settled_below = ? WHERE settled_below = ?")) {
                store.setLong(1, batch.settledBelow());
                store.setLong(2, batch.wasSettledBelow());
                if (store.executeUpdate() == 1) {
                    position.settledBelow = batch.settledBelow();
                } else {
                    // a row was marked unpublished meanwhile (its trigger lowered the bound): start again from there
                    position = null;
                }
            }
        }
        connection.commit();
        return latencies;
    }

    /**
     * Waits until no transaction rewrites pending rows (V0_0_3's {@code outbox_hold_relay}, taken by an erasure) and
     * keeps new ones waiting until {@link #releaseRewrites}: a rewrite that committed after this read would otherwise
     * see its rows sent as they were before it. Taken before the read's snapshot, so that the read sees every rewrite
     * that finished; released after the mark commits, so that a rewrite sees the rows marked (an erasure deletes the
     * person's published rows and scrubs the pending ones). Waits at most {@link #lockWait} (V0_0_4's
     * {@code outbox_relay_try_lock}): false when a rewrite held the lock that long.
     */
    private boolean holdAgainstRewrites(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT outbox_relay_try_lock(CAST(? AS interval))")) {
            lock.setString(1, lockWait.toMillis() + " milliseconds");
            try (ResultSet row = lock.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    /**
     * A round that did not get the rewrite lock within {@link #lockWait}: nothing is read or sent, and the next round
     * comes with the next commit notice or poll. Logged at the first of a stretch only, since a stalled rewrite skips
     * every round until it ends.
     */
    private void skipped() {
        listener.skipped();
        if (skippedRounds++ == 0) {
            skippingSince = System.nanoTime();
            LOG.warnf("outbox relay for %s skips publishing: a transaction rewriting pending rows (an erasure) has held the lock for"
                    + " over %d ms; it publishes again once that transaction ends (rounds skipped: atensi_outbox_publish_skipped_total)",
                    topic, lockWait.toMillis());
        }
    }

    private void resumed() {
        if (skippedRounds > 0) {
            LOG.infof("outbox relay for %s publishes again after %d rounds skipped over %d s", topic, skippedRounds,
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - skippingSince));
            skippedRounds = 0;
        }
    }

    private static void releaseRewrites(Connection connection) throws SQLException {
        try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(outbox_relay_lock_key())")) {
            unlock.execute();
        }
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

    /** Columns 1 and 2 are the seq and whether the row is pending; the payload is read only when it is. */
    private static final String ROWS = """
            SELECT seq, published_at IS NULL, id, aggregate_id, event_type,
                CASE WHEN published_at IS NULL THEN payload::text END, trace_parent, occurred_at
            FROM outbox_event""";

    /** One range of unseen seqs; OutboxRelayTest pins its plan, generic or not, to a range scan of the primary key. */
    static final String REVISIT = ROWS + " WHERE seq BETWEEN ? AND ? ORDER BY seq";
    static final String AFTER_CURSOR = ROWS + " WHERE seq > ? ORDER BY seq LIMIT ?";

    private static PendingEvent pendingEvent(ResultSet row) throws SQLException {
        return new PendingEvent(row.getLong(1), row.getObject(3, UUID.class), row.getString(4), row.getString(5),
                row.getString(6), row.getString(7), row.getObject(8, OffsetDateTime.class));
    }

    /** Where the relay stands: its cursor, the seqs below it not yet seen, and the stored bound. */
    private static final class Position {
        long settledBelow;
        long cursor;
        final List<Unseen> unseen = new ArrayList<>();

        Position(long settledBelow) {
            this.settledBelow = settledBelow;
            this.cursor = settledBelow - 1;
        }

        long lowestUnsettled() {
            long lowest = cursor + 1;
            for (Unseen gap : unseen) {
                lowest = Math.min(lowest, gap.ranges.firstKey());
            }
            return lowest;
        }
    }

    /**
     * Seqs one read did not see, as ranges (first seq to last, both included: a large transaction draws thousands in a
     * row), and the transactions running then, one of which may yet commit them.
     */
    private record Unseen(TreeMap<Long, Long> ranges, Set<Long> writers) {

        void remove(long seq) {
            Map.Entry<Long, Long> range = ranges.floorEntry(seq);
            if (range == null || range.getValue() < seq) {
                return;
            }
            ranges.remove(range.getKey());
            if (range.getKey() < seq) {
                ranges.put(range.getKey(), seq - 1);
            }
            if (seq < range.getValue()) {
                ranges.put(seq + 1, range.getValue());
            }
        }
    }

    private record Batch(List<PendingEvent> events, boolean full, long wasSettledBelow, long settledBelow) {
    }

    private record PendingEvent(long seq, UUID id, String aggregateId, String type, String payload, String traceParent,
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
