package id.atensi.commons.persistence;

import jakarta.persistence.PersistenceException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;
import org.postgresql.jdbc.PgStatement;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseUnreachableTest {

    /** As PgJDBC reports a refused connection: SQLState 08001 around the socket's refusal. */
    private static PSQLException refused() {
        return new PSQLException("Connection to 127.0.0.1:5432 refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT, new ConnectException("Connection refused"));
    }

    @Test
    void aRefusedConnectionIsUnreachableHoweverItIsWrapped() {
        assertTrue(DatabaseUnreachable.causes(refused()));
        assertTrue(DatabaseUnreachable.causes(new PersistenceException("could not prepare statement", new JDBCConnectionException("could not prepare statement", refused()))));
        assertTrue(DatabaseUnreachable.causes(new RuntimeException("commit failed", new IllegalStateException(refused()))));
    }

    @Test
    void aDroppedConnectionAServerShuttingDownAndAnEmptyPoolAreUnreachable() {
        assertTrue(DatabaseUnreachable.causes(new PSQLException("An I/O error occurred while sending to the backend", PSQLState.CONNECTION_FAILURE,
                new SocketException("Connection reset"))));
        assertTrue(DatabaseUnreachable.causes(new SQLException("terminating connection due to administrator command", "57P01")));
        assertTrue(DatabaseUnreachable.causes(new SQLException("sorry, too many clients already", "53300")));
        assertTrue(DatabaseUnreachable.causes(new SQLException("Acquisition timeout while waiting for new connection")));
        assertTrue(DatabaseUnreachable.causes(new SQLTransientConnectionException("no connection")));
        assertTrue(DatabaseUnreachable.causes(new SQLException("could not read", null, 0, new SocketException("Broken pipe"))));
    }

    /**
     * With assertions on, PgJDBC raises an AssertionError without a cause where production sees 08003 (a connection
     * closed under a batch); the build turns the driver's assertions off in tests (parent pom, surefire argLine) so that
     * an outage looks the same in both, and an assertion stays a fault.
     */
    @Test
    void theDriversAssertionsAreOffAsInProductionAndAnAssertionIsAFault() {
        assertFalse(PgStatement.class.desiredAssertionStatus(), "PgJDBC's assertions are off in tests");
        assertFalse(DatabaseUnreachable.causes(new AssertionError("an assertion of our own")), "an assertion is a fault");
    }

    @Test
    void otherDatabaseFailuresAndOtherServicesBeingAwayAreNot() {
        SQLException duplicate = new SQLException("duplicate key value violates unique constraint", "23505");
        assertFalse(DatabaseUnreachable.causes(new ConstraintViolationException("could not execute statement", duplicate, "uq_thing")));
        assertFalse(DatabaseUnreachable.causes(new SQLException("canceling statement due to statement timeout", "57014")));
        assertFalse(DatabaseUnreachable.causes(new SQLException("deadlock detected", "40P01")));
        assertFalse(DatabaseUnreachable.causes(new IllegalStateException("the identity provider does not answer", new ConnectException("Connection refused"))),
                "a refused connection to another host is no database outage");
        assertFalse(DatabaseUnreachable.causes(new NullPointerException()));
    }

    @Test
    void theDescriptionNamesTheInnermostCauseWithoutTheStatement() {
        RuntimeException failure = new PersistenceException("could not execute statement [select * from beneficiary where nik = ?]",
                new JDBCConnectionException("could not execute statement", refused()));
        assertEquals("ConnectException: Connection refused", DatabaseUnreachable.describe(failure));
    }
}
