package id.atensi.gateway.limits;

import id.atensi.gateway.support.FakeServicesResource;
import id.atensi.gateway.support.RawHttp;
import id.atensi.gateway.support.TestKeys;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The declared length is over the 10 MB limit and no body follows: the gateway must answer from the headers
 * alone (a client that streams 11 MB into a closing connection would see a reset instead of the answer).
 */
@QuarkusTest
@WithTestResource(FakeServicesResource.class)
class BodySizeLimitTest {

    @Test
    void bodyOverTheLimitGetsPayloadTooLargeProblem() throws IOException {
        String response = exchange("POST /api/v1/beneficiaries HTTP/1.1\r\n"
                + "Host: localhost\r\n"
                + "Authorization: " + TestKeys.bearer(TestKeys.admin()) + "\r\n"
                + "X-Request-Id: big-1\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + (11 * 1024 * 1024) + "\r\n\r\n");
        assertProblem(response);
    }

    @Test
    void limitHoldsBeforeAuthenticationToo() throws IOException {
        String response = exchange("PUT /api/v1/households/1 HTTP/1.1\r\n"
                + "Host: localhost\r\n"
                + "X-Request-Id: big-1\r\n"
                + "Content-Length: " + (50L * 1024 * 1024) + "\r\n\r\n");
        assertProblem(response);
    }

    @Test
    void chunkedBodyIsCountedOnItsWayToTheService() throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/beneficiaries/imports HTTP/1.1\r\n"
                    + "Host: localhost\r\n"
                    + "Authorization: " + TestKeys.bearer(TestKeys.admin()) + "\r\n"
                    + "X-Request-Id: big-1\r\n"
                    + "Content-Type: text/csv\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            // 10 MB and one chunk more; the last chunk of the body is never sent, the gateway must not wait for it.
            RawHttp.writeChunks(out, 10 * 16 + 1);
            out.flush();
            assertProblem(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void chunkedBodyUnderTheLimitGoesThrough() {
        byte[] body = new byte[512 * 1024];
        java.util.Arrays.fill(body, (byte) 'y');
        io.restassured.RestAssured.given()
                .header("Authorization", TestKeys.bearer(TestKeys.admin()))
                .contentType("text/csv")
                .body(new java.io.ByteArrayInputStream(body))
                .when().post("/api/v1/beneficiaries/imports")
                .then().statusCode(201)
                .header("X-Content-Type-Options", "nosniff")
                .body("bodyLength", org.hamcrest.Matchers.equalTo(body.length))
                .body("headers.transfer-encoding", org.hamcrest.Matchers.equalTo("chunked"));
    }

    @Test
    void clientExpectingContinueGetsItAndTheServiceGetsTheBody() throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/beneficiaries HTTP/1.1\r\n"
                    + "Host: localhost\r\n"
                    + "Authorization: " + TestKeys.bearer(TestKeys.admin()) + "\r\n"
                    + "Content-Type: application/json\r\n"
                    + "Expect: 100-continue\r\n"
                    + "Content-Length: 11\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            // Nothing of the body is sent before the interim answer; a gateway that never sends it times out here.
            RawHttp.awaitContinue(in);
            out.write("{\"a\":\"bc\"}".getBytes(StandardCharsets.US_ASCII));
            out.write(("GET /api/v1/beneficiaries/1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + "Authorization: " + TestKeys.bearer(TestKeys.admin()) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String rest = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(rest.startsWith("HTTP/1.1 201"), rest);
            assertTrue(rest.contains("\"bodyLength\":11"), rest);
            assertTrue(!rest.contains("\"expect\""), "Expect is not passed on: " + rest);
        }
    }

    private static void assertProblem(String response) {
        assertTrue(response.startsWith("HTTP/1.1 413"), response);
        String lower = response.toLowerCase();
        assertTrue(lower.contains("content-type: application/problem+json"), response);
        assertTrue(lower.contains("x-request-id: big-1"), response);
        assertTrue(lower.contains("connection: close"), response);
        JsonObject body = new JsonObject(response.substring(response.indexOf("\r\n\r\n") + 4));
        assertEquals("payload-too-large", body.getString("code"));
        assertEquals("urn:atensi:problem:payload-too-large", body.getString("type"));
        assertEquals(413, body.getInteger("status"));
        assertEquals("big-1", body.getString("requestId"));
    }

    private static String exchange(String head) throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            // The gateway closes the connection after the answer: read to the end.
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
