package id.atensi.partner;

import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static id.atensi.partner.PartnerFixtures.activeAgreement;
import static id.atensi.partner.PartnerFixtures.json;
import static id.atensi.partner.PartnerFixtures.registerUnit;
import static id.atensi.partner.PartnerFixtures.today;
import static id.atensi.partner.PartnerFixtures.unique;
import static id.atensi.partner.PartnerFixtures.unit;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

/**
 * V4 on rows written before the programme's one vocabulary: every stored SOCIAL_EXCLUSION_AND_TRAFFICKING_VICTIMS
 * (partners, units, agreements, the terms each addendum kept, the answers kept for Idempotency-Key replays) becomes
 * SOCIAL_EXCLUSION and TRAFFICKING_VICTIMS, and the service reads the rows back (an old value left behind would fail
 * the enum and answer 500).
 */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "partner"))
@WithTestResource(KeycloakTestResource.class)
class VocabularyMigrationTest {

    private static final String OLD = "SOCIAL_EXCLUSION_AND_TRAFFICKING_VICTIMS";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theOldTsKpoClusterBecomesItsTwoPartsWhereverItIsStored() throws Exception {
        String key = unique("key");
        Map<String, Object> request = PartnerFixtures.company(unique("PT Migrasi Kosakata"), "CSR_COMPANY");
        String partner = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(request).when().post("/api/v1/partners").then().statusCode(201).extract().path("id");
        String unitId = registerUnit(unit(unique("Balai Migrasi")));
        String[] agreement = activeAgreement(1);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(json("number", unique("ADD"), "title", "Scope", "signedOn", today().toString(), "summary", "Children too",
                        "scope", json("clusters", List.of("CHILDREN"))))
                .when().post("/api/v1/agreements/{id}/addenda", agreement[2]).then().statusCode(201);

        // What the service stored before V4: the old value in place of the new ones.
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            execute(connection, "DELETE FROM partner_cluster WHERE partner_id = ?", partner);
            execute(connection, "INSERT INTO partner_cluster (partner_id, cluster) VALUES (?, '" + OLD + "')", partner);
            execute(connection, "INSERT INTO service_unit_cluster (service_unit_id, cluster) VALUES (?, '" + OLD + "')", unitId);
            execute(connection, "INSERT INTO agreement_cluster (agreement_id, cluster) VALUES (?, '" + OLD + "')", agreement[2]);
            execute(connection, "UPDATE agreement_addendum SET terms_before = jsonb_set(terms_before::jsonb, '{clusters}', '[\"" + OLD
                    + "\"]')::text, terms_after = jsonb_set(terms_after::jsonb, '{clusters}', '[\"CHILDREN\", \"" + OLD
                    + "\"]')::text WHERE agreement_id = ?", agreement[2]);
            try (PreparedStatement old = connection.prepareStatement("UPDATE idempotency_key SET response_body = jsonb_set(response_body::jsonb,"
                    + " '{clusters}', '[\"" + OLD + "\"]')::text WHERE key = ?")) {
                old.setString(1, key);
                old.executeUpdate();
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute(Files.readString(Path.of("src/main/resources/db/migration/V4__programme_vocabulary.sql"),
                        StandardCharsets.UTF_8));
            }
            connection.commit();
        }

        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/partners/{id}", partner)
                .then().statusCode(200).body("clusters", containsInAnyOrder("SOCIAL_EXCLUSION", "TRAFFICKING_VICTIMS"));
        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/service-units/{id}", unitId)
                .then().statusCode(200)
                .body("clusters", containsInAnyOrder("PERSONS_WITH_DISABILITIES", "SOCIAL_EXCLUSION", "TRAFFICKING_VICTIMS"));
        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/agreements/{id}", agreement[2])
                .then().statusCode(200).body("scope.clusters", containsInAnyOrder("CHILDREN", "SOCIAL_EXCLUSION", "TRAFFICKING_VICTIMS"));
        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/agreements/{id}/addenda", agreement[2])
                .then().statusCode(200)
                .body("[0].before.clusters", containsInAnyOrder("SOCIAL_EXCLUSION", "TRAFFICKING_VICTIMS"))
                .body("[0].after.clusters", containsInAnyOrder("CHILDREN", "SOCIAL_EXCLUSION", "TRAFFICKING_VICTIMS"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(request).when().post("/api/v1/partners")
                .then().statusCode(201).header("Idempotent-Replayed", equalTo("true"))
                .body("id", equalTo(partner)).body("clusters", containsInAnyOrder("SOCIAL_EXCLUSION", "TRAFFICKING_VICTIMS"));
    }

    private static void execute(Connection connection, String sql, String id) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, UUID.fromString(id));
            statement.executeUpdate();
        }
    }
}
