package id.atensi.gateway.security;

import id.atensi.gateway.support.FakeServicesResource;
import id.atensi.gateway.support.TestKeys;
import id.atensi.local.SigningKeys;
import id.atensi.local.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.vertx.core.json.JsonObject;

import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.time.Duration;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;

@QuarkusTest
@WithTestResource(FakeServicesResource.class)
class AuthenticationTest {

    private static final String API_PATH = "/api/v1/beneficiaries/0b0d1b52-5f43-4c4b-9a43-0b0e6b4b7a11";

    @Test
    void requestWithoutTokenGetsProblemAndBearerChallenge() {
        given()
                .when().get(API_PATH)
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .header("X-Request-Id", not(emptyOrNullString()))
                .body("type", equalTo("urn:atensi:problem:unauthenticated"))
                .body("code", equalTo("unauthenticated"))
                .body("status", equalTo(401));
    }

    @Test
    void tokenSignedWithAnotherKeyIsRejected(@TempDir Path otherKeys) {
        String forged = new Tokens(SigningKeys.inDirectory(otherKeys)).mint("intruder", Set.of("admin"), Tokens.Scope.none(), Duration.ofMinutes(5));
        given().header("Authorization", TestKeys.bearer(forged))
                .when().get(API_PATH)
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                .body("code", equalTo("unauthenticated"));
    }

    @Test
    void expiredTokenIsRejected() {
        String expired = new Tokens(TestKeys.keys()).mint("late", Set.of("admin"), Tokens.Scope.none(), Duration.ofMinutes(-10));
        given().header("Authorization", TestKeys.bearer(expired))
                .when().get(API_PATH)
                .then().statusCode(401)
                .body("code", equalTo("unauthenticated"));
    }

    @Test
    void tokenFromAnotherIssuerIsRejected() {
        String foreign = Jwt.issuer("https://elsewhere.example/issuer").audience(Tokens.AUDIENCE).subject("stranger").upn("stranger")
                .groups(Set.of("admin")).expiresIn(Duration.ofMinutes(5))
                .jws().keyId("atensi-local").sign(TestKeys.keys().privateKey());
        assertRejected(foreign);
    }

    @Test
    void tokenForAnotherAudienceIsRejected() {
        String elsewhere = new Tokens(TestKeys.keys()).mint("admin-elsewhere", Set.of("admin"),
                Tokens.Scope.none().withAudience("another-platform"), Duration.ofMinutes(5));
        assertRejected(elsewhere);
    }

    @Test
    void tokenWithoutAudienceIsRejected() {
        String unaddressed = Jwt.issuer(Tokens.ISSUER).subject("unaddressed").upn("unaddressed")
                .groups(Set.of("admin")).expiresIn(Duration.ofMinutes(5))
                .jws().keyId("atensi-local").sign(TestKeys.keys().privateKey());
        assertRejected(unaddressed);
    }

    @Test
    void unsignedTokenIsRejected() {
        String header = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String payload = base64Url(new JsonObject().put("iss", Tokens.ISSUER).put("aud", Tokens.AUDIENCE).put("sub", "nobody").put("upn", "nobody")
                .put("groups", List.of("admin")).put("exp", Instant.now().plusSeconds(300).getEpochSecond())
                .put("iat", Instant.now().getEpochSecond()).encode());
        assertRejected(header + "." + payload + ".");
        assertRejected(header + "." + payload);
    }

    @Test
    void tamperedPayloadIsRejected() {
        String genuine = new Tokens(TestKeys.keys()).mint("viewer-1", Set.of("viewer"), Tokens.Scope.none(), Duration.ofMinutes(5));
        String[] parts = genuine.split("\\.");
        JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        claims.put("groups", List.of("admin")).put("sub", "admin-1");
        assertRejected(parts[0] + "." + base64Url(claims.encode()) + "." + parts[2]);
    }

    @Test
    void aVerifiedTokenDoesNotVouchForATamperedCopyOfIt() {
        String genuine = new Tokens(TestKeys.keys()).mint("viewer-2", Set.of("viewer"), Tokens.Scope.none(), Duration.ofMinutes(5));
        String[] parts = genuine.split("\\.");
        // The genuine token is verified, and its identity kept, before the copies are sent.
        for (int i = 0; i < 2; i++) {
            given().header("Authorization", TestKeys.bearer(genuine)).when().get(API_PATH).then().statusCode(200);
        }
        JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        claims.put("groups", List.of("admin"));
        assertRejected(parts[0] + "." + base64Url(claims.encode()) + "." + parts[2]);
        char last = parts[2].charAt(parts[2].length() - 2);
        assertRejected(parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 2)
                + (last == 'A' ? 'B' : 'A') + parts[2].charAt(parts[2].length() - 1));
        given().header("Authorization", TestKeys.bearer(genuine)).when().get(API_PATH).then().statusCode(200);
    }

    @Test
    void hs256SignedWithThePublicKeyIsRejected() throws IOException {
        byte[] publicKeyPem = Files.readAllBytes(TestKeys.keys().publicKeyFile());
        String confused = Jwt.issuer(Tokens.ISSUER).audience(Tokens.AUDIENCE).subject("confused").upn("confused").groups(Set.of("admin"))
                .expiresIn(Duration.ofMinutes(5))
                .jws().algorithm(SignatureAlgorithm.HS256).sign(new SecretKeySpec(publicKeyPem, "HmacSHA256"));
        assertRejected(confused);
    }

    private static void assertRejected(String token) {
        given().header("Authorization", TestKeys.bearer(token))
                .when().get(API_PATH)
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                .body("code", equalTo("unauthenticated"));
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void malformedAuthorizationHeaderIsRejected() {
        given().header("Authorization", "Bearer not-a-jwt")
                .when().get(API_PATH)
                .then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void tokenWithoutPlatformRoleIsForbidden() {
        given().header("Authorization", TestKeys.bearer(TestKeys.token("guest")))
                .when().get(API_PATH)
                .then().statusCode(403)
                .contentType("application/problem+json")
                .header("X-Request-Id", not(emptyOrNullString()))
                .body("type", equalTo("urn:atensi:problem:forbidden"))
                .body("code", equalTo("forbidden"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin", "officer", "partner", "auditor", "viewer"})
    void everyPlatformRoleIsLetThrough(String role) {
        given().header("Authorization", TestKeys.bearer(TestKeys.token(role)))
                .when().get(API_PATH)
                .then().statusCode(200)
                .body("service", equalTo("beneficiary"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/q/health", "/q/health/live", "/q/health/ready", "/q/metrics", "/q/openapi", "/q/openapi-gateway", "/q/swagger-ui/"})
    void healthMetricsAndApiDocumentsNeedNoToken(String path) {
        given().when().get(path).then().statusCode(200);
    }
}
