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
import java.sql.ResultSet;
import java.util.UUID;

import static id.atensi.partner.PartnerFixtures.json;
import static id.atensi.partner.PartnerFixtures.lks;
import static id.atensi.partner.PartnerFixtures.register;
import static id.atensi.partner.PartnerFixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
        activeClientOf(partner);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(json("reason", "Dissolved"))
                .when().post("/api/v1/partners/{id}/deactivation", partner)
                .then().statusCode(503).contentType("application/problem+json").body("detail", containsString("Keycloak"));
        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/partners/{id}", partner)
                .then().statusCode(200).body("status", equalTo("ACTIVE"));
        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/partners/{id}/api-clients", partner)
                .then().statusCode(200).body("items[0].status", equalTo("ACTIVE"));
    }

    @Test
    void aClientKeepsItsSecretAndStaysActiveWhileKeycloakCannotChangeIt() throws Exception {
        String partner = register(lks(unique("Yayasan Tetap")));
        UUID client = activeClientOf(partner);
        for (int attempt = 1; attempt <= 2; attempt++) {
            given().auth().oauth2(TestTokens.admin()).header("If-Match", "\"0\"")
                    .when().post("/api/v1/partners/{p}/api-clients/{id}/rotate-secret", partner, client)
                    .then().statusCode(503).contentType("application/problem+json").body("detail", containsString("Keycloak"));
        }
        given().auth().oauth2(TestTokens.admin()).header("If-Match", "\"0\"")
                .when().post("/api/v1/partners/{p}/api-clients/{id}/disable", partner, client)
                .then().statusCode(503).contentType("application/problem+json").body("detail", containsString("Keycloak"));
        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/partners/{p}/api-clients/{id}", partner, client)
                .then().statusCode(200).header("ETag", "\"0\"")
                .body("status", equalTo("ACTIVE")).body("secretRotatedAt", nullValue()).body("disabledAt", nullValue());
        try (Connection connection = dataSource.getConnection();
             PreparedStatement events = connection.prepareStatement("SELECT count(*) FROM outbox_event WHERE aggregate_id = ?")) {
            events.setString(1, client.toString());
            try (ResultSet count = events.executeQuery()) {
                count.next();
                assertEquals(0, count.getInt(1), "nothing changed, so nothing is published");
            }
        }
    }

    /** A client as if made while Keycloak was there: its record only, Keycloak being unreachable in this test. */
    private UUID activeClientOf(String partner) throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO api_client (id, partner_id, keycloak_client_id, keycloak_id, name, status, created_at, created_by, version)
                     VALUES (?, ?, ?, ?, 'Sistem', 'ACTIVE', now(), 'test-admin', 0)""")) {
            insert.setObject(1, id);
            insert.setObject(2, UUID.fromString(partner));
            insert.setString(3, "atensi-partner-" + id);
            insert.setString(4, UUID.randomUUID().toString());
            insert.executeUpdate();
        }
        return id;
    }
}
