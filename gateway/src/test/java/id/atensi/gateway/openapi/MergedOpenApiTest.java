package id.atensi.gateway.openapi;

import id.atensi.gateway.support.FakeServicesResource;
import id.atensi.local.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@WithTestResource(FakeServicesResource.class)
class MergedOpenApiTest {

    @Test
    void describesThePlatformWithTheGatewayAsServer() {
        given().when().get("/q/openapi")
                .then().statusCode(200)
                .contentType(startsWith("application/json"))
                .body("openapi", equalTo("3.0.3"))
                .body("info.title", equalTo("ATENSI platform API"))
                .body("servers.url", contains("/"));
    }

    @Test
    void holdsTheApiPathsOfEveryReachableService() {
        given().when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths", allOf(hasKey("/api/v1/beneficiaries"), hasKey("/api/v1/beneficiaries/{id}"), hasKey("/api/v1/partners")))
                .body("paths", not(hasKey("/q/health")))
                .body("paths.'/api/v1/partners'.get.summary", equalTo("List partners"))
                .body("components.responses", hasKey("Unauthenticated"));
    }

    @Test
    void requiresABearerTokenOrALoginAtTheIdentityProviderEverywhere() {
        given().when().get("/q/openapi")
                .then().statusCode(200)
                .body("components.securitySchemes.keySet()", contains("bearerAuth", "oauth2"))
                .body("components.securitySchemes.bearerAuth.type", equalTo("http"))
                .body("components.securitySchemes.bearerAuth.scheme", equalTo("bearer"))
                .body("components.securitySchemes.bearerAuth.bearerFormat", equalTo("JWT"))
                .body("security", contains(Map.of("bearerAuth", List.of()), Map.of("oauth2", List.of())));
    }

    @Test
    void sendsSwaggerUiLoginsToTheConfiguredRealm() {
        given().when().get("/q/openapi")
                .then().statusCode(200)
                .body("components.securitySchemes.oauth2.type", equalTo("oauth2"))
                .body("components.securitySchemes.oauth2.flows.keySet()", contains("authorizationCode"))
                .body("components.securitySchemes.oauth2.flows.authorizationCode.authorizationUrl",
                        equalTo(Tokens.ISSUER + "/protocol/openid-connect/auth"))
                .body("components.securitySchemes.oauth2.flows.authorizationCode.tokenUrl",
                        equalTo(Tokens.ISSUER + "/protocol/openid-connect/token"));
    }

    @Test
    void swaggerUiLogsInWithPkceAsTheConsoleClient() {
        given().when().get("/q/swagger-ui/index.html")
                .then().statusCode(200)
                .body(allOf(containsString("clientId: 'atensi-console'"), containsString("usePkceWithAuthorizationCodeGrant: true")));
    }

    @Test
    void collapsesIdenticalSchemasAndKeepsConflictingOnesUnderTheirServicesNames() {
        given().when().get("/q/openapi")
                .then().statusCode(200)
                .body("components.schemas.keySet()", containsInAnyOrder("Beneficiary", "Partner", "Problem",
                        "BeneficiaryAmount", "PartnerAmount"))
                .body("components.schemas.BeneficiaryAmount.type", equalTo("integer"))
                .body("components.schemas.PartnerAmount.type", equalTo("string"));
    }

    @Test
    void listsEachTagOnce() {
        given().when().get("/q/openapi")
                .then().statusCode(200)
                .body("tags.name", contains("Beneficiaries", "Shared", "Partners"))
                .body("tags[0].description", equalTo("People served"));
    }

    @Test
    void namesTheServicesThatAreDown() {
        given().when().get("/q/openapi")
                .then().statusCode(200)
                .body("x-atensi-missing-services", contains("aid", "training", "webhook"));
    }

    @Test
    void servesYamlOnRequest() {
        given().when().get("/q/openapi?format=yaml")
                .then().statusCode(200)
                .contentType(startsWith("application/yaml"))
                .body(allOf(containsString("title: \"ATENSI platform API\""), containsString("/api/v1/partners")));
    }

    @Test
    void swaggerUiLoadsTheMergedDocument() {
        given().when().get("/q/swagger-ui/")
                .then().statusCode(200)
                .contentType(startsWith("text/html"))
                .body(containsString("url: '/q/openapi'"))
                .body(not(containsString("/q/openapi-gateway")));
    }
}
