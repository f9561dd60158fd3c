package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.NikFixtures;
import id.atensi.beneficiary.ServiceUnitFixtures;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.MovableClock;
import id.atensi.testing.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static id.atensi.beneficiary.rest.ImportTest.finished;
import static id.atensi.beneficiary.rest.ImportTest.upload;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A worker that dies halfway, between a chunk's commit and the lookup of its people's likely duplicates: its job stays
 * RUNNING with the chunks it committed, that lookup pending, is shown stalled, and is taken over after the worker lease,
 * redoes the lookup and is finished from the next chunk; nobody is registered twice or half, no pair is lost. The lease
 * is judged and renewed by one clock, the service's.
 */
@QuarkusTest
@TestProfile(ImportResumeTest.CrashAfterTwoChunks.class)
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "beneficiary"))
class ImportResumeTest {

    /** Long enough that the test reads the crashed job's state before the resumer may take it over. */
    static final Duration LEASE = Duration.ofSeconds(30);
    private static final String UPLOAD_TRACE = "00-6af7651916cd43dd8448eb211c80319c-d7ad6b7169203331-01";

    public static class CrashAfterTwoChunks implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("atensi.beneficiary.imports.chunk-size", "10",
                    "atensi.beneficiary.imports.simulate-crash-after-chunks", "2",
                    "atensi.beneficiary.imports.stalled-after", "PT1S",
                    "atensi.beneficiary.imports.worker-lease", LEASE.toString(),
                    "atensi.beneficiary.imports.resume-interval", "1s");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MovableClock clock;

    @AfterEach
    void realTimeAgain() {
        clock.reset();
    }

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
        // every two of these names are at most two edits apart ("lanjut 3" / "lanjut 41"): 45 people, 990 pairs, most of
        // them split between chunks
        StringBuilder csv = new StringBuilder("fullName,nik,birthDate,sex,provinceCode,regencyCode\n");
        for (int i = 0; i < 45; i++) {
            csv.append("Lanjut ").append(i).append(',').append(NikFixtures.woman()).append(',').append(NikFixtures.WOMAN_BIRTH_DATE)
                    .append(",FEMALE,32,32.01\n");
        }
        String id = upload(TestTokens.officer(), csv.toString(), Map.of("traceparent", UPLOAD_TRACE));
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
        assertEquals(1, count("SELECT count(*) FROM import_chunk WHERE job_id = ? AND lookup_pending IS NOT NULL", job),
                "the last chunk's lookup is pending");

