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
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Polls one consumer's topics and applies each record once. The records of a poll (up to max.poll.records) are
 * applied in one database transaction with their inbox rows, partition by partition in offset order, and their
 * offsets are committed only after that transaction committed. When the batch fails — an unreadable record, an event
 * that can never apply, the database away — nothing of it stays and its records are applied again one transaction
 * each, as a single record always is: a transient failure is retried in place, with backoff, without moving on; a
 * permanent one dead-letters that record alone, and the others are applied. A record whose type (its {@code ce_type}
 * header) the consumer does not want ({@link EventConsumer#wantsType}) is declined before it is read; a poll of such
 * records alone opens no transaction.
 */
final class ConsumerLoop implements Runnable {

    static final String DLQ_REASON = "atensi-dlq-reason";
    static final String DLQ_EXCEPTION = "atensi-dlq-exception";
    static final String DLQ_CONSUMER = "atensi-dlq-consumer";
    static final String DLQ_ORIGIN = "atensi-dlq-origin";
    /** The CloudEvent's type in Kafka's binary mode, the header a record can be declined by unread. */
    static final String TYPE_HEADER = "ce_type";

    private static final Logger LOG = Logger.getLogger(ConsumerLoop.class);

    /** Applies events in one transaction with their inbox rows; a failure rolls all of them back. */
    interface Applier {
        /** @return per event, in order, what became of it */
        List<Inbox.Outcome> apply(List<ConsumedEvent> events);
    }

    /** What the loop reports, for metrics. */
    interface Listener {
        void applied(ConsumedEvent event);

        void duplicate(ConsumedEvent event);

        /** An event the consumer does not want, by its type before it was read or by {@link EventConsumer#wants}. */
        void declined();

        void deadLettered(String topic, String reason);

        void retrying(Exception cause);

        /** A batch of this many records failed and is being applied one record per transaction. */
        void batchSplit(int records);

        /** Records behind the end of the assigned partitions, as of the last poll. */
        void lag(long records);
    }

    private final String name;
    private final Consumer<String, byte[]> consumer;
    private final Producer<byte[], byte[]> deadLetters;
    private final Applier applier;
    private final Predicate<String> wantsType;
    private final Listener listener;
    private final Duration maxBackoff;
    private volatile boolean running = true;

    ConsumerLoop(String name, Consumer<String, byte[]> consumer, Producer<byte[], byte[]> deadLetters, Applier applier,
                 Predicate<String> wantsType, Listener listener, Duration maxBackoff) {
        this.name = name;
        this.consumer = consumer;
        this.deadLetters = deadLetters;
        this.applier = applier;
        this.wantsType = wantsType;
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
        Set<ConsumerRecord<String, byte[]>> unwanted = unwantedByType(records);
        if (!records.isEmpty() && unwanted.size() == records.count()) {
            unwanted.forEach(record -> listener.declined());
            commit(nextOffsets(records));
        } else if (records.count() > 1 && applyAsOneBatch(records, unwanted)) {
            commit(nextOffsets(records));
        } else if (!applyOneByOne(records, unwanted)) {
            return false;
        }
        listener.lag(currentLag());
        return true;
    }

    /**
     * The records of the poll whose type, read from their header, the consumer does not want: they are declined without
     * being read. Each type is asked about once per poll (a consumer may read the database for its answer).
     */
    private Set<ConsumerRecord<String, byte[]>> unwantedByType(ConsumerRecords<String, byte[]> records) {
        Set<ConsumerRecord<String, byte[]>> unwanted = Collections.newSetFromMap(new IdentityHashMap<>());
        Map<String, Boolean> answers = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            Header type = record.headers().lastHeader(TYPE_HEADER);
            if (type != null && type.value() != null
                    && !answers.computeIfAbsent(new String(type.value(), StandardCharsets.UTF_8), this::wantsType)) {
                unwanted.add(record);
            }
        }
        return unwanted;
    }

    private boolean wantsType(String type) {
        try {
            return wantsType.test(type);
        } catch (RuntimeException e) {
            // the records are read and wants(event) decides, in the transaction where database trouble is retried
            LOG.debugf("consumer %s reads the records of type %s after asking about the type failed: %s", name, type, rootMessage(e));
            return true;
        }
    }

    /** @return false when nothing of the batch was applied and its records are to be applied one by one */
    private boolean applyAsOneBatch(ConsumerRecords<String, byte[]> records, Set<ConsumerRecord<String, byte[]>> unwanted) {
        List<ConsumedEvent> events = new ArrayList<>(records.count() - unwanted.size());
        // Partition by partition, each in offset order: the order of one key's records is kept.
        for (ConsumerRecord<String, byte[]> record : records) {
            if (unwanted.contains(record)) {
                continue;
            }
            try {
                events.add(read(record));
            } catch (RuntimeException unreadable) {
                // Dead-lettered on the way one by one, where its place in the partition is known.
                listener.batchSplit(records.count() - unwanted.size());
                return false;
            }
        }
        List<Inbox.Outcome> outcomes;
        try {
            outcomes = applier.apply(events);
        } catch (RuntimeException e) {
            listener.batchSplit(records.count() - unwanted.size());
            LOG.infof("consumer %s applies a batch of %d records one by one after: %s", name, records.count() - unwanted.size(), rootMessage(e));
            return false;
        }
        for (int i = 0; i < events.size(); i++) {
            report(events.get(i), outcomes.get(i));
        }
        unwanted.forEach(record -> listener.declined());
        return true;
    }

    private void report(ConsumedEvent event, Inbox.Outcome outcome) {
        switch (outcome) {
            case APPLIED -> listener.applied(event);
            case DUPLICATE -> listener.duplicate(event);
            case DECLINED -> listener.declined();
        }
    }

    /** @return false when the loop was stopped midway */
    private boolean applyOneByOne(ConsumerRecords<String, byte[]> records, Set<ConsumerRecord<String, byte[]>> unwanted) {
        List<TopicPartition> partitions = new ArrayList<>(records.partitions());
        for (int p = 0; p < partitions.size(); p++) {
            TopicPartition partition = partitions.get(p);
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                if (unwanted.contains(record)) {
                    listener.declined();
                    commit(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)));
                    continue;
                }
                try {
                    if (!process(record)) {
                        return false;
                    }
                } catch (DeadLetterUnavailable e) {
                    // Read this record, and the later partitions' records of this poll, again on the next poll rather
                    // than lose them: the consumer's position has already moved past them.
                    consumer.seek(partition, record.offset());
                    for (TopicPartition later : partitions.subList(p + 1, partitions.size())) {
                        consumer.seek(later, records.records(later).get(0).offset());
                    }
                    throw e;
                }
                commit(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)));
            }
        }
        return true;
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> ofPartition = records.records(partition);
            offsets.put(partition, new OffsetAndMetadata(ofPartition.get(ofPartition.size() - 1).offset() + 1));
        }
        return offsets;
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
    private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        try {
            consumer.commitSync(offsets, Duration.ofSeconds(5));
        } catch (WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.debugf("consumer %s could not commit %s yet: %s", name, offsets, rootMessage(e));
        }
    }

    /** @return false when the loop was stopped before the record was done with */
    private boolean process(ConsumerRecord<String, byte[]> record) {
        ConsumedEvent event;
        try {
            event = read(record);
        } catch (RuntimeException e) {
            deadLetter(record, "not a readable CloudEvent: " + e.getMessage(), e);
            return true;
        }
        Backoff backoff = new Backoff(Duration.ofMillis(100), maxBackoff);
        while (running) {
            try {
                report(event, applier.apply(List.of(event)).get(0));
                return true;
            } catch (RuntimeException e) {
                if (!FailureKind.isTransient(e)) {
                    deadLetter(record, rootMessage(e), e);
                    return true;
                }
                listener.retrying(e);
                Duration wait = backoff.next();
                logRetry(record, event, wait, e);
                if (!sleep(wait)) {
                    return false;
                }
            }
        }
        return false;
    }

    /**
     * Names the record where an operator looks it up (topic, partition, offset) and carries the event's trace, as the
     * lines written while it was handled did: the handler's own context is cleared by the time its failure is seen.
     */
    private void logRetry(ConsumerRecord<String, byte[]> record, ConsumedEvent event, Duration wait, RuntimeException failure) {
        MDC.put("eventId", event.id());
        if (event.traceParent() != null) {
            MDC.put("traceparent", event.traceParent());
        }
        try {
            LOG.warnf("consumer %s will retry %s/%d/%d (event %s) in %d ms: %s", name, record.topic(), record.partition(),
                    record.offset(), event.id(), wait.toMillis(), rootMessage(failure));
        } finally {
            MDC.remove("eventId");
            MDC.remove("traceparent");
        }
    }

    private static ConsumedEvent read(ConsumerRecord<String, byte[]> record) {
        CloudEvent cloudEvent = KafkaMessageFactory.createReader(record).toEvent();
        return ConsumedEvent.of(cloudEvent, record.topic());
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
