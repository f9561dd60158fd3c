package id.atensi.partner.rest;

import id.atensi.partner.KeycloakTestResource;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static id.atensi.partner.PartnerFixtures.json;
import static id.atensi.partner.PartnerFixtures.lks;
import static id.atensi.partner.PartnerFixtures.register;
import static id.atensi.partner.PartnerFixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** partner-service with Keycloak's URL on a port nobody listens on: a separate start of the application. */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "partner"))
@WithTestResource(value = KeycloakTestResource.class, initArgs = @ResourceArg(name = "keycloak", value = "unreachable"))
class ApiClientKeycloakUnreachableTest {

    @Test
    void keycloakAwayAnswers503WithRetryAfterAndMakesNothing() {
        String partner = register(lks(unique("Yayasan Sepi")));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(json("name", "Sistem"))
                .when().post("/api/v1/partners/{id}/api-clients", partner)
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "10")
                .body("code", equalTo("unavailable"))
                .body("detail", containsString("Keycloak"))
                .body(not(containsString("Exception")));
        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/partners/{id}/api-clients", partner)
                .then().statusCode(200).body("total", equalTo(0));
    }
}
