package id.atensi.testing;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The forwarder against the harness PostgreSQL: a cut drops open connections and refuses new ones; a restore lets them in again. */
class DatabaseOutageTest {

    private static final String DATABASE = "atensi_test_outage";

    @Test
    void aCutDropsOpenConnectionsAndRefusesNewOnesUntilRestored() throws SQLException {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        String url = DatabaseOutage.route(DATABASE, infrastructure.jdbcUrl(DATABASE));
        DatabaseOutageMBean outage = DatabaseOutage.of(DATABASE);
        assertTrue(url.contains("127.0.0.1:" + outage.getPort() + "/"), url);

        try (Connection open = DriverManager.getConnection(url, infrastructure.dbUser(), infrastructure.dbPassword())) {
            assertEquals(1, selectOne(open));
            long forwarded = outage.getConnectionsForwarded();

            outage.cut();
            assertTrue(outage.isCut());
            SQLException dropped = assertThrows(SQLException.class, () -> selectOne(open));
            assertTrue(dropped.getSQLState().startsWith("08"), "a connection error, not " + dropped.getSQLState() + " " + dropped.getMessage());
            SQLException refused = assertThrows(SQLException.class, () -> DriverManager.getConnection(url, infrastructure.dbUser(), infrastructure.dbPassword()));
            assertEquals("08001", refused.getSQLState(), refused.getMessage());

            outage.restore();
            try (Connection again = DriverManager.getConnection(url, infrastructure.dbUser(), infrastructure.dbPassword())) {
                assertEquals(1, selectOne(again));
            }
            assertEquals(forwarded + 1, outage.getConnectionsForwarded());
        } finally {
            outage.restore();
        }
    }

    @Test
    void aSecondRouteOfTheSameDatabaseGoesThroughTheSameForwarder() {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        String first = DatabaseOutage.route(DATABASE, infrastructure.jdbcUrl(DATABASE));
        assertEquals(first, DatabaseOutage.route(DATABASE, infrastructure.jdbcUrl(DATABASE)));
    }

    @Test
    void aDatabaseWithoutForwarderIsNamedInTheFailure() {
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> DatabaseOutage.of("never_routed"));
        assertTrue(failure.getMessage().contains("never_routed"), failure.getMessage());
    }

    private static int selectOne(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); var result = statement.executeQuery("SELECT 1")) {
            result.next();
            return result.getInt(1);
        }
    }
}
