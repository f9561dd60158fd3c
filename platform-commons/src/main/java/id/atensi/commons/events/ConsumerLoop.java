package id.atensi.commons.events;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Headers;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Polls one consumer's topics and applies each record once: the offset of a record is committed only
 * after its effect and its inbox row committed (or after it was dead-lettered). A transient failure
 * is retried in place, with backoff, without moving on; a permanent one dead-letters the record.
 */
final class ConsumerLoop implements Runnable {

    static final String DLQ_REASON = "atensi-dlq-reason";
    static final String DLQ_EXCEPTION = "atensi-dlq-exception";
    static final String DLQ_CONSUMER = "atensi-dlq-consumer";
    static final String DLQ_ORIGIN = "atensi-dlq-origin";

    private static final Logger LOG = Logger.getLogger(ConsumerLoop.class);

    /** Applies one event in a transaction with its inbox row. @return false when the event was seen before */
    interface Applier {
        boolean apply(ConsumedEvent event);
    }

    /** What the loop reports, for metrics. */
    interface Listener {
        void applied(ConsumedEvent event);

        void duplicate(ConsumedEvent event);

        void deadLettered(String topic, String reason);

        void retrying(Exception cause);

        /** Records behind the end of the assigned partitions, as of the last poll. */
        void lag(long records);
    }

    private final String name;
    private final Consumer<String, byte[]> consumer;
    private final Producer<byte[], byte[]> deadLetters;
    private final Applier applier;
    private final Listener listener;
    private final Duration maxBackoff;
    private volatile boolean running = true;

    ConsumerLoop(String name, Consumer<String, byte[]> consumer, Producer<byte[], byte[]> deadLetters, Applier applier,
                 Listener listener, Duration maxBackoff) {
        this.name = name;
        this.consumer = consumer;
        this.deadLetters = deadLetters;
        this.applier = applier;
        this.listener = listener;
        this.maxBackoff = maxBackoff;
    }

    void stop() {
        running = false;
        consumer.wakeup();
    }

    @Override
    public void run() {
        Backoff backoff = new Backoff(Duration.ofMillis(200), maxBackoff);
        try {
            while (running) {
                try {
                    if (!pollOnce()) {
                        return;
                    }
                    backoff.reset();
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    Duration wait = backoff.next();
                    LOG.warnf("consumer %s will poll again in %d ms after: %s", name, wait.toMillis(), rootMessage(e));
                    if (!sleep(wait)) {
                        return;
                    }
                }
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.errorf(e, "consumer %s was woken up unexpectedly", name);
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** @return false when the loop was stopped midway */
    private boolean pollOnce() {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                try {
                    if (!process(record)) {
                        return false;
                    }
                } catch (DeadLetterUnavailable e) {
                    // Read this record again on the next poll rather than lose it.
                    consumer.seek(partition, record.offset());
                    throw e;
                }
                commit(partition, record.offset() + 1);
            }
        }
        listener.lag(currentLag());
        return true;
    }

    private long currentLag() {
        long lag = 0;
        for (TopicPartition partition : consumer.assignment()) {
            lag += consumer.currentLag(partition).orElse(0);
        }
        return lag;
    }

    /**
     * A failed commit is tolerated: the next successful commit covers this offset, and should the record
     * come back after a rebalance or restart, the inbox recognises it.
     */
    private void commit(TopicPartition partition, long nextOffset) {
        try {
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(nextOffset)), Duration.ofSeconds(5));
        } catch (WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.debugf("consumer %s could not commit %s@%d yet: %s", name, partition, nextOffset, rootMessage(e));
        }
    }

    /** @return false when the loop was stopped before the record was done with */
    private boolean process(ConsumerRecord<String, byte[]> record) {
        ConsumedEvent event;
        try {
            CloudEvent cloudEvent = KafkaMessageFactory.createReader(record).toEvent();
            event = ConsumedEvent.of(cloudEvent, record.topic());
        } catch (RuntimeException e) {
            deadLetter(record, "not a readable CloudEvent: " + e.getMessage(), e);
            return true;
        }
        Backoff backoff = new Backoff(Duration.ofMillis(100), maxBackoff);
        while (running) {
            try {
                if (applier.apply(event)) {
                    listener.applied(event);
                } else {
                    listener.duplicate(event);
                }
                return true;
            } catch (RuntimeException e) {
                if (!FailureKind.isTransient(e)) {
                    deadLetter(record, rootMessage(e), e);
                    return true;
                }
                listener.retrying(e);
                Duration wait = backoff.next();
                LOG.warnf("consumer %s will retry event %s in %d ms: %s", name, event.id(), wait.toMillis(), rootMessage(e));
                if (!sleep(wait)) {
                    return false;
                }
            }
        }
        return false;
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, String reason, Exception cause) {
        String topic = EventNames.deadLetterTopic(record.topic());
        ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(topic, null,
                record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8), record.value());
        Headers headers = letter.headers();
        record.headers().forEach(headers::add);
        headers.add(DLQ_REASON, bytes(reason));
        headers.add(DLQ_EXCEPTION, bytes(cause.getClass().getName()));
        headers.add(DLQ_CONSUMER, bytes(name));
        headers.add(DLQ_ORIGIN, bytes(record.topic() + "/" + record.partition() + "/" + record.offset()));
        try {
            deadLetters.send(letter).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new DeadLetterUnavailable("could not dead-letter " + record.topic() + "/" + record.offset() + " to " + topic, e);
        }
        listener.deadLettered(record.topic(), reason);
        LOG.warnf("consumer %s dead-lettered %s/%d/%d to %s: %s", name, record.topic(), record.partition(), record.offset(), topic, reason);
    }

    /** The dead-letter topic could not take a record: it must be read and tried again, not skipped. */
    static final class DeadLetterUnavailable extends RuntimeException {
        DeadLetterUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private boolean sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static byte[] bytes(String value) {
        return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof PermanentEventFailure) {
                break;
            }
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
