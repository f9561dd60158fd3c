package id.atensi.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The check against a JDK HTTP server standing in for Keycloak's JWKS endpoint, and a port where nothing listens. */
class IdentityProviderHealthCheckTest {

    private static final String JWKS = "{\"keys\": [{\"kid\": \"k1\", \"kty\": \"RSA\", \"alg\": \"RS256\", \"n\": \"AQAB\", \"e\": \"AQAB\"}]}";

    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aKeySetAnsweredIsReachable() throws IOException {
        String location = serve(200, JWKS);

        assertEquals("reachable", stateOf(check(location).call().await().atMost(Duration.ofSeconds(5))));
    }

    @Test
    void probesAreReusedForAFewSecondsSoThatReadinessDoesNotHammerTheIdentityProvider() throws IOException {
        IdentityProviderHealthCheck check = check(serve(200, JWKS));

        for (int i = 0; i < 5; i++) {
            assertEquals("reachable", stateOf(check.call().await().atMost(Duration.ofSeconds(5))));
        }
        assertEquals(1, requests.get());
    }

    @Test
    void aClosedPortIsUnreachableAndStillUp() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        HealthCheckResponse response = check("http://127.0.0.1:" + port + "/realms/atensi/protocol/openid-connect/certs")
                .call().await().atMost(Duration.ofSeconds(5));

        assertEquals(HealthCheckResponse.Status.UP, response.getStatus());
        assertEquals("unreachable: connection refused", stateOf(response));
    }

    @Test
    void anErrorStatusOrAnAnswerWithoutKeysIsUnreachable() throws IOException {
        assertEquals("unreachable: HTTP 503", stateOf(check(serve(503, "starting")).call().await().atMost(Duration.ofSeconds(5))));
        stopServer();
        assertEquals("unreachable: the answer holds no keys", stateOf(check(serve(200, "{\"keys\": []}")).call().await().atMost(Duration.ofSeconds(5))));
        stopServer();
        assertEquals("unreachable: the answer is not a JSON Web Key Set",
                stateOf(check(serve(200, "<html>")).call().await().atMost(Duration.ofSeconds(5))));
    }

    @Test
    void keysReadFromAFileAreNotProbed() {
        HealthCheckResponse response = check("file:/etc/atensi/jwt-public.pem").call().await().atMost(Duration.ofSeconds(5));

        assertEquals(HealthCheckResponse.Status.UP, response.getStatus());
        assertEquals("not probed: the keys are read from a file", stateOf(response));
    }

    private static IdentityProviderHealthCheck check(String location) {
        return new IdentityProviderHealthCheck(location, new ObjectMapper());
    }

    private static String stateOf(HealthCheckResponse response) {
        assertEquals(HealthCheckResponse.Status.UP, response.getStatus());
        return response.getData().orElseThrow().get(IdentityProviderHealthCheck.STATE).toString();
    }

    /** Serves {@code body} with {@code status} at the realm's JWKS path; the location to probe. */
    private String serve(int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/realms/atensi/protocol/openid-connect/certs", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/atensi/protocol/openid-connect/certs";
    }
}
