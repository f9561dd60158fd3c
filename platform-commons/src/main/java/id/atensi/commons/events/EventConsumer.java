package id.atensi.commons.events;

import java.time.Duration;
import java.util.Set;

/**
 * A CDI bean implementing this consumes other services' events. The runner calls {@link #handle} once
 * per event id, inside a database transaction that also records the id. That transaction applies the
 * other events of the same poll too (up to max.poll.records, each key's in order, each event's changes
 * flushed and the persistence context cleared before the next); an exception rolls all of them back, and
 * the runner then applies them again one event per transaction. So a handler may run more than once for
 * an event whose changes were rolled back, as on a retry, and must not catch a database error and go on.
 * Throw {@link PermanentEventFailure} (or let a payload fail to parse) for events that can never be
 * applied: they go to the dead-letter topic and consumption goes on. Database trouble is retried.
 */
public interface EventConsumer {

    /** Stable name: the consumer group is {@code atensi.<service>.<name>} and inbox rows carry it. */
    String name();

    Set<String> topics();

    void handle(ConsumedEvent event);

    /**
     * Whether this consumer may want events of this type, asked from the record's {@code ce_type} header before the record
     * is read: a type answered {@code false} is declined unread, as {@link #wants} declines (no inbox row, counted as
     * declined), without the CloudEvent being read from the record or its data copied; a record that has no such header
     * (a structured-mode or broken record) is read and goes on to {@link #wants} as before. Asked once per type in each
     * poll, after the poll returned and before any of its records is read, in the consumer's thread and outside any
     * transaction, so that a consumer may read the database for its answer (its own connection, a short read): whatever
     * was committed before an event was recorded has committed by then. An answer that fails counts as {@code true}, and
     * {@link #wants} decides in the transaction, where database trouble is retried. Default: every type.
     */
    default boolean wantsType(String type) {
        return true;
    }

    /**
     * Whether this consumer has anything to do with the event, asked before its inbox row is written: an event declined
     * here is neither recorded nor handled, so a consumer that reads a busy topic for a few of its events spares the
     * rest an inbox row each. Asked in the transaction the event would be applied in, so it may read the database; a
     * consumer that does names its per-transaction state in a {@code @TransactionScoped} bean, to read once per poll.
     * Asked again if the event comes again (a redelivery, a replay), so an event declined once may be accepted later,
     * and then applied once, as any other. Default: every event, each recorded in the inbox.
     */
    default boolean wants(ConsumedEvent event) {
        return true;
    }

    /**
     * Called once in each transaction the runner applies events in, after the last new event of it was handled and
     * before the commit; not in a transaction that applied none (all duplicates). A consumer that gathers its writes
     * across the events of a poll (one multi-row insert instead of one per event) writes them here. If the
     * transaction fails, what it gathered goes with it, and the runner applies the events again one per transaction,
     * calling this after each.
     */
    default void batchHandled() {
    }

    /**
     * How long the broker may hold a poll of this consumer while its events gather (up to some hundred kilobytes, a
     * poll's worth). Zero, the default: a poll answers as soon as one event is there, for a read model that should be
     * current at once. A consumer whose cost is per poll rather than per event (the transaction, its statements, the
     * offset commit), and whose output nobody awaits within the window, names one: at a few hundred events a second
     * its polls then take them by the hundred instead of one to three at a time.
     */
    default Duration gatherFor() {
        return Duration.ZERO;
    }

    /**
     * Clears what this consumer built, before a replay applies every retained event again. Runs in the
     * transaction that also forgets the consumer's inbox rows. Without it, a replay applies the events
     * over the existing rows, which suits read models whose handlers overwrite.
     */
    default void resetReadModel() {
    }
}
