package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.NikFixtures;
import id.atensi.beneficiary.ServiceUnitFixtures;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static id.atensi.beneficiary.rest.ImportTest.finished;
import static id.atensi.beneficiary.rest.ImportTest.upload;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A worker that dies halfway: its job stays RUNNING with the chunks it committed, is shown stalled, and is taken over
 * after the worker lease and finished from the next chunk; nobody is registered twice or half.
 */
@QuarkusTest
@TestProfile(ImportResumeTest.CrashAfterTwoChunks.class)
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "beneficiary"))
class ImportResumeTest {

    public static class CrashAfterTwoChunks implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("atensi.beneficiary.imports.chunk-size", "10",
                    "atensi.beneficiary.imports.simulate-crash-after-chunks", "2",
                    "atensi.beneficiary.imports.stalled-after", "PT1S",
                    "atensi.beneficiary.imports.worker-lease", "PT30S",
                    "atensi.beneficiary.imports.resume-interval", "1s");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    private long count(String sql, UUID job) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, job);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    @Test
    void aJobWhoseWorkerDiedIsShownStalledAndResumesAfterItsLastCommittedChunk() throws SQLException, InterruptedException {
        ServiceUnitFixtures.standard();
        StringBuilder csv = new StringBuilder("fullName,nik,birthDate,sex\n");
        for (int i = 0; i < 45; i++) {
            csv.append("Lanjut ").append(i).append(',').append(NikFixtures.woman()).append(',').append(NikFixtures.WOMAN_BIRTH_DATE)
                    .append(",FEMALE\n");
        }
        String id = upload(TestTokens.officer(), csv.toString());
        UUID job = UUID.fromString(id);

        Instant deadline = Instant.now().plusSeconds(15);
        while (!Boolean.TRUE.equals(given().auth().oauth2(TestTokens.officer()).when().get("/api/v1/beneficiary-imports/{id}", id)
                .then().statusCode(200).extract().path("stalled"))) {
            if (Instant.now().isAfter(deadline)) {
                fail("the crashed import was never shown stalled");
            }
            Thread.sleep(100);
        }
        // chunks are written four at once and commit in any order: the two committed may include the last, of 5 rows
        int done = given().auth().oauth2(TestTokens.officer()).when().get("/api/v1/beneficiary-imports/{id}", id)
                .then().body("status", equalTo("RUNNING")).body("chunks", equalTo(2)).body("done", anyOf(equalTo(15), equalTo(20)))
                .extract().path("done");
        given().auth().oauth2(TestTokens.officer()).when().get("/api/v1/beneficiary-imports/{id}", id)
                .then().body("registered", equalTo(done));
        assertEquals(done, count("SELECT count(*) FROM beneficiary WHERE import_job_id = ?", job));
        assertEquals(done, count("""
                SELECT count(*) FROM outbox_event o JOIN beneficiary b ON o.aggregate_id = b.id::text WHERE b.import_job_id = ?""", job));

        // the resumer takes the job over once the lease has passed since the last commit, long enough that the state
        // above is read before it even on a loaded machine
        Instant resumed = Instant.now().plusSeconds(120);
        while ("RUNNING".equals(given().auth().oauth2(TestTokens.officer()).when().get("/api/v1/beneficiary-imports/{id}", id)
                .then().statusCode(200).extract().path("status"))) {
            if (Instant.now().isAfter(resumed)) {
                fail("the crashed import was never resumed to its end");
            }
            Thread.sleep(250);
        }
        finished(TestTokens.officer(), id)
                .body("status", equalTo("DONE"))
                .body("stalled", equalTo(false))
                .body("chunks", equalTo(5))
                .body("done", equalTo(45))
                .body("registered", equalTo(45))
                .body("rejected", equalTo(0));
        assertEquals(45, count("SELECT count(*) FROM beneficiary WHERE import_job_id = ?", job));
        assertEquals(45, count("""
                SELECT count(*) FROM outbox_event o JOIN beneficiary b ON o.aggregate_id = b.id::text WHERE b.import_job_id = ?""", job));
        assertEquals(45, count("""
                SELECT count(*) FROM timeline_entry t JOIN beneficiary b ON t.beneficiary_id = b.id WHERE b.import_job_id = ?""", job));
    }
}
