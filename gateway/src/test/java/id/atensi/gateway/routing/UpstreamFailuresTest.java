package id.atensi.gateway.routing;

import id.atensi.gateway.support.TestKeys;
import id.atensi.gateway.support.UpstreamFailuresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the caller gets when the service behind the gateway fails: 503 with Retry-After when it cannot be
 * reached (from the first request on), 504 when it does not answer in time, 502 when what it answers is not
 * a usable HTTP answer. Beneficiary is a port where nothing listens; partner a raw socket server that
 * misbehaves as the path's last segment says (see RawUpstream).
 */
@QuarkusTest
@WithTestResource(UpstreamFailuresResource.class)
class UpstreamFailuresTest {

    private static final int OPEN_SECONDS = Integer.parseInt(UpstreamFailuresResource.OPEN_DURATION_SECONDS);

    @Test
    void aServiceThatRefusesConnectionsIsUnavailableFromTheFirstRequestWithRetryAfter() {
        Response first = call("/api/v1/beneficiaries/1");
        first.then().statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:atensi:problem:unavailable"))
                .body("code", equalTo("unavailable"))
                .body("status", equalTo(503))
                .body("detail", equalTo("The beneficiary service is not accepting connections."));
        assertEquals(String.valueOf(OPEN_SECONDS), first.header("Retry-After"));

        // Known to be down now: answered at once from the open circuit, with the time left.
        Response next = call("/api/v1/households/1");
        next.then().statusCode(503).contentType("application/problem+json").body("code", equalTo("unavailable"));
        long retryAfter = Long.parseLong(next.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= OPEN_SECONDS, "Retry-After " + retryAfter);
    }

    @Test
    void aServiceThatHangsIsAGatewayTimeout() {
        call("/api/v1/partners/hang").then().statusCode(504)
                .contentType("application/problem+json")
                .body("code", equalTo("gateway-timeout"))
                .body("detail", equalTo("The partner service did not answer in time."));
    }

    @Test
    void aServiceThatAnswersSomethingOtherThanHttpIsABadGateway() {
        call("/api/v1/partners/garbage").then().statusCode(502)
                .contentType("application/problem+json")
                .body("code", equalTo("bad-gateway"))
                .body("detail", equalTo("The partner service did not give a usable answer."))
                .header("Retry-After", (String) null);
    }

    @Test
    void aServiceThatClosesTheConnectionWithoutAnsweringIsABadGateway() {
        call("/api/v1/partners/close").then().statusCode(502).contentType("application/problem+json")
                .body("code", equalTo("bad-gateway"));
    }

    @Test
    void aServiceThatBreaksOffInTheMiddleOfItsHeadIsABadGateway() {
        call("/api/v1/partners/half-head").then().statusCode(502).contentType("application/problem+json")
                .body("code", equalTo("bad-gateway"));
    }

    @Test
    void aServiceThatBreaksOffInTheMiddleOfItsBodyLeavesTheCallerACutAnswer() throws IOException {
        // The status line is on its way by then: the only honest signal left is an answer cut short, never a
        // complete-looking one.
        String answer = raw("GET /api/v1/partners/cut-body HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                + TestKeys.bearer(TestKeys.admin()) + "\r\nConnection: close\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        int bodyStart = answer.indexOf("\r\n\r\n") + 4;
        assertTrue(answer.toLowerCase().contains("content-length: 100"), answer);
        assertTrue(answer.length() - bodyStart < 100, "the answer must end short of its 100 bytes: " + answer);
    }

    @Test
    void aServiceErrorPageIsRelayedAsAProblemWithItsStatus() {
        call("/api/v1/partners/html-error").then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("malformed-request"))
                .body("status", equalTo(400))
                .body(not(containsString("Exception")))
                .body(not(containsString("<h1>")));
    }

    @Test
    void aServiceThatAnswersWellIsRelayed() {
        call("/api/v1/partners/fine").then().statusCode(200).body("ok", equalTo(true));
    }

    private static Response call(String path) {
        return given().header("Authorization", TestKeys.bearer(TestKeys.admin())).when().get(path);
    }

    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            try {
                socket.getInputStream().transferTo(received);
            } catch (SocketException reset) {
                // A reset is how the cut shows; what arrived before it is the answer.
            }
            return received.toString(StandardCharsets.UTF_8);
        }
    }
}
