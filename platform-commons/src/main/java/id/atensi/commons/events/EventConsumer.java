package id.atensi.commons.events;

import java.util.Set;

/**
 * A CDI bean implementing this consumes other services' events. The runner calls {@link #handle} once
 * per event id, inside a database transaction that also records the id; an exception rolls both back.
 * Throw {@link PermanentEventFailure} (or let a payload fail to parse) for events that can never be
 * applied: they go to the dead-letter topic and consumption goes on. Database trouble is retried.
 */
public interface EventConsumer {

    /** Stable name: the consumer group is {@code atensi.<service>.<name>} and inbox rows carry it. */
    String name();

    Set<String> topics();

    void handle(ConsumedEvent event);

    /**
     * Clears what this consumer built, before a replay applies every retained event again. Runs in the
     * transaction that also forgets the consumer's inbox rows. Without it, a replay applies the events
     * over the existing rows, which suits read models whose handlers overwrite.
     */
    default void resetReadModel() {
    }
}
