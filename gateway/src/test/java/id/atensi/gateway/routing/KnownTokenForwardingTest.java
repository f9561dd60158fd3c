package id.atensi.gateway.routing;

import id.atensi.gateway.security.CorsTest;
import id.atensi.gateway.security.VerifiedIdentities;
import id.atensi.gateway.support.FakeServicesResource;
import id.atensi.gateway.support.TestKeys;
import id.atensi.local.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
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

    private String knownToken(String subject, String role) {
        String token = new Tokens(TestKeys.keys()).mint(subject, Set.of(role), Tokens.Scope.none(), Duration.ofMinutes(5));
        assertNull(identities.find(token), "a token never sent is not known");
        given().header("Authorization", TestKeys.bearer(token)).when().get(API_PATH);
        assertNotNull(identities.find(token), "the token is known after its first request");
        return token;
    }

    @Test
    void aKnownTokensRequestIsForwardedWithTheGatewaysHeaders() {
        String token = knownToken("known-" + UUID.randomUUID(), "officer");
        assertTrue(identities.find(token).admittedEverywhere());
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
    }

    @Test
    void aKnownTokenWithoutAPlatformRoleIsStillForbidden() {
        String token = knownToken("guest-" + UUID.randomUUID(), "guest");
        assertFalse(identities.find(token).admittedEverywhere());
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", TestKeys.bearer(token))
                    .when().get(API_PATH)
                    .then().statusCode(403)
                    .contentType("application/problem+json")
                    .header("X-Request-Id", not(emptyOrNullString()))
                    .body("code", equalTo("forbidden"));
        }
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
}
