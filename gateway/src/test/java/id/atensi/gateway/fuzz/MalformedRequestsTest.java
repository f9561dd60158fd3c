package id.atensi.gateway.fuzz;

import id.atensi.gateway.support.FakeServicesResource;
import id.atensi.gateway.support.TestKeys;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generated malformed requests against every operation of the merged OpenAPI document (as the gateway sees
 * it, here from the fake services): hostile path parameters, queries, headers and bodies, sent over a raw
 * socket so that nothing is cleaned up on the client side. The gateway must never answer 5xx and never show
 * a stack trace. A fixed seed makes a failure repeatable; not jqwik (its engine does not run @QuarkusTest).
 */
@QuarkusTest
@WithTestResource(FakeServicesResource.class)
class MalformedRequestsTest {

    private static final long SEED = 20261123L;
    private static final int CASES_PER_OPERATION = 25;

    private static final String[] HOSTILE = {
        "%", "%zz", "%00", "%2e%2e%2f%2e%2e%2f", "..", "../../etc/passwd", "%ff%fe", "\u00e9\u4e2d", "' OR 1=1 --",
        "<script>alert(1)</script>", "${jndi:ldap://x/a}", "a".repeat(3000), "%0d%0aX-Injected:%201", "{id}", ";",
        "//", "?", "#", "~", "-1", "99999999999999999999999", "null", "[]", "%u0000", "\\", "%5c"};
    private static final String[] CONTENT_TYPES = {
        "application/json", "application/json; charset=utf-16", "text/plain", "application/xml",
        "multipart/form-data; boundary=", "application/x-www-form-urlencoded", "garbage", ""};
    private static final String[] HEADER_VALUES = {
        "", " ", "a".repeat(5000), "Bearer", "Bearer ", "Bearer a.b.c", "Basic Zm9vOmJhcg==", "00-zz-zz-01",
        "\u00e9t\u00e9", "-1", "gzip, deflate, br", "*/*;q=abc"};
    private static final String[] HEADER_NAMES = {
        "X-Request-Id", "traceparent", "tracestate", "Accept", "Accept-Encoding", "If-Match", "Idempotency-Key",
        "X-Forwarded-For", "X-Forwarded-Proto", "Forwarded", "Origin", "Content-Encoding", "Range", "Expect"};

    @TestFactory
    List<DynamicTest> noServerErrorAndNoStackTraceForMalformedRequests() {
        JsonObject document = new JsonObject(given().when().get("/q/openapi").then().statusCode(200).extract().asString());
        JsonObject paths = document.getJsonObject("paths");
        assertFalse(paths.isEmpty(), "operations to fuzz");
        Random random = new Random(SEED);
        String token = TestKeys.bearer(TestKeys.admin());
        List<DynamicTest> tests = new ArrayList<>();
        for (String path : paths.fieldNames()) {
            for (String method : paths.getJsonObject(path).fieldNames()) {
                for (int i = 0; i < CASES_PER_OPERATION; i++) {
                    String request = generate(random, method.toUpperCase(), path, token);
                    tests.add(DynamicTest.dynamicTest(method + " " + path + " #" + i, () -> check(request)));
                }
            }
        }
        return tests;
    }

    private static String generate(Random random, String method, String template, String token) {
        String path = template.replaceAll("\\{[^}]+}",
                java.util.regex.Matcher.quoteReplacement(pick(random, HOSTILE).replace(" ", "%20")));
        if (random.nextBoolean()) {
            path += "?" + pick(random, HOSTILE).replace(" ", "%20") + "=" + pick(random, HOSTILE).replace(" ", "%20");
        }
        StringBuilder request = new StringBuilder();
        if (random.nextInt(4) == 0) {
            method = pick(random, new String[] {"POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"});
        }
        request.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        request.append("Host: localhost\r\n");
        if (random.nextInt(5) != 0) {
            request.append("Authorization: ").append(token).append("\r\n");
        }
        for (int h = random.nextInt(4); h > 0; h--) {
            request.append(pick(random, HEADER_NAMES)).append(": ").append(pick(random, HEADER_VALUES)).append("\r\n");
        }
        String body = random.nextBoolean() ? "" : pick(random, new String[] {
            "{", "{\"a\":", "[1,2", "\u0000\u0001\u0002", "{\"name\": " + "[".repeat(2000) + "}", "not json at all",
            "{\"id\": \"" + pick(random, HOSTILE) + "\"}"});
        byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        if (!body.isEmpty()) {
            request.append("Content-Type: ").append(pick(random, CONTENT_TYPES)).append("\r\n");
        }
        request.append("Content-Length: ").append(bodyBytes.length).append("\r\n");
        request.append("Connection: close\r\n\r\n").append(body);
        return request.toString();
    }

    private static void check(String request) throws IOException {
        String response;
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            try {
                socket.getInputStream().transferTo(received);
            } catch (SocketException reset) {
                // A connection the gateway closed on a request it would not parse is an acceptable answer.
            }
            response = received.toString(StandardCharsets.UTF_8);
        }
        if (response.isEmpty()) {
            return;
        }
        String statusLine = response.lines().findFirst().orElse("");
        assertTrue(statusLine.matches("HTTP/1\\.1 [1-4]\\d\\d.*"), "status " + statusLine + " for\n" + abbreviate(request));
        assertFalse(response.contains("Exception") || response.contains("\tat ") || response.contains("at io.")
                || response.contains("at java."), "stack trace in\n" + abbreviate(response));
    }

    private static String abbreviate(String text) {
        return text.length() > 600 ? text.substring(0, 600) + "..." : text;
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
