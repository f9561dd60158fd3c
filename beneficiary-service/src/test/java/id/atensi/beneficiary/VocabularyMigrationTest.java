package id.atensi.beneficiary;

import id.atensi.beneficiary.pii.PersonalNumberCipher;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * V14 on rows written before the programme's one vocabulary: each stored cluster and service takes its new name, and
 * the service reads the rows back (an old name left behind would fail the enum and answer 500).
 */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "beneficiary"))
class VocabularyMigrationTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    PersonalNumberCipher cipher;

    @Test
    void storedClustersServicesAndTheirTextsTakeTheNewNames() throws Exception {
        UUID person = UUID.randomUUID();
        UUID assessment = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        String nik = NikFixtures.woman();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            PersonalNumberCipher.Sealed sealed = cipher.seal(nik, "nik");
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO beneficiary (id, full_name, name_key, nik_hash, nik_cipher, nik_key_id, birth_date, sex, status,
                                             registered_at, updated_at, clusters)
                    VALUES (?, 'Migrasi Kosakata', 'migrasi kosakata', ?, ?, ?, ?, 'FEMALE', 'ASSESSED', now(), now(),
                            '{DISABILITY,ELDERLY,SUBSTANCE_ABUSE_VICTIM,TRAFFICKING_VICTIM}')""")) {
                insert.setObject(1, person);
                insert.setString(2, cipher.hash(nik, "nik"));
                insert.setString(3, sealed.ciphertext());
                insert.setString(4, sealed.keyId());
                insert.setObject(5, java.time.LocalDate.parse(NikFixtures.WOMAN_BIRTH_DATE));
                insert.executeUpdate();
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO assessment (id, beneficiary_id, assessed_on, assessor, recorded_at) VALUES ('"
                        + assessment + "', '" + person + "', '2025-01-10', 'officer', now())");
                statement.execute("INSERT INTO assessment_need (assessment_id, service, need) VALUES ('" + assessment
                        + "', 'SOCIAL_AID', 'food'), ('" + assessment + "', 'VOCATIONAL_AND_ENTREPRENEURSHIP', 'sewing')");
                statement.execute("INSERT INTO intervention_plan_item (id, beneficiary_id, service, description, target_date, planned_by,"
                        + " planned_at) VALUES ('" + UUID.randomUUID() + "', '" + person + "', 'SOCIAL_AID', 'food', '2025-03-01',"
                        + " 'officer', now())");
                statement.execute("INSERT INTO timeline_entry (id, beneficiary_id, occurred_at, kind, summary, source) VALUES ('"
                        + UUID.randomUUID() + "', '" + person + "', now(), 'assessed',"
                        + " 'assessed: needs [SOCIAL_AID, VOCATIONAL_AND_ENTREPRENEURSHIP]', 'beneficiary')");
                statement.execute("INSERT INTO import_job (id, status, total, created_by, created_at) VALUES ('" + job
                        + "', 'DONE', 1, 'officer', now())");
                statement.execute("INSERT INTO import_rejection (job_id, line, reason) VALUES ('" + job + "', 2, 'clusters: POOR is not"
                        + " one of [CHILDREN, DISABILITY, ELDERLY, SUBSTANCE_ABUSE_VICTIM, SOCIAL_EXCLUSION, TRAFFICKING_VICTIM,"
                        + " DISASTER_AFFECTED]')");
                statement.execute(Files.readString(Path.of("src/main/resources/db/migration/V14__programme_vocabulary.sql"),
                        StandardCharsets.UTF_8));
            }
            connection.commit();
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT reason FROM import_rejection WHERE job_id = '" + job + "'")) {
                rows.next();
                assertEquals("clusters: POOR is not one of [CHILDREN, PERSONS_WITH_DISABILITIES, ELDERLY, SUBSTANCE_ABUSE_VICTIMS,"
                        + " SOCIAL_EXCLUSION, TRAFFICKING_VICTIMS, DISASTER_AFFECTED]", rows.getString(1));
            }
        }

        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/beneficiaries/{id}", person)
                .then().statusCode(200)
                .body("clusters", contains("ELDERLY", "PERSONS_WITH_DISABILITIES", "SUBSTANCE_ABUSE_VICTIMS", "TRAFFICKING_VICTIMS"));
        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/beneficiaries/{id}/assessments", person)
                .then().statusCode(200)
                .body("[0].needs.service", containsInAnyOrder("SOCIAL_AID_AND_ASSISTANCE", "VOCATIONAL_TRAINING_AND_ENTREPRENEURSHIP"));
        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/beneficiaries/{id}/intervention-plan", person)
                .then().statusCode(200)
                .body("service", contains("SOCIAL_AID_AND_ASSISTANCE"));
        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/beneficiaries/{id}/timeline", person)
                .then().statusCode(200)
                .body("summary", contains("assessed: needs [SOCIAL_AID_AND_ASSISTANCE, VOCATIONAL_TRAINING_AND_ENTREPRENEURSHIP]"));
    }
}
