package id.atensi.gateway.request;

import id.atensi.gateway.support.FakeServicesResource;
import id.atensi.gateway.support.TestKeys;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests the HTTP layer cannot take as they are, sent byte for byte over a raw socket: each gets a
 * problem+json answer that names no exception, from the gateway itself (the services never see them).
 */
@QuarkusTest
@WithTestResource(FakeServicesResource.class)
class UnparseableRequestsTest {

    private static final String TOKEN = "Authorization: " + TestKeys.bearer(TestKeys.admin()) + "\r\n";

    @Test
    void rawUtf8InThePathIsRefusedInsteadOfReachingTheServiceReEncoded() throws IOException {
        // The request the fuzz test's cases [27] and [75] sent: Netty reads each byte as a character, the client
        // to the service wrote those characters as UTF-8, and the service's HTTP server answered with an HTML page
        // naming URISyntaxException.
        Answer answer = send(("OPTIONS /api/v1/beneficiaries/\u00e9\u4e2d HTTP/1.1\r\nHost: localhost\r\n" + TOKEN + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        answer.assertProblem(400, "malformed-request");
        assertTrue(answer.problem().getString("detail").contains("ASCII"), answer.text());
        assertFalse(answer.problem().containsKey("instance"), "no path is repeated from a target that cannot be read");
        assertNotNull(answer.header("x-request-id"));
        assertEquals("nosniff", answer.header("x-content-type-options"));
    }

    @Test
    void rawUtf8InTheQueryIsRefused() throws IOException {
        send(("GET /api/v1/partners?%ff%fe=\u00e9\u4e2d HTTP/1.1\r\nHost: localhost\r\n" + TOKEN + "\r\n")
                .getBytes(StandardCharsets.UTF_8)).assertProblem(400, "malformed-request");
    }

    @Test
    void targetsJavaNetUriCannotParseAreProblemsNotQuarkusEmptyAnswers() throws IOException {
        for (String target : new String[] {"/api/v1/beneficiaries/%zz", "/api/v1/beneficiaries/%", "/api/v1/beneficiaries/{id}",
                "/api/v1/beneficiaries/a|b", "/api/v1/beneficiaries/%u0000", "/api/v1/beneficiaries/a\\b", "/q/health%zz"}) {
            Answer answer = send(ascii("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n" + TOKEN + "\r\n"));
            answer.assertProblem(400, "malformed-request");
            assertTrue(answer.problem().getString("detail").contains("RFC 3986"), target + ": " + answer.text());
        }
    }

    @Test
    void aFragmentInTheTargetIsRefused() throws IOException {
        send(ascii("GET /api/v1/beneficiaries/1#top HTTP/1.1\r\nHost: localhost\r\n" + TOKEN + "\r\n"))
                .assertProblem(400, "malformed-request");
    }

    @Test
    void aTargetThatIsNotAPathIsRefused() throws IOException {
        for (String target : new String[] {"*", "api/v1/beneficiaries", "ftp://example/api/v1/beneficiaries"}) {
            Answer answer = send(ascii("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n" + TOKEN + "\r\n"));
            answer.assertProblem(400, "malformed-request");
            assertTrue(answer.problem().getString("detail").contains("path starting with '/'"), target + ": " + answer.text());
        }
    }

    @Test
    void aRequestWithoutHostIsAProblemWithoutTheExceptionVertxRaised() throws IOException {
        Answer answer = send(ascii("GET /api/v1/beneficiaries/1 HTTP/1.1\r\n" + TOKEN + "\r\n"));
        answer.assertProblem(400, "malformed-request");
        assertEquals("An HTTP/1.1 request needs a Host header.", answer.problem().getString("detail"));
        assertNotNull(answer.header("x-request-id"), "an id even though no filter ran");
        assertEquals("DENY", answer.header("x-frame-options"));
    }

    @Test
    void aRequestLineOverTheLimitIs414() throws IOException {
        Answer answer = send(ascii("GET /api/v1/beneficiaries/" + "a".repeat(5000) + " HTTP/1.1\r\nHost: localhost\r\n" + TOKEN + "\r\n"));
        answer.assertProblem(414, "uri-too-long");
        assertFalse(answer.problem().containsKey("instance"), "a path too long to take is not echoed");
    }

    @Test
    void headersOverTheLimitAre431() throws IOException {
        send(ascii("GET /api/v1/beneficiaries/1 HTTP/1.1\r\nHost: localhost\r\n" + TOKEN + "X-Big: " + "a".repeat(20_000)
                + "\r\n\r\n")).assertProblem(431, "request-header-fields-too-large");
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            many.append("X-Header-").append(i).append(": ").append("v".repeat(40)).append("\r\n");
        }
        send(ascii("GET /api/v1/beneficiaries/1 HTTP/1.1\r\nHost: localhost\r\n" + TOKEN + many + "\r\n"))
                .assertProblem(431, "request-header-fields-too-large");
    }

    @Test
    void aPathNoRouteServesIsANotFoundProblem() throws IOException {
        send(ascii("GET /nothing/here HTTP/1.1\r\nHost: localhost\r\n" + TOKEN + "\r\n")).assertProblem(404, "not-found");
    }

    @Test
    void aMethodTheGatewaysOwnEndpointDoesNotTakeIsAMethodNotAllowedProblem() throws IOException {
        send(ascii("DELETE /q/openapi HTTP/1.1\r\nHost: localhost\r\n" + TOKEN + "\r\n")).assertProblem(405, "method-not-allowed");
    }

    /**
     * What Netty's codec cannot decode at all (no request line, a header without a colon or with a space in its
     * name, a Content-Length that is not a number, a control character) never reaches anything the gateway can
     * hook into: Quarkus 3.31 creates the HTTP server without letting an application set Vert.x's
     * invalidRequestHandler. The answer is Vert.x's: a status with an empty body, then the connection closed.
     * This pins that it stays that way, with nothing in it to name an exception or show a page.
     */
    @Test
    void requestsNettyCannotDecodeGetABareStatusWithNothingInIt() throws IOException {
        for (String request : new String[] {
                "GARBAGE\r\n\r\n",
                "GET /api/v1/beneficiaries/1 HTTP/1.1\r\nHost: localhost\r\nNoColon\r\n\r\n",
                "GET /api/v1/beneficiaries/1 HTTP/1.1\r\nHost: localhost\r\nBad Name: x\r\n\r\n",
                "POST /api/v1/beneficiaries HTTP/1.1\r\nHost: localhost\r\nContent-Length: abc\r\n\r\n",
                "GET /api/v1/beneficiaries/1 HTTP/1.1\r\nHost: localhost\r\nX-Control: a\u0001b\r\n\r\n"}) {
            Answer answer = send(ascii(request));
            assertTrue(answer.text().matches("HTTP/1\\.[01] 400 Bad Request\r\n(?s).*"), request + " -> " + answer.text());
            assertTrue(answer.body().isEmpty(), request + " -> " + answer.text());
        }
    }

    private static byte[] ascii(String request) {
        return request.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Answer send(byte[] request) throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request);
            socket.shutdownOutput();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            try {
                socket.getInputStream().transferTo(received);
            } catch (SocketException reset) {
                // What arrived before a reset is the answer.
            }
            return new Answer(received.toString(StandardCharsets.UTF_8));
        }
    }

    private record Answer(String text) {

        String head() {
            int end = text.indexOf("\r\n\r\n");
            return end < 0 ? text : text.substring(0, end);
        }

        String body() {
            int end = text.indexOf("\r\n\r\n");
            return end < 0 ? "" : text.substring(end + 4);
        }

        String header(String name) {
            for (String line : head().split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }

        JsonObject problem() {
            return new JsonObject(body());
        }

        void assertProblem(int status, String code) {
            assertTrue(text.startsWith("HTTP/1.1 " + status + " "), text);
            assertEquals("application/problem+json", header("content-type"), text);
            assertFalse(text.contains("Exception") || text.toLowerCase(Locale.ROOT).contains("<h1>"), text);
            assertEquals(status, problem().getInteger("status"), text);
            assertEquals(code, problem().getString("code"), text);
        }
    }
}
