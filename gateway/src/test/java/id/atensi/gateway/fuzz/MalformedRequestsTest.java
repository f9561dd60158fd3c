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
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generated malformed requests against every operation of the merged OpenAPI document (as the gateway sees
 * it, here from the fake services): hostile path parameters, queries, headers and bodies, sent over a raw
 * socket so that nothing is cleaned up on the client side. The gateway must never answer 5xx, never show a
 * stack trace or an exception's name, and must answer every 4xx with problem+json. Each case has a seed of its
 * own, derived from the fixed seed, the operation and the case number, and the operations are taken in sorted
 * order: the cases are the same on every machine, and a failure names the seed and the whole request. Not
 * jqwik (its engine does not run @QuarkusTest).
 */
@QuarkusTest
@WithTestResource(FakeServicesResource.class)
class MalformedRequestsTest {

    private static final long SEED = 20261123L;
    private static final int CASES_PER_OPERATION = 25;
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

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
    List<DynamicTest> noServerErrorNoStackTraceAndProblemsForMalformedRequests() {
        JsonObject document = new JsonObject(given().when().get("/q/openapi").then().statusCode(200).extract().asString());
        JsonObject paths = document.getJsonObject("paths");
        assertFalse(paths.isEmpty(), "operations to fuzz");
        String token = TestKeys.bearer(TestKeys.admin());
        List<DynamicTest> tests = new ArrayList<>();
        // Sorted: the order of a JSON object's members is whatever the document's producers made it.
        for (String path : new TreeSet<>(paths.fieldNames())) {
            for (String method : new TreeSet<>(paths.getJsonObject(path).fieldNames())) {
                if (!HTTP_METHODS.contains(method)) {
                    continue;
                }
                for (int i = 0; i < CASES_PER_OPERATION; i++) {
                    long seed = caseSeed(method, path, i);
                    String request = generate(new Random(seed), method.toUpperCase(Locale.ROOT), path, token);
                    tests.add(DynamicTest.dynamicTest(method + " " + path + " #" + i + " (seed " + seed + ")",
                            () -> check(seed, request)));
                }
            }
        }
        return tests;
    }

    /** String.hashCode is specified, so the seed of a case is the same on every JVM. */
    static long caseSeed(String method, String path, int caseNumber) {
        return (SEED * 31 + (method + " " + path).hashCode()) * 31 + caseNumber;
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

    private static void check(long seed, String request) throws IOException {
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
        String failureCase = "\nseed " + seed + ", request:\n" + printable(request) + "\nanswer:\n" + abbreviate(response);
        // Interim answers (100 Continue) come before the real one.
        while (response.startsWith("HTTP/1.1 1")) {
            int end = response.indexOf("\r\n\r\n");
            response = end < 0 ? "" : response.substring(end + 4);
        }
        if (response.isEmpty()) {
            return;
        }
        String statusLine = response.lines().findFirst().orElse("");
        assertTrue(statusLine.matches("HTTP/1\\.1 [2-4]\\d\\d.*"), "status " + statusLine + failureCase);
        assertFalse(response.contains("Exception") || response.contains("\tat ") || response.contains("at io.")
                || response.contains("at java."), "an exception in the answer" + failureCase);
        int status = Integer.parseInt(statusLine.substring(9, 12));
        if (status >= 400) {
            int headEnd = response.indexOf("\r\n\r\n");
            assertTrue(headEnd > 0, "no end of the head" + failureCase);
            String head = response.substring(0, headEnd).toLowerCase(Locale.ROOT);
            assertTrue(head.contains("\r\ncontent-type: application/problem+json"), "a " + status + " without problem+json" + failureCase);
            if (!request.startsWith("HEAD ")) {
                JsonObject problem = new JsonObject(response.substring(headEnd + 4));
                assertEquals(status, problem.getInteger("status"), "the problem's status" + failureCase);
            }
        }
    }

    /**
     * The whole request as Java would spell it: control and non-ASCII characters escaped, line ends shown, and a
     * run of one character written once with its count ({@code a<3000 times>}) so that the case stays readable.
     */
    static String printable(String text) {
        StringBuilder printable = new StringBuilder();
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            int run = 1;
            while (i + run < text.length() && text.charAt(i + run) == c) {
                run++;
            }
            int written = run >= 20 ? 1 : run;
            for (int n = 0; n < written; n++) {
                if (c == '\n') {
                    printable.append("\\n\n");
                } else if (c == '\r') {
                    printable.append("\\r");
                } else if (c < 0x20 || c > 0x7e) {
                    printable.append(String.format("\\u%04x", (int) c));
                } else {
                    printable.append(c);
                }
            }
            if (written < run) {
                printable.append('<').append(run).append(" times>");
            }
            i += run;
        }
        return printable.toString();
    }

    private static String abbreviate(String text) {
        String printable = printable(text);
        return printable.length() > 3000 ? printable.substring(0, 3000) + "..." : printable;
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