        // the resumer takes the job over once the lease has passed since the last commit by the service's clock: the
        // state above was read while it could not, and moving the clock past the lease spares the test the 30 s wait
        clock.travelTo(Instant.now().plus(LEASE).plusSeconds(1));
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
        assertEquals(45, count("SELECT count(*) FROM outbox_event o JOIN beneficiary b ON o.aggregate_id = b.id::text"
                + " WHERE b.import_job_id = ? AND o.trace_parent = '" + UPLOAD_TRACE + "'", job), "the events of the chunks before and after the resume carry the upload's trace");
        assertEquals(45, count("""
                SELECT count(*) FROM timeline_entry t JOIN beneficiary b ON t.beneficiary_id = b.id WHERE b.import_job_id = ?""", job));
        assertEquals(0, count("SELECT count(*) FROM import_chunk WHERE job_id = ? AND lookup_pending IS NOT NULL", job));
        assertEquals(45 * 44 / 2, count(PAIRS_OF_JOB, job), "pairs among the job's people");
    }

    @Test
    void aJobTakenOverIsGivenTheServiceClocksHeartbeat() throws SQLException, InterruptedException {
        // the service's clock an hour ahead of the database's, as with a skewed host
        clock.travelTo(Instant.now().plus(Duration.ofHours(1)));
        OffsetDateTime beforeClaim = OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
        UUID job = UUID.randomUUID();
        UUID deadWorker = UUID.randomUUID();
        // its lease passed by the service's clock, though by the database's the heartbeat is yet to come
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO import_job (id, status, total, created_by, created_at, heartbeat_at, worker)
                VALUES (?, 'RUNNING', 1, 'officer', ?, ?, ?)""")) {
            insert.setObject(1, job);
            insert.setObject(2, beforeClaim.minusMinutes(5));
            insert.setObject(3, beforeClaim.minus(LEASE).minusSeconds(1));
            insert.setObject(4, deadWorker);
            assertEquals(1, insert.executeUpdate());
        }

        Instant deadline = Instant.now().plusSeconds(30);
        OffsetDateTime heartbeat;
        while ((heartbeat = heartbeatOnceClaimedFrom(job, deadWorker)) == null) {
            if (Instant.now().isAfter(deadline)) {
                fail("the job whose lease passed by the service's clock was never claimed");
            }
            Thread.sleep(100);
        }
        OffsetDateTime afterClaim = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        // the database's now() would be an hour before: stale by the service's clock, the job claimable again at once
        assertFalse(heartbeat.isBefore(beforeClaim) || heartbeat.isAfter(afterClaim),
                "the heartbeat " + heartbeat + " is the service's now at the claim, between " + beforeClaim + " and " + afterClaim);
    }

    /** The job's heartbeat once a worker other than {@code worker} holds it; null until then. */
    private OffsetDateTime heartbeatOnceClaimedFrom(UUID job, UUID worker) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(
                "SELECT heartbeat_at FROM import_job WHERE id = ? AND worker IS DISTINCT FROM ?")) {
            statement.setObject(1, job);
            statement.setObject(2, worker);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getObject(1, OffsetDateTime.class) : null;
            }
        }
    }

    private static final String PAIRS_OF_JOB = """
            SELECT count(*) FROM duplicate_candidate d JOIN beneficiary a ON a.id = d.first_id JOIN beneficiary b ON b.id = d.second_id
            WHERE a.import_job_id = ? AND b.import_job_id = a.import_job_id""";

    @Test
    void aLookupLeftPendingByAJobThatStoppedIsDoneByTheResumer() throws SQLException, InterruptedException {
        ServiceUnitFixtures.standard();
        // one chunk: never the one the simulated crash stops at
        String csv = "fullName,nik,birthDate,sex,provinceCode,regencyCode\n"
                + "Sapu Lidi," + NikFixtures.woman() + "," + NikFixtures.WOMAN_BIRTH_DATE + ",FEMALE,32,32.01\n"
                + "Sapu Lidy," + NikFixtures.woman() + "," + NikFixtures.WOMAN_BIRTH_DATE + ",FEMALE,32,32.01\n";
        String id = upload(TestTokens.officer(), csv);
        UUID job = UUID.fromString(id);
        finished(TestTokens.officer(), id).body("status", equalTo("DONE")).body("registered", equalTo(2));
        assertEquals(1, count(PAIRS_OF_JOB, job));

        // as if its lookup had failed after the chunk's commit and stopped the job; one transaction, so that the resumer
        // sees all of it or nothing
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement undo = connection.prepareStatement("""
                    WITH forgotten AS (
                        DELETE FROM duplicate_candidate d USING beneficiary a WHERE a.id = d.first_id AND a.import_job_id = ?)
                    UPDATE import_chunk c SET lookup_pending = (SELECT array_agg(id) FROM beneficiary WHERE import_job_id = c.job_id)
                    WHERE c.job_id = ?""");
                 PreparedStatement failed = connection.prepareStatement("UPDATE import_job SET status = 'FAILED' WHERE id = ?")) {
                undo.setObject(1, job);
                undo.setObject(2, job);
                assertEquals(1, undo.executeUpdate());
                failed.setObject(1, job);
                assertEquals(1, failed.executeUpdate());
            }
            try (PreparedStatement pairs = connection.prepareStatement(PAIRS_OF_JOB)) {
                pairs.setObject(1, job);
                try (ResultSet rows = pairs.executeQuery()) {
                    rows.next();
                    assertEquals(0, rows.getLong(1), "the pair forgotten");
                }
            }
            connection.commit();
        }

        Instant deadline = Instant.now().plusSeconds(30);
        while (count("SELECT count(*) FROM import_chunk WHERE job_id = ? AND lookup_pending IS NOT NULL", job) > 0) {
            if (Instant.now().isAfter(deadline)) {
                fail("the resumer never looked up the stopped job's pending chunk");
            }
            Thread.sleep(100);
        }
        assertEquals(1, count(PAIRS_OF_JOB, job));
    }
}
