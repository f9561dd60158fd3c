package id.atensi.gateway.routing;

import id.atensi.gateway.support.FakeService;
import id.atensi.gateway.support.ResilienceResource;
import id.atensi.gateway.support.TestKeys;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(ResilienceResource.class)
class ResilienceTest {

    private FakeService service;

    @AfterEach
    void stopService() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void stoppedServiceOpensTheCircuitAtOnceAndIsUsedAgainWhenItIsBack() throws InterruptedException {
        int port = URI.create(ConfigProvider.getConfig().getValue("atensi.gateway.services.beneficiary.url", String.class)).getPort();
        service = FakeService.startOnPort("beneficiary", "{}", port);
        call().then().statusCode(200).body("service", equalTo("beneficiary"));
        assertEquals("0.0", circuitOpenGauge("beneficiary"), "the gauge of a closed circuit");

        // A refused connection leaves no doubt: 503 from the first request, not after failure-threshold (2) of them.
        service.stop();
        Response refused = call();
        refused.then().statusCode(503).body("code", equalTo("unavailable"));
        assertEquals("1", refused.header("Retry-After"));

        // Open: answered at once, the service not asked even though it is back.
        service.restart();
        int callsBefore = service.apiCalls();
        Response open = call();
        open.then().statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:atensi:problem:unavailable"))
                .body("code", equalTo("unavailable"))
                .body("status", equalTo(503));
        long retryAfter = Long.parseLong(open.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 1, "Retry-After " + retryAfter);
        assertEquals(callsBefore, service.apiCalls(), "an open circuit sends nothing to the service");
        assertEquals("1.0", circuitOpenGauge("beneficiary"), "the gauge of an open circuit (alert AtensiGatewayCircuitOpen)");

        // Half-open after the open duration: the trial reaches the service and closes the circuit.
        Thread.sleep(retryAfter * 1000 + 200);
        call().then().statusCode(200).body("service", equalTo("beneficiary"));
        call().then().statusCode(200);
        assertEquals(callsBefore + 2, service.apiCalls());
        assertEquals("0.0", circuitOpenGauge("beneficiary"), "the gauge once the trial closed the circuit");
    }

    /** The value of atensi_gateway_circuit_open for the service, as Prometheus scrapes it. */
    private static String circuitOpenGauge(String service) {
        String prefix = "atensi_gateway_circuit_open{service=\"" + service + "\"} ";
        return given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith(prefix)).map(line -> line.substring(prefix.length()).trim())
                .findFirst().orElseThrow(() -> new AssertionError("no " + prefix.trim() + " in /q/metrics"));
    }

    @Test
    void slowServiceTimesOutAndTimeoutsCountAsFailures() throws InterruptedException {
        int port = URI.create(ConfigProvider.getConfig().getValue("atensi.gateway.services.beneficiary.url", String.class)).getPort();
        service = FakeService.startOnPort("beneficiary", "{}", port);
        // Let a circuit opened by another test close first.
        Thread.sleep(1200);
        call().then().statusCode(200);
        slow().then().statusCode(504).body("code", equalTo("gateway-timeout"));
        slow().then().statusCode(504);
        call().then().statusCode(503).body("code", equalTo("unavailable"));
        Thread.sleep(1200);
        call().then().statusCode(200);
    }

    @Test
    void anonymousClientsAreLimitedByAddress() {
        int passed = 0;
        Response response = null;
        for (int i = 0; i < 10; i++) {
            response = given().when().get("/q/openapi-gateway");
            if (response.statusCode() == 429) {
                break;
            }
            assertEquals(200, response.statusCode());
            passed++;
        }
        assertTrue(passed >= 1 && passed <= 3, passed + " anonymous requests passed");
        response.then().statusCode(429).contentType("application/problem+json")
                .body("code", equalTo("too-many-requests"));
        assertTrue(Long.parseLong(response.header("Retry-After")) >= 1);
    }

    @Test
    void anUnauthenticatedFloodFromOneAddressGets429InsteadOfEndless401s() throws IOException {
        // Addresses of their own: the anonymous bucket of 127.0.0.1 is the other tests' (3 requests per 2 s).
        String flooder = "127.0.0.7";
        int refused = 0;
        String limited = null;
        for (int i = 0; i < 10 && limited == null; i++) {
            String response = rawGet(flooder, "/api/v1/beneficiaries/1", i % 2 == 0 ? null : "Bearer not.a.token");
            if (status(response) == 429) {
                limited = response;
            } else {
                assertEquals(401, status(response), response);
                refused++;
            }
        }
        assertNotNull(limited, "no 429 after 10 requests without a valid token");
        assertTrue(refused >= 1 && refused <= 3, refused + " requests refused with 401 before the limit");
        String head = limited.substring(0, limited.indexOf("\r\n\r\n")).toLowerCase(Locale.ROOT);
        assertTrue(head.contains("\r\ncontent-type: application/problem+json"), head);
        assertTrue(head.matches("(?s).*\r\nretry-after: [12]\r\n.*"), head);
        assertTrue(limited.contains("\"code\":\"too-many-requests\""), limited);

        // A bad token is counted as no token: the address stays limited whatever it sends.
        assertEquals(429, status(rawGet(flooder, "/api/v1/beneficiaries/1", "Bearer not.a.token")));
        // Another address is not affected; a valid token is counted by its subject, not by the address.
        assertEquals(401, status(rawGet("127.0.0.8", "/api/v1/beneficiaries/1", null)));
        assertEquals(404, status(rawGet(flooder, "/api/v9/unrouted", TestKeys.bearer(TestKeys.admin()))));
    }

    @Test
    void healthProbesAreNotLimited() {
        // Anonymous callers get 3 requests per 2 s here; probes are not counted.
        for (int i = 0; i < 8; i++) {
            given().when().get("/q/health/live").then().statusCode(200);
        }
    }

    /** A request sent from a chosen loopback address, which the gateway sees as the client's address. */
    private static String rawGet(String fromAddress, String path, String authorization) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(fromAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", RestAssured.port), 5000);
            socket.setSoTimeout(10_000);
            String request = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int status(String response) {
        return Integer.parseInt(response.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
    }

    private static Response call() {
        return given().header("Authorization", TestKeys.bearer(TestKeys.admin())).when().get("/api/v1/beneficiaries/1");
    }

    private static Response slow() {
        return given().header("Authorization", TestKeys.bearer(TestKeys.admin())).when().get("/api/v1/beneficiaries/slow");
    }
}
