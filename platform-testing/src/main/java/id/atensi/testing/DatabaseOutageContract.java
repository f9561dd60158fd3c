package id.atensi.testing;

import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every service promises while its database cannot be reached: a read and a write are answered 503
 * {@code application/problem+json} (code {@code unavailable}) with {@code Retry-After}, never 500; readiness is DOWN
 * and liveness UP (nothing to restart). Once the database is back the same calls succeed without a restart, and the
 * write refused meanwhile made nothing. A service's test extends this with {@link AtensiTestResource}'s
 * {@code database-outage} argument, makes the record it reads in a {@code @BeforeEach}, and names one read and one write.
 */
public abstract class DatabaseOutageContract {

    private static final String DATABASE_CHECK = "Database connections health check";
    /** Reconnecting takes the pool a few attempts at most; the bound is generous for a loaded machine. */
    private static final long RECOVERY_MILLIS = 60_000;

    private DatabaseOutageMBean outage;

    /** The service's database, as named to {@link AtensiTestResource}. */
    protected abstract String database();

    /** A representative read of a record that exists. */
    protected abstract Response read();

    /** A representative write, the same request at every call. */
    protected abstract Response write();

    /** How many records {@link #write()} has made; {@link #count} reads it past the forwarder. */
    protected abstract long written() throws SQLException;

    @BeforeEach
    void theForwarder() {
        outage = DatabaseOutage.of(database());
        outage.restore();
    }

    @AfterEach
    void theDatabaseIsBack() {
        outage.restore();
    }

    @Test
    void whileTheDatabaseCannotBeReachedCallsAreServiceUnavailableAndOnceItIsBackTheSameCallsSucceed() throws Exception {
        assertSucceeded(read(), "the read before the outage");
        assertEquals(0, written(), "nothing written before the outage");

        outage.cut();
        try {
            assertServiceUnavailable(read(), "the read");
            assertServiceUnavailable(write(), "the write");
            given().when().get("/q/health/ready")
                    .then().statusCode(503)
                    .body("status", equalTo("DOWN"))
                    .body("checks.find { it.name == '" + DATABASE_CHECK + "' }.status", equalTo("DOWN"));
            given().when().get("/q/health/live").then().statusCode(200);
        } finally {
            outage.restore();
        }

        assertSucceeded(onceAnswered(this::read), "the read after the outage");
        assertEquals(0, written(), "the write refused during the outage made nothing");
        assertSucceeded(onceAnswered(this::write), "the write after the outage");
        assertEquals(1, written(), "the write after the outage made its record");
        long deadline = System.currentTimeMillis() + RECOVERY_MILLIS;
        while (given().when().get("/q/health/ready").statusCode() != 200 && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
        }
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.find { it.name == '" + DATABASE_CHECK + "' }.status", equalTo("UP"));
    }

    /** Counts with {@code sql} (one {@code ?} per value) on a connection of the test's own, straight to the server. */
    protected final long count(String sql, Object... values) throws SQLException {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        try (Connection connection = DriverManager.getConnection(infrastructure.jdbcUrl(database()), infrastructure.dbUser(), infrastructure.dbPassword());
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static void assertServiceUnavailable(Response answer, String what) {
        assertEquals(503, answer.statusCode(), what + " while the database cannot be reached: " + answer.asString());
        answer.then()
                .contentType("application/problem+json")
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("status", equalTo(503))
                .body("code", equalTo("unavailable"))
                .body("type", equalTo("urn:atensi:problem:unavailable"))
                .body("detail", containsString("database"))
                .body("requestId", notNullValue())
                .body(not(containsString("Exception")))
                .body(not(containsString("jdbc")));
    }

    private static void assertSucceeded(Response answer, String what) {
        assertTrue(answer.statusCode() >= 200 && answer.statusCode() < 300, what + " answered " + answer.statusCode() + ": " + answer.asString());
    }

    /**
     * The call's answer once it is no longer 503: the pool's connections were dropped by the cut, and it makes new ones
     * as requests come; while it does, only the outage's own answer is allowed.
     */
    private static Response onceAnswered(Supplier<Response> call) throws InterruptedException {
        long deadline = System.currentTimeMillis() + RECOVERY_MILLIS;
        Response answer = call.get();
        while (answer.statusCode() == 503 && System.currentTimeMillis() < deadline) {
            assertServiceUnavailable(answer, "a call while the service reconnects");
            Thread.sleep(250);
            answer = call.get();
        }
        return answer;
    }
}
