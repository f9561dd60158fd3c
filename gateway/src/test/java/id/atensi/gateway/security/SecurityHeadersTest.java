package id.atensi.gateway.security;

import id.atensi.gateway.support.FakeServicesResource;
import id.atensi.gateway.support.TestKeys;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(FakeServicesResource.class)
class SecurityHeadersTest {

    private static final String CSP = "default-src 'none'; frame-ancestors 'none'";

    @Test
    void proxiedResponsesCarryTheHeadersButNoHstsOverPlainHttp() {
        given().header("Authorization", TestKeys.bearer(TestKeys.admin()))
                .when().get("/api/v1/beneficiaries/1")
                .then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer")
                .header("Content-Security-Policy", CSP)
                .header("Strict-Transport-Security", nullValue());
    }

    @Test
    void gatewayProblemsCarryThemToo() {
        given().when().get("/api/v1/beneficiaries/1")
                .then().statusCode(401)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer")
                .header("Content-Security-Policy", CSP);
    }

    @Test
    void hstsWhenTheRequestCameOverHttps() {
        given().header("Authorization", TestKeys.bearer(TestKeys.admin()))
                .header("X-Forwarded-Proto", "https")
                .when().get("/api/v1/partners")
                .then().statusCode(200)
                .header("Strict-Transport-Security", equalTo("max-age=31536000; includeSubDomains"));
    }

    @Test
    void swaggerUiHasNoApiContentSecurityPolicy() {
        given().when().get("/q/swagger-ui/")
                .then().statusCode(200)
                .header("Content-Security-Policy", nullValue())
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void openApiDocumentHasThePolicy() {
        given().when().get("/q/openapi")
                .then().statusCode(200)
                .header("Content-Security-Policy", CSP);
    }
}
