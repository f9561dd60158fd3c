package id.atensi.commons.events;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A consumer's inbox rows ({@code inbox_event}): the ids of the events it applied. A whole batch's ids are recorded in
 * one statement, in the transaction that applies the batch, so that a redelivered event is recognised without a
 * query per event.
 */
final class Inbox {

    private Inbox() {
    }

    /** What becomes of an event handed to a consumer. */
    enum Outcome {
        /** Its id was new: recorded, and to be handled. */
        APPLIED,
        /** Its id was recorded before, or earlier in the same list: not handled again. */
        DUPLICATE,
        /** The consumer does not want it ({@link EventConsumer#wants}): neither recorded nor handled. */
        DECLINED
    }

    /**
     * Records in one statement the events the consumer wants ({@code wanted}, per event in the same order).
     *
     * @return per event, in the same order, what becomes of it
     */
    static List<Outcome> admit(Connection connection, String consumer, List<ConsumedEvent> events, List<Boolean> wanted)
            throws SQLException {
        List<ConsumedEvent> kept = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            if (wanted.get(i)) {
                kept.add(events.get(i));
            }
        }
        List<Boolean> fresh = kept.isEmpty() ? List.of() : record(connection, consumer, kept);
        List<Outcome> outcomes = new ArrayList<>(events.size());
        int next = 0;
        for (int i = 0; i < events.size(); i++) {
            outcomes.add(!wanted.get(i) ? Outcome.DECLINED : fresh.get(next++) ? Outcome.APPLIED : Outcome.DUPLICATE);
        }
        return outcomes;
    }

    /**
     * Records the events' ids for the consumer on the caller's connection and transaction.
     *
     * @return per event, in the same order: true when it is to be applied — its id was new, and this is the id's first
     *         occurrence in the list (a record can be on the topic twice, and both copies in one poll)
     */
    private static List<Boolean> record(Connection connection, String consumer, List<ConsumedEvent> events) throws SQLException {
        String[] ids = new String[events.size()];
        String[] types = new String[events.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = events.get(i).id();
            types[i] = events.get(i).type();
        }
        Set<String> recorded = new HashSet<>();
        // ON CONFLICT DO NOTHING also skips the second of two equal ids within the statement; RETURNING names the new.
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO inbox_event (consumer, event_id, event_type)
                SELECT ?, batch.event_id, batch.event_type FROM unnest(?, ?) AS batch (event_id, event_type)
                ON CONFLICT DO NOTHING
                RETURNING event_id
                """)) {
            Array idArray = connection.createArrayOf("text", ids);
            Array typeArray = connection.createArrayOf("text", types);
            insert.setString(1, consumer);
            insert.setArray(2, idArray);
            insert.setArray(3, typeArray);
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    recorded.add(rows.getString(1));
                }
            }
        }
        List<Boolean> fresh = new ArrayList<>(events.size());
        for (ConsumedEvent event : events) {
            fresh.add(recorded.remove(event.id()));
        }
        return fresh;
    }
}
