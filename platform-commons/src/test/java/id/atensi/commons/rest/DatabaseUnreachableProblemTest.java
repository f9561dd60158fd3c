package id.atensi.commons.rest;

import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

import java.net.ConnectException;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DatabaseUnreachableProblemTest {

    private final ProblemExceptionMappers mappers = new ProblemExceptionMappers();

    @Test
    void aRequestFailingForAnUnreachableDatabaseIsServiceUnavailableWithRetryAfter() {
        PSQLException refused = new PSQLException("Connection to 127.0.0.1:5432 refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT,
                new ConnectException("Connection refused"));
        Response answer = mappers.unexpected(new PersistenceException(new JDBCConnectionException("could not prepare statement", refused)), null, null);
        assertEquals(503, answer.getStatus());
        assertEquals(Problem.MEDIA_TYPE, answer.getMediaType().toString());
        assertEquals(String.valueOf(ProblemExceptionMappers.DATABASE_RETRY_AFTER_SECONDS), answer.getHeaderString(HttpHeaders.RETRY_AFTER));
        Problem problem = (Problem) answer.getEntity();
        assertEquals("unavailable", problem.code());
        assertEquals("urn:atensi:problem:unavailable", problem.type());
        assertEquals(503, problem.status());
    }

    @Test
    void anyOtherDatabaseFailureStaysAnInternalErrorWithoutRetryAfter() {
        Response answer = mappers.unexpected(new PersistenceException(new SQLException("division by zero", "22012")), null, null);
        assertEquals(500, answer.getStatus());
        assertNull(answer.getHeaderString(HttpHeaders.RETRY_AFTER));
        assertEquals("internal", ((Problem) answer.getEntity()).code());
    }
}
