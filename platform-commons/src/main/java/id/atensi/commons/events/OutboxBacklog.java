package id.atensi.commons.events;

import io.agroal.api.AgroalDataSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/** How many events wait in the outbox and how long the oldest has waited. */
public record OutboxBacklog(long pending, Duration oldestAge) {

    static OutboxBacklog read(AgroalDataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return read(connection);
        }
    }

    /** Counts from the relay's stored bound: below it every row is published, so the scan reads only the recent rows. */
    static OutboxBacklog read(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("""
                     SELECT count(*), COALESCE(EXTRACT(EPOCH FROM now() - min(occurred_at)), 0)
                     FROM outbox_event WHERE seq >= (SELECT settled_below FROM outbox_relay) AND published_at IS NULL
                     """)) {
            row.next();
            return new OutboxBacklog(row.getLong(1), Duration.ofMillis(Math.max(0, Math.round(row.getDouble(2) * 1000))));
        }
    }
}
