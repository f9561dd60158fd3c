package id.atensi.gateway.routing;

import id.atensi.gateway.security.CorsTest;
import id.atensi.gateway.security.VerifiedIdentities;
import id.atensi.gateway.support.FakeServicesResource;
import id.atensi.gateway.support.RawHttp;
import id.atensi.gateway.support.TestKeys;
import id.atensi.local.Tokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests whose token the gateway has verified before skip Quarkus' authentication chain (KnownTokenForwarding).
 * Each test sends a fresh token once, checks that it is now known, and then requires of the repeated requests
 * exactly what the chain gives: forwarding with the gateway's headers, the refusals (401, 403, 404, CORS' 403),
 * and no identity for any other token text.
 */
@QuarkusTest
@WithTestResource(FakeServicesResource.class)
class KnownTokenForwardingTest {

    private static final String API_PATH = "/api/v1/beneficiaries/0b0d1b52-5f43-4c4b-9a43-0b0e6b4b7a11";

    @Inject
    VerifiedIdentities identities;

    @Inject
    MeterRegistry registry;

    @Inject
    JWTAuthContextInfo verifier;

    private double takenPastTheChain() {
        return registry.get("atensi.gateway.known.token.requests").counter().count();
    }

    private String knownToken(String subject, String role) {
        String token = new Tokens(TestKeys.keys()).mint(subject, Set.of(role), Tokens.Scope.none(), Duration.ofMinutes(5));
        assertNull(identities.find(token), "a token never sent is not known");
        given().header("Authorization", TestKeys.bearer(token)).when().get(API_PATH);
        assertNotNull(identities.find(token), "the token is known after its first request");
        return token;
    }

    /**
     * The bound docs/operations.md states for a disabled client's tokens (their lifetime plus 60 s) holds at the gateway
     * too: its verifier, configured apart from the services', allows 60 s of clock skew.
     */
    @Test
    void theGatewayVerifiesTokensWithTheDocumentedSixtySecondsOfClockSkew() {
        assertEquals(60, verifier.getClockSkew());
    }

    @Test
    void aKnownTokensRequestIsForwardedWithTheGatewaysHeaders() {
        String token = knownToken("known-" + UUID.randomUUID(), "officer");
        assertTrue(identities.find(token).admittedEverywhere());
        double takenBefore = takenPastTheChain();
        given().header("Authorization", TestKeys.bearer(token))
                .header("X-Request-Id", "known-token-1")
                .when().get(API_PATH + "?page=2")
                .then().statusCode(200)
                .header("X-Request-Id", "known-token-1")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
                .body("service", equalTo("beneficiary"))
                .body("path", equalTo(API_PATH))
                .body("query", equalTo("page=2"))
                .body("headers.authorization", equalTo("Bearer " + token))
                .body("headers.x-request-id", equalTo("known-token-1"))
                .body("headers.traceparent", matchesPattern("00-[0-9a-f]{32}-[0-9a-f]{16}-01"))
                .body("headers.x-forwarded-proto", equalTo("http"))
                .body("headers.x-forwarded-for", not(emptyOrNullString()));
        assertEquals(takenBefore + 1, takenPastTheChain(), "the known token's request was forwarded past the chain");
    }

