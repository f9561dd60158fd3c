package id.atensi.beneficiary.registry;

import id.atensi.testing.TestInfrastructure;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.function.Predicate;

/**
 * A subscription's notice of a person as {@code registry_notification} holds it, read on a connection of its own straight
 * to the test run's PostgreSQL: never through the service's datasource, which a test may have cut off from the server.
 */
public final class Notices {

    /** The notice's attempts so far, its last failure, its outcome once completed, and when its next attempt is due. */
    public record Notice(int attempts, String lastError, String outcome, Instant nextAttemptAt) {
    }

    private Notices() {
    }

    /** The subscription's notice of the person once it is as {@code described}; fails after 30 s naming the last one seen. */
    public static Notice await(String code, String person, String described, Predicate<Notice> condition)
            throws InterruptedException, SQLException {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        long deadline = System.currentTimeMillis() + 30_000;
        Notice last = null;
        try (Connection connection = DriverManager.getConnection(infrastructure.jdbcUrl("beneficiary"), infrastructure.dbUser(), infrastructure.dbPassword());
             PreparedStatement statement = connection.prepareStatement("""
                     SELECT attempts, last_error, outcome, next_attempt_at FROM registry_notification
                     WHERE subscription_code = ?::uuid AND beneficiary_id = ?::uuid""")) {
            statement.setString(1, code);
            statement.setString(2, person);
            while (System.currentTimeMillis() < deadline) {
                try (ResultSet row = statement.executeQuery()) {
                    if (row.next()) {
                        OffsetDateTime next = row.getObject(4, OffsetDateTime.class);
                        last = new Notice(row.getInt(1), row.getString(2), row.getString(3), next == null ? null : next.toInstant());
                        if (condition.test(last)) {
                            return last;
                        }
                    }
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("the notice was not " + described + " within 30 s; last seen: " + last);
    }
}
