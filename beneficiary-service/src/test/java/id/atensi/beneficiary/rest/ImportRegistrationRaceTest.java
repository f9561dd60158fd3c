package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.BeneficiaryFixtures;
import id.atensi.beneficiary.NikFixtures;
import id.atensi.beneficiary.ServiceUnitFixtures;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static id.atensi.beneficiary.rest.ImportTest.finished;
import static id.atensi.beneficiary.rest.ImportTest.upload;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A registration and an import taking the same NIK at the same moment: the unique index on the NIK's hash decides, and
 * the loser answers as it would have a moment later (409 naming the person for the registration, an unchanged row for
 * the import), never 500. Each race is held open by a table lock the winner's transaction needs after its insert.
 */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "beneficiary"))
class ImportRegistrationRaceTest {

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void serviceUnitsAreKnown() {
        ServiceUnitFixtures.standard();
    }

    @Test
    void aRegistrationLosingToAnImportOfTheSameNikIsAConflictNamingThePerson() throws Exception {
        String nik = NikFixtures.woman();
        CompletableFuture<Response> registration;
        String job;
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                // the import's chunk registers its person, then waits to record the bad row of line 3
                statement.execute("LOCK TABLE import_rejection IN SHARE MODE");
            }
            job = upload(TestTokens.officer(), "fullName,nik,birthDate,sex\nBalapan Impor," + nik + ","
                    + NikFixtures.WOMAN_BIRTH_DATE + ",FEMALE\nRusak,123\n");
            awaitWaiting("INSERT INTO import_rejection%");
            registration = CompletableFuture.supplyAsync(() -> given().auth().oauth2(TestTokens.officer())
                    .contentType(ContentType.JSON)
                    .body(BeneficiaryFixtures.registration("Balapan Daftar", nik, NikFixtures.WOMAN_BIRTH_DATE, "FEMALE"))
                    .when().post("/api/v1/beneficiaries"));
            awaitWaiting("insert into beneficiary%");
            lock.commit();
        }
        finished(TestTokens.officer(), job).body("status", equalTo("DONE")).body("registered", equalTo(1))
                .body("rejections.line", contains(3));
        String imported = given().auth().oauth2(TestTokens.admin()).queryParam("name", "balapan impor")
                .when().get("/api/v1/beneficiaries").then().statusCode(200).extract().path("items[0].id");
        registration.get(30, TimeUnit.SECONDS).then()
                .statusCode(409)
                .body("detail", equalTo("a beneficiary with this NIK is registered already"))
                .body("existingId", equalTo(imported));
    }

    @Test
    void anImportRowLosingToARegistrationOfTheSameNikCountsAsUnchanged() throws Exception {
        String nik = NikFixtures.man();
        CompletableFuture<Response> registration;
        String job;
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                // the registration inserts its person, then waits to write its timeline entry
                statement.execute("LOCK TABLE timeline_entry IN SHARE MODE");
            }
            registration = CompletableFuture.supplyAsync(() -> given().auth().oauth2(TestTokens.officer())
                    .contentType(ContentType.JSON)
                    .body(BeneficiaryFixtures.registration("Balapan Daftar Dulu", nik, NikFixtures.MAN_BIRTH_DATE, "MALE"))
                    .when().post("/api/v1/beneficiaries"));
            awaitWaiting("insert into timeline_entry%");
            job = upload(TestTokens.officer(), "fullName,nik,birthDate,sex\nBalapan Impor Kedua," + nik + ","
                    + NikFixtures.MAN_BIRTH_DATE + ",MALE\n");
            awaitWaiting("%INSERT INTO beneficiary%");
            lock.commit();
        }
        registration.get(30, TimeUnit.SECONDS).then().statusCode(201);
        finished(TestTokens.officer(), job).body("status", equalTo("DONE")).body("registered", equalTo(0))
                .body("unchanged", equalTo(1)).body("rejected", equalTo(0));
    }

    /** Until another session waits for a lock in a statement like {@code query}. */
    private void awaitWaiting(String query) throws SQLException, InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        try (Connection connection = dataSource.getConnection(); PreparedStatement waiting = connection.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE ?")) {
            waiting.setString(1, query);
            while (true) {
                try (ResultSet rows = waiting.executeQuery()) {
                    rows.next();
                    if (rows.getLong(1) > 0) {
                        return;
                    }
                }
                if (Instant.now().isAfter(deadline)) {
                    fail("no session came to wait for a lock in " + query);
                }
                Thread.sleep(50);
            }
        }
    }
}
