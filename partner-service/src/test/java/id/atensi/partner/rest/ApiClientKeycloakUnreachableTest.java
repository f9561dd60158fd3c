package id.atensi.partner.rest;

import id.atensi.partner.KeycloakTestResource;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.agroal.api.AgroalDataSource;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;

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

    @Inject
    AgroalDataSource dataSource;

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

    @Test
    void aPartnerWithoutClientsIsDeactivatedWithoutAskingKeycloak() {
        String partner = register(lks(unique("Yayasan Tanpa Klien")));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(json("reason", "Dissolved"))
                .when().post("/api/v1/partners/{id}/deactivation", partner)
                .then().statusCode(200).body("status", equalTo("INACTIVE"));
    }

    @Test
    void aPartnerWithAnActiveClientStaysActiveWhileKeycloakCannotDisableIt() throws Exception {
        String partner = register(lks(unique("Yayasan Masih Aktif")));
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO api_client (id, partner_id, keycloak_client_id, keycloak_id, name, status, created_at, created_by, version)
                     VALUES (?, ?, ?, ?, 'Sistem', 'ACTIVE', now(), 'test-admin', 0)""")) {
            UUID id = UUID.randomUUID();
            insert.setObject(1, id);
            insert.setObject(2, UUID.fromString(partner));
            insert.setString(3, "atensi-partner-" + id);
            insert.setString(4, UUID.randomUUID().toString());
            insert.executeUpdate();
        }
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(json("reason", "Dissolved"))
                .when().post("/api/v1/partners/{id}/deactivation", partner)
                .then().statusCode(503).contentType("application/problem+json").body("detail", containsString("Keycloak"));
        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/partners/{id}", partner)
                .then().statusCode(200).body("status", equalTo("ACTIVE"));
        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/partners/{id}/api-clients", partner)
                .then().statusCode(200).body("items[0].status", equalTo("ACTIVE"));
    }
}
