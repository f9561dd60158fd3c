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

import java.nio.file.Path;
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
        String forged = new Tokens(SigningKeys.inDirectory(otherKeys)).mint("intruder", Set.of("admin"), null, Duration.ofMinutes(5));
        given().header("Authorization", TestKeys.bearer(forged))
                .when().get(API_PATH)
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                .body("code", equalTo("unauthenticated"));
    }

    @Test
    void expiredTokenIsRejected() {
        String expired = new Tokens(TestKeys.keys()).mint("late", Set.of("admin"), null, Duration.ofMinutes(-10));
        given().header("Authorization", TestKeys.bearer(expired))
                .when().get(API_PATH)
                .then().statusCode(401)
                .body("code", equalTo("unauthenticated"));
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