    @Test
    void aKnownTokenWithoutAPlatformRoleIsStillForbidden() {
        String token = knownToken("guest-" + UUID.randomUUID(), "guest");
        assertFalse(identities.find(token).admittedEverywhere());
        double takenBefore = takenPastTheChain();
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", TestKeys.bearer(token))
                    .when().get(API_PATH)
                    .then().statusCode(403)
                    .contentType("application/problem+json")
                    .header("X-Request-Id", not(emptyOrNullString()))
                    .body("code", equalTo("forbidden"));
        }
        assertEquals(takenBefore, takenPastTheChain(), "a role without a platform permission goes through the chain");
    }

    @Test
    void noOtherTokenTextIsTakenForAKnownOne() {
        String token = knownToken("viewer-" + UUID.randomUUID(), "viewer");
        String[] parts = token.split("\\.");
        JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        claims.put("groups", List.of("admin")).put("sub", "someone-else");
        String samesignature = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        String otherSignature = parts[0] + "." + parts[1] + "." + (parts[2].charAt(0) == 'A' ? 'B' : 'A') + parts[2].substring(1);
        for (String forged : List.of(samesignature, otherSignature, token + "x", token.substring(1))) {
            assertNull(identities.find(forged));
            given().header("Authorization", TestKeys.bearer(forged))
                    .when().get(API_PATH)
                    .then().statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                    .body("code", equalTo("unauthenticated"));
        }
        given().header("Authorization", TestKeys.bearer(token)).when().get(API_PATH).then().statusCode(200);
    }

    @Test
    void aKnownTokenOnAPathNoServiceServesGetsNotFound() {
        String token = knownToken("unrouted-" + UUID.randomUUID(), "admin");
        given().header("Authorization", TestKeys.bearer(token))
                .when().get("/api/v1/nothing-here/1")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("not-found"));
    }

    @Test
    void aKnownTokenFromAForeignOriginIsStillRefusedByCors() {
        String token = knownToken("cors-" + UUID.randomUUID(), "admin");
        given().header("Authorization", TestKeys.bearer(token))
                .header("Origin", "https://elsewhere.example")
                .when().get(API_PATH)
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("code", equalTo("forbidden"));
        given().header("Authorization", TestKeys.bearer(token))
                .header("Origin", CorsTest.ALLOWED_ORIGIN)
                .when().get(API_PATH)
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", CorsTest.ALLOWED_ORIGIN);
    }

    @Test
    void aKnownTokensRequestIsTaggedByItsRouteInTheMetrics() {
        String token = knownToken("metrics-" + UUID.randomUUID(), "admin");
        String id = "9c1e6f2a-3b4d-4e5f-8a6b-7c8d9e0f1a2b";
        given().header("Authorization", TestKeys.bearer(token))
                .when().get("/api/v1/service-units/" + id)
                .then().statusCode(200);
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("uri=\"/api/v1/service-units/{path}\""))
                .body(not(containsString(id)));
    }

    @Test
    void aKnownTokensBodiesStreamToTheService() {
        String token = knownToken("bodies-" + UUID.randomUUID(), "officer");
        given().header("Authorization", TestKeys.bearer(token))
                .contentType("application/json").body("{\"name\":\"Siti\"}")
                .when().post("/api/v1/beneficiaries")
                .then().statusCode(201)
                .body("method", equalTo("POST"))
                .body("body", equalTo("{\"name\":\"Siti\"}"));
        byte[] body = new byte[512 * 1024];
        Arrays.fill(body, (byte) 'y');
        given().header("Authorization", TestKeys.bearer(token))
                .contentType("text/csv").body(new ByteArrayInputStream(body))
                .when().post("/api/v1/beneficiaries/imports")
                .then().statusCode(201)
                .body("bodyLength", equalTo(body.length))
                .body("headers.transfer-encoding", equalTo("chunked"));
    }

    @Test
    void aKnownTokensChunkedBodyOverTheLimitIsCutOffWithPayloadTooLarge() throws IOException {
        String token = knownToken("big-" + UUID.randomUUID(), "admin");
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/beneficiaries/imports HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + TestKeys.bearer(token)
                    + "\r\nContent-Type: text/csv\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            RawHttp.writeChunks(out, 10 * 16 + 1);
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 413"), response);
            assertTrue(response.toLowerCase().contains("content-type: application/problem+json"), response);
            assertTrue(response.contains("\"code\":\"payload-too-large\""), response);
        }
    }

    @Test
    void aKnownTokenExpectingContinueGetsItAndTheServiceGetsTheBody() throws IOException {
        String token = knownToken("continue-" + UUID.randomUUID(), "admin");
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/beneficiaries HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + TestKeys.bearer(token)
                    + "\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: 11\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            RawHttp.awaitContinue(in);
            out.write("{\"a\":\"bcd\"}".getBytes(StandardCharsets.US_ASCII));
            out.write(("GET " + API_PATH + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nAuthorization: "
                    + TestKeys.bearer(token) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String rest = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(rest.startsWith("HTTP/1.1 201"), rest);
            assertTrue(rest.contains("\"bodyLength\":11"), rest);
            assertFalse(rest.contains("\"expect\""), rest);
            // the body ended where its length said: the request after it on the connection is read and answered whole
            int second = rest.indexOf("HTTP/1.1 ", 1);
            assertTrue(second > 0 && rest.startsWith("HTTP/1.1 200", second), rest);
            assertTrue(rest.contains("\"path\":\"" + API_PATH + "\""), rest);
        }
    }
}
