package id.atensi.gateway.security;

import id.atensi.gateway.support.FakeServicesResource;
import id.atensi.gateway.support.TestKeys;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(FakeServicesResource.class)
public class CorsTest {

    /** The one browser origin the tests allow. */
    public static final String ALLOWED_ORIGIN = "https://app.atensi.test";

    @Test
    void preflightFromAllowedOriginNeedsNoToken() {
        given().header("Origin", ALLOWED_ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,idempotency-key")
                .when().options("/api/v1/beneficiaries")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", ALLOWED_ORIGIN)
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Headers", containsString("Idempotency-Key"));
    }

    @Test
    void proxiedResponseExposesRequestIdToTheBrowser() {
        given().header("Origin", ALLOWED_ORIGIN)
                .header("Authorization", TestKeys.bearer(TestKeys.admin()))
                .when().get("/api/v1/beneficiaries/1")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", ALLOWED_ORIGIN)
                .header("Access-Control-Expose-Headers", containsString("X-Request-Id"));
    }

    @Test
    void otherOriginsGetNoCorsGrant() {
        given().header("Origin", "https://elsewhere.example")
                .header("Access-Control-Request-Method", "GET")
                .when().options("/api/v1/beneficiaries")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void aRequestFromAnOriginThatIsNotAllowedIsAForbiddenProblem() {
        given().header("Origin", "https://elsewhere.example")
                .header("Authorization", TestKeys.bearer(TestKeys.admin()))
                .when().get("/api/v1/beneficiaries/1")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .header("Access-Control-Allow-Origin", nullValue())
                .body("code", equalTo("forbidden"))
                .body("detail", equalTo("Requests from the origin 'https://elsewhere.example' are not allowed."));
    }

    @Test
    void aPreflightFromAnOriginThatIsNotAllowedIsAForbiddenProblem() {
        given().header("Origin", "null")
                .header("Access-Control-Request-Method", "POST")
                .when().options("/api/v1/beneficiaries")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("detail", equalTo("Requests from this origin are not allowed."));
    }

    @Test
    void aMethodCorsDoesNotAllowFromAnAllowedOriginIsAForbiddenProblem() {
        given().header("Origin", ALLOWED_ORIGIN)
                .header("Authorization", TestKeys.bearer(TestKeys.admin()))
                .when().head("/api/v1/beneficiaries/1")
                .then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void theGatewaysOwnOriginIsAllowedWithoutBeingListed() {
        given().header("Origin", "http://localhost:" + io.restassured.RestAssured.port)
                .header("Authorization", TestKeys.bearer(TestKeys.admin()))
                .when().get("/api/v1/beneficiaries/1")
                .then().statusCode(200);
    }
}
