package id.atensi.commons.events;

import io.agroal.api.AgroalDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * How many events wait in the outbox, counted up to {@link #COUNTED_UP_TO} ({@code countStopped}: at least
 * {@code pending} then), and how long the first in line has waited.
 * <p>
 * Counting is bounded because the backlog is largest exactly when it is read most: with Kafka away for hours every
 * replica still measures it every {@code metrics-interval}, and an exact count of 1,000,000 pending rows costs
 * PostgreSQL ~0.3 s (bench/RESULTS.md, session 18). The first in line is the pending row of the lowest seq, read on
 * the primary key: rows take their seq when written, so it is the one written first.
 */
public record OutboxBacklog(long pending, boolean countStopped, Duration oldestAge) {

    /** The count stops here: a backlog this large already says all there is to say. */
    public static final long COUNTED_UP_TO = 1_000_000;

    /** Longer than the bounded count takes on a large backlog; a database slower than this is reported, not waited for. */
    private static final String STATEMENT_TIMEOUT = "5s";

    static OutboxBacklog read(AgroalDataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement settings = connection.createStatement()) {
                settings.execute("SET LOCAL statement_timeout = '" + STATEMENT_TIMEOUT + "'");
            }
            try {
                return read(connection, COUNTED_UP_TO);
            } finally {
                rollback(connection);
            }
        }
    }

    /** A rollback that fails (the connection broke) must not hide why the measurement failed. */
    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the measurement's own outcome, returned or thrown, is what the caller needs
        }
    }

    /** Reads from the relay's stored bound: below it every row is published, so only the recent rows are visited. */
    static OutboxBacklog read(Connection connection, long countedUpTo) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT (SELECT count(*) FROM (SELECT 1 FROM outbox_event
                                              WHERE seq >= relay.settled_below AND published_at IS NULL LIMIT ?) counted),
                       COALESCE(EXTRACT(EPOCH FROM now() - (SELECT occurred_at FROM outbox_event
                                                            WHERE seq >= relay.settled_below AND published_at IS NULL
                                                            ORDER BY seq LIMIT 1)), 0)
                FROM outbox_relay relay""")) {
            statement.setLong(1, countedUpTo);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                long pending = row.getLong(1);
                return new OutboxBacklog(pending, pending >= countedUpTo, Duration.ofMillis(Math.max(0, Math.round(row.getDouble(2) * 1000))));
            }
        }
    }
}
