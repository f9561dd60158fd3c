package id.atensi.gateway.logging;

import id.atensi.gateway.support.FakeServicesResource;
import id.atensi.gateway.support.TestKeys;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import id.atensi.local.Tokens;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(FakeServicesResource.class)
class AccessLogTest {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void attach() {
        Logger.getLogger(AccessLog.CATEGORY).addHandler(capture);
    }

    @AfterEach
    void detach() {
        Logger.getLogger(AccessLog.CATEGORY).removeHandler(capture);
    }

    @Test
    void oneJsonLinePerRequestWithTheRouteTemplateAndNoPersonalData() throws InterruptedException {
        String token = TestKeys.admin();
        given().urlEncodingEnabled(false)
                .header("Authorization", TestKeys.bearer(token))
                .header("X-Request-Id", "access-1")
                .when().get("/api/v1/beneficiaries/7d1c0a2e-1111-4222-8333-944445555666?nik=3171234567890123")
                .then().statusCode(200);
        String raw = lineFor("access-1");
        JsonObject line = new JsonObject(raw);
        assertEquals("GET", line.getString("method"));
        assertEquals("/api/v1/beneficiaries/{path}", line.getString("route"));
        assertEquals(200, line.getInteger("status"));
        assertEquals("test-admin", line.getString("subject"));
        assertTrue(line.getDouble("latencyMs") >= 0);
        assertTrue(line.getString("traceId").matches("[0-9a-f]{32}"));
        assertFalse(raw.contains("3171234567890123"), raw);
        assertFalse(raw.contains("7d1c0a2e"), raw);
        assertFalse(raw.contains(token.substring(token.lastIndexOf('.') + 1)), raw);
        assertFalse(raw.contains("Bearer"), raw);
    }

    @Test
    void rejectedRequestsAreLoggedWithoutSubject() throws InterruptedException {
        given().header("X-Request-Id", "access-2")
                .when().post("/api/v1/partners")
                .then().statusCode(401);
        JsonObject line = new JsonObject(lineFor("access-2"));
        assertEquals(401, line.getInteger("status"));
        assertEquals("POST", line.getString("method"));
        assertEquals("/api/v1/partners", line.getString("route"));
        assertNull(line.getString("subject"));
    }

    @Test
    void unroutedPathsAreOneBucket() throws InterruptedException {
        given().header("Authorization", TestKeys.bearer(TestKeys.admin()))
                .header("X-Request-Id", "access-3")
                .when().get("/api/v1/nobody-serves/3171234567890123")
                .then().statusCode(404);
        String raw = lineFor("access-3");
        assertEquals("/api/{unrouted}", new JsonObject(raw).getString("route"));
        assertFalse(raw.contains("3171234567890123"));
    }

    @Test
    void aSubjectWithQuotesAndControlCharactersStaysOneValidJsonLine() throws InterruptedException {
        String subject = "officer \"a\"\\ line\nbreak \u0001 Ñ";
        String token = new Tokens(TestKeys.keys()).mint(subject, Set.of("admin"), Tokens.Scope.none(), Duration.ofMinutes(5));
        given().header("Authorization", TestKeys.bearer(token))
                .header("X-Request-Id", "access-4")
                .when().get("/api/v1/partners")
                .then().statusCode(200);
        String raw = lineFor("access-4");
        assertFalse(raw.contains("\n"), "the line breaks: " + raw);
        assertEquals(subject, new JsonObject(raw).getString("subject"));
    }

    /**
     * The line is written when the response has ended, which may be a moment after the client has it: a moment that a
     * loaded machine stretches, so the wait is generous and ends as soon as the line is there.
     */
    private String lineFor(String requestId) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            List<String> matching = lines.stream().filter(line -> line.contains("\"requestId\":\"" + requestId + "\"")).toList();
            if (!matching.isEmpty()) {
                assertEquals(1, matching.size(), "one line per request: " + matching);
                return matching.get(0);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no access log line for " + requestId + " in " + lines);
    }
}
