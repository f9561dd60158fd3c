package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.BeneficiaryFixtures;
import id.atensi.beneficiary.ConsentFixtures;
import id.atensi.beneficiary.NikFixtures;
import id.atensi.beneficiary.ServiceUnitFixtures;
import id.atensi.beneficiary.service.RetentionJob;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.MovableClock;
import id.atensi.testing.TestTokens;
import id.atensi.testing.TopicReader;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The right to erasure and the retention rule: nothing personal stays in any table, nor in any event sent after. */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "beneficiary"))
class ErasureTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MovableClock clock;

    @Inject
    RetentionJob retention;

    @BeforeEach
    void serviceUnitsAreKnown() {
        ServiceUnitFixtures.standard();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** A person whose every personal detail is a string found nowhere else in the database. */
    private record Person(String id, String name, String nik, String kk, String phone, String addressLine) {

        List<String> personalStrings() {
            return List.of(name, nik, kk, phone, addressLine);
        }
    }

    private static Person registeredWithEverything() {
        String nik = NikFixtures.woman();
        String tail = nik.substring(10);
        StringBuilder letters = new StringBuilder();
        tail.chars().forEach(digit -> letters.append((char) ('a' + digit - '0')));
        Person person = new Person(null, "Zubaidah Hapus" + letters, nik, "3201" + nik.substring(4), "+62813" + nik.substring(6),
                "Jl. Kenanga Nomor " + tail);
        String id = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body("""
                        {"fullName": "%s", "nik": "%s", "kkNumber": "%s", "birthPlace": "Garut", "birthDate": "%s", "sex": "FEMALE",
                         "address": {"provinceCode": "32", "regencyCode": "32.01", "districtCode": "32.01.01",
                                     "villageCode": "32.01.01.1001", "line": "%s"},
                         "phone": "%s", "welfareId": "DTSEN-%s", "clusters": ["ELDERLY"], "serviceUnitId": "%s", "partnerIds": []}
                        """.formatted(person.name(), nik, person.kk(), NikFixtures.WOMAN_BIRTH_DATE, person.addressLine(),
                        person.phone(), tail, TestTokens.UNIT_A))
                .when().post("/api/v1/beneficiaries").then().statusCode(201).extract().path("id");
        return new Person(id, person.name(), nik, person.kk(), person.phone(), person.addressLine());
    }

    /**
     * What single the person out in this database: the name, phone and address line in clear, the NIK and KK as their
     * ciphertexts and keyed hashes (never in clear, which {@code PersonalDataProtectionTest} holds), and the numbers
     * themselves all the same.
     */
    private List<String> traces(Person person) throws Exception {
        List<String> traces = new ArrayList<>(person.personalStrings());
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT nik_hash, nik_cipher, kk_hash, kk_cipher FROM beneficiary WHERE id = CAST(? AS uuid)")) {
            select.setString(1, person.id());
            try (ResultSet row = select.executeQuery()) {
                row.next();
                for (int i = 1; i <= 4; i++) {
                    traces.add(row.getString(i));
                }
            }
        }
        return traces;
    }

    /** Every text, JSON and array column of every table, searched for each string: "table.column holds string" per hit. */
    private List<String> whereFound(List<String> needles) throws Exception {
        List<String> hits = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            List<String[]> columns = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT table_name, column_name FROM information_schema.columns
                    WHERE table_schema = current_schema()
                      AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')
                    ORDER BY table_name, column_name""");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    columns.add(new String[]{rows.getString(1), rows.getString(2)});
                }
            }
            for (String[] column : columns) {
                for (String needle : needles) {
                    try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM \"" + column[0]
                            + "\" WHERE CAST(\"" + column[1] + "\" AS text) ILIKE ?")) {
                        count.setString(1, "%" + needle + "%");
                        try (ResultSet result = count.executeQuery()) {
                            result.next();
                            if (result.getLong(1) > 0) {
                                hits.add(column[0] + "." + column[1] + " holds " + needle);
                            }
                        }
                    }
                }
            }
        }
        return hits;
    }

    @Test
    void anErasureLeavesNothingPersonalInAnyTableNorInAnyEventSentAfterIt() throws Exception {
        Person person = registeredWithEverything();
        given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON)
                .body("{\"assessedOn\": \"2026-01-05\", \"summary\": \"lives with " + person.name() + "'s aunt\","
                        + " \"needs\": [{\"service\": \"THERAPY\", \"need\": \"call " + person.phone() + "\"}]}")
                .when().post("/api/v1/beneficiaries/{id}/assessments", person.id()).then().statusCode(201);
        given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON)
                .body("{\"purpose\": \"FOLLOW_UP_CONTACT\", \"given\": true, \"note\": \"reach at " + person.addressLine() + "\","
                        + " \"evidence\": {\"formReference\": \"F-7\"}}")
                .when().post("/api/v1/beneficiaries/{id}/consents", person.id()).then().statusCode(201);
        List<String> traces = traces(person);
        List<String> seenBefore = whereFound(traces);
        for (String trace : traces) {
            boolean inClear = trace.equals(person.nik()) || trace.equals(person.kk());
            assertEquals(!inClear, seenBefore.stream().anyMatch(hit -> hit.endsWith(" holds " + trace)),
                    "before the erasure the search must see " + trace + (inClear ? " only encrypted" : "") + ": " + seenBefore);
        }

        try (TopicReader topic = TopicReader.of("atensi.beneficiary.events")) {
            String pseudonym = given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON)
                    .body("{\"requestReference\": \"PDP/2026/0031\"}")
                    .when().post("/api/v1/beneficiaries/{id}/erasure", person.id())
                    .then().statusCode(200)
                    .body("reason", equalTo("REQUEST"))
                    .body("requestReference", equalTo("PDP/2026/0031"))
                    .body("pseudonym", startsWith("ANON-"))
                    .extract().path("pseudonym");
            given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON)
                    .body("{\"status\": \"TERMINATED\", \"reason\": \"erased on request\"}")
                    .when().post("/api/v1/beneficiaries/{id}/status", person.id()).then().statusCode(200);

            ConsumerRecord<String, byte[]> erased = topic.await(r -> person.id().equals(r.key())
                    && "atensi.beneficiary.erased.v1".equals(TopicReader.header(r, "ce_type")), Duration.ofSeconds(20));
            ConsumerRecord<String, byte[]> after = topic.await(r -> person.id().equals(r.key())
                    && "atensi.beneficiary.status-changed.v1".equals(TopicReader.header(r, "ce_type"))
                    && r.offset() > erased.offset(), Duration.ofSeconds(20));
            assertEquals(pseudonym, io.restassured.path.json.JsonPath.from(TopicReader.value(erased)).getString("pseudonym"));
            for (ConsumerRecord<String, byte[]> record : List.of(erased, after)) {
                for (String personal : person.personalStrings()) {
                    assertEquals(false, TopicReader.value(record).contains(personal),
                            TopicReader.header(record, "ce_type") + " sent after the erasure holds " + personal);
                }
            }
        }

        assertEquals(List.of(), whereFound(traces));
        given().auth().oauth2(TestTokens.officer()).when().get("/api/v1/beneficiaries/{id}", person.id())
                .then().statusCode(200)
                .body("fullName", startsWith("ANON-"))
                .body("nik", nullValue()).body("kkNumber", nullValue()).body("phone", nullValue())
                .body("birthDate", equalTo(NikFixtures.WOMAN_BIRTH_DATE.substring(0, 4) + "-01-01"))
                .body("address.regencyCode", equalTo("32.01")).body("address.villageCode", nullValue())
                .body("erasedAt", org.hamcrest.Matchers.notNullValue());
        given().auth().oauth2(TestTokens.auditor()).queryParam("beneficiaryId", person.id())
                .when().get("/api/v1/beneficiaries/audit")
                .then().statusCode(200).body("items.action", hasItem("erase"));
    }

    /**
     * The relay holds its lock from before a batch's read until its mark: while Kafka does not acknowledge, that may be
     * seconds. Here a session holds the lock as the relay does then; the erasure waits its bound, answers 503 with
     * Retry-After, and changes nothing, and once the lock is free the same request erases.
     */
    @Test
    void whileTheRelayHoldsABatchAnErasureWaitsItsBoundThenAnswers503WithRetryAfterAndErasesNothing() throws Exception {
        Person person = registeredWithEverything();
        try (Connection relay = dataSource.getConnection()) {
            try (PreparedStatement lock = relay.prepareStatement("SELECT pg_advisory_lock(outbox_relay_lock_key())")) {
                lock.execute();
            }
            try {
                given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON)
                        .body("{\"requestReference\": \"PDP/5\"}")
                        .when().post("/api/v1/beneficiaries/{id}/erasure", person.id())
                        .then().statusCode(503)
                        .contentType("application/problem+json")
                        .header("Retry-After", "10")
                        .body("code", equalTo("unavailable"));
            } finally {
                try (PreparedStatement unlock = relay.prepareStatement("SELECT pg_advisory_unlock(outbox_relay_lock_key())")) {
                    unlock.execute();
                }
            }
        }
        given().auth().oauth2(TestTokens.officer()).when().get("/api/v1/beneficiaries/{id}/erasure", person.id())
                .then().statusCode(404);
        given().auth().oauth2(TestTokens.officer()).when().get("/api/v1/beneficiaries/{id}", person.id())
                .then().statusCode(200).body("fullName", equalTo(person.name()));

        given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON)
                .body("{\"requestReference\": \"PDP/5\"}")
                .when().post("/api/v1/beneficiaries/{id}/erasure", person.id())
                .then().statusCode(200).body("requestReference", equalTo("PDP/5"));
    }

    /**
     * An erasure holds the relay's lock shared until it ends, so it must not wait without end behind another
     * transaction's row lock: here one holds the person's row; the erasure gives up within its bound with 503 and
     * Retry-After, erases nothing and holds the relay's lock no more; once the row is free the same request erases.
     */
    @Test
    void anErasureBehindAnotherTransactionsRowLockGivesUpWithinItsBoundWith503AndHoldsTheRelayNoLonger() throws Exception {
        Person person = registeredWithEverything();
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            holdRow(other, person.id());
            given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON)
                    .body("{\"requestReference\": \"PDP/7\"}")
                    .when().post("/api/v1/beneficiaries/{id}/erasure", person.id())
                    .then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "5")
                    .body("code", equalTo("unavailable"));
            assertEquals(0, relayLocksHeldShared(), "erasures holding the relay's lock after the 503");
            other.rollback();
        }
        given().auth().oauth2(TestTokens.officer()).when().get("/api/v1/beneficiaries/{id}", person.id())
                .then().statusCode(200).body("fullName", equalTo(person.name()));

        given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON)
                .body("{\"requestReference\": \"PDP/7\"}")
                .when().post("/api/v1/beneficiaries/{id}/erasure", person.id())
                .then().statusCode(200).body("requestReference", equalTo("PDP/7"));
    }

    /** The retention job leaves a person whose records another transaction holds for its next run, and erases the others. */
    @Test
    void theRetentionJobLeavesAPersonWhoseRowIsHeldForTheNextRunAndErasesTheOthers() throws Exception {
        Person held = registeredWithEverything();
        Person free = registeredWithEverything();
        for (Person person : List.of(held, free)) {
            given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON)
                    .body("{\"status\": \"TERMINATED\", \"reason\": \"moved\"}")
                    .when().post("/api/v1/beneficiaries/{id}/status", person.id()).then().statusCode(200);
        }
        clock.travelTo(Instant.now().plus(Duration.ofDays(1827)));
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            holdRow(other, held.id());
            // Earlier tests may have left more terminated cases than one batch holds. Each run waits out its lock bound on
            // the held person, so the runs stop once the free one is erased, not only at a run that erases nobody.
            int erased;
            do {
                erased = retention.eraseExpired();
            } while (erased > 0 && !isErased(free));
            other.rollback();
        }
        given().auth().oauth2(TestTokens.officer()).when().get("/api/v1/beneficiaries/{id}/erasure", free.id())
                .then().statusCode(200).body("reason", equalTo("RETENTION"));
        given().auth().oauth2(TestTokens.officer()).when().get("/api/v1/beneficiaries/{id}/erasure", held.id())
                .then().statusCode(404);

        assertTrue(retention.eraseExpired() > 0);
        given().auth().oauth2(TestTokens.officer()).when().get("/api/v1/beneficiaries/{id}/erasure", held.id())
                .then().statusCode(200).body("reason", equalTo("RETENTION"));
    }

    private static boolean isErased(Person person) {
        return given().auth().oauth2(TestTokens.officer()).when().get("/api/v1/beneficiaries/{id}/erasure", person.id()).statusCode() == 200;
    }

    private static void holdRow(Connection connection, String id) throws Exception {
        try (PreparedStatement lock = connection.prepareStatement("SELECT 1 FROM beneficiary WHERE id = CAST(? AS uuid) FOR UPDATE")) {
            lock.setString(1, id);
            lock.executeQuery().close();
        }
    }

    private long relayLocksHeldShared() throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement("""
                     SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND mode = 'ShareLock' AND granted
                       AND database = (SELECT oid FROM pg_database WHERE datname = current_database())""");
             ResultSet row = count.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /**
     * The retention job waits for the relay like a request does, but nobody answers it: while the relay stays busy it
     * leaves the batch for its next run instead of failing the run, and that run erases them.
     */
    @Test
    void whileTheRelayStaysBusyTheRetentionJobLeavesItsBatchForTheNextRunWhichErasesIt() throws Exception {
        Person terminated = registeredWithEverything();
        given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON)
                .body("{\"status\": \"TERMINATED\", \"reason\": \"moved\"}")
                .when().post("/api/v1/beneficiaries/{id}/status", terminated.id()).then().statusCode(200);
        clock.travelTo(Instant.now().plus(Duration.ofDays(1827)));
        try (Connection relay = dataSource.getConnection()) {
            try (PreparedStatement lock = relay.prepareStatement("SELECT pg_advisory_lock(outbox_relay_lock_key())")) {
                lock.execute();
            }
            try {
                assertEquals(0, retention.eraseExpired(), "nothing is erased while the relay holds a batch");
            } finally {
                try (PreparedStatement unlock = relay.prepareStatement("SELECT pg_advisory_unlock(outbox_relay_lock_key())")) {
                    unlock.execute();
                }
            }
        }
        given().auth().oauth2(TestTokens.officer()).when().get("/api/v1/beneficiaries/{id}/erasure", terminated.id())
                .then().statusCode(404);
        while (retention.eraseExpired() > 0) {
            // Earlier tests may have left more terminated cases than one batch holds.
        }
        given().auth().oauth2(TestTokens.officer()).when().get("/api/v1/beneficiaries/{id}/erasure", terminated.id())
                .then().statusCode(200).body("reason", equalTo("RETENTION"));
    }

    @Test
    void askingAgainAnswersTheFirstErasureAndTheRecordTakesNoNewPersonalData() {
        Person person = registeredWithEverything();
        given().auth().oauth2(TestTokens.officer()).when().get("/api/v1/beneficiaries/{id}/erasure", person.id())
                .then().statusCode(404);
        String first = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"requestReference\": \"PDP/1\"}")
                .when().post("/api/v1/beneficiaries/{id}/erasure", person.id()).then().statusCode(200).extract().path("pseudonym");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"requestReference\": \"PDP/2\"}")
                .when().post("/api/v1/beneficiaries/{id}/erasure", person.id())
                .then().statusCode(200).body("pseudonym", equalTo(first)).body("requestReference", equalTo("PDP/1"));
        given().auth().oauth2(TestTokens.auditor()).when().get("/api/v1/beneficiaries/{id}/erasure", person.id())
                .then().statusCode(200).body("pseudonym", equalTo(first));

        String etag = given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/beneficiaries/{id}", person.id())
                .then().extract().header("ETag");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).header("If-Match", etag)
                .body(BeneficiaryFixtures.fullRecord(person.name(), person.nik(), person.kk(), "32.01.01.1001", TestTokens.UNIT_A))
                .when().put("/api/v1/beneficiaries/{id}", person.id()).then().statusCode(409);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(ConsentFixtures.body("PARTNER_SHARING", true))
                .when().post("/api/v1/beneficiaries/{id}/consents", person.id()).then().statusCode(409);
        // The NIK is gone, keyed hash and all: the same person may be registered again, as someone new.
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(BeneficiaryFixtures.registration(person.name(), person.nik(), NikFixtures.WOMAN_BIRTH_DATE, "FEMALE"))
                .when().post("/api/v1/beneficiaries").then().statusCode(201);
    }

    @Test
    void erasingAPersonErasesTheRecordsMergedIntoThemToo() throws Exception {
        Person survivor = registeredWithEverything();
        Person merged = registeredWithEverything();
        List<String> mergedTraces = traces(merged);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement merge = connection.prepareStatement(
                     "UPDATE beneficiary SET merged_into = CAST(? AS uuid) WHERE id = CAST(? AS uuid)")) {
            merge.setString(1, survivor.id());
            merge.setString(2, merged.id());
            assertEquals(1, merge.executeUpdate());
        }
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{\"requestReference\": \"PDP/4\"}")
                .when().post("/api/v1/beneficiaries/{id}/erasure", survivor.id()).then().statusCode(200);

        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/beneficiaries/{id}/erasure", merged.id())
                .then().statusCode(200).body("reason", equalTo("REQUEST")).body("requestReference", equalTo("PDP/4"));
        assertEquals(List.of(), whereFound(mergedTraces));
    }

    @Test
    void onlyOfficersOfTheUnitAndAdminsMayErase() {
        Person person = registeredWithEverything();
        String body = "{\"requestReference\": \"PDP/3\"}";
        given().auth().oauth2(TestTokens.officer(TestTokens.UNIT_B)).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/beneficiaries/{id}/erasure", person.id()).then().statusCode(404);
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/beneficiaries/{id}/erasure", person.id()).then().statusCode(403);
        given().auth().oauth2(TestTokens.auditor()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/beneficiaries/{id}/erasure", person.id()).then().statusCode(403);
        given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/beneficiaries/{id}/erasure", person.id())
                .then().statusCode(400).body("errors.field", hasItem("requestReference"));
        given().auth().oauth2(TestTokens.officer()).when().get("/api/v1/beneficiaries/{id}", person.id())
                .then().statusCode(200).body("fullName", equalTo(person.name()));
    }

    @Test
    void theRetentionJobErasesCasesTerminatedLongerAgoThanThePeriodAndNoOthers() throws Exception {
        Person terminated = registeredWithEverything();
        Person open = registeredWithEverything();
        given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON)
                .body("{\"status\": \"TERMINATED\", \"reason\": \"moved to " + terminated.addressLine() + "\"}")
                .when().post("/api/v1/beneficiaries/{id}/status", terminated.id()).then().statusCode(200);
        List<String> terminatedTraces = traces(terminated);
        List<String> openTraces = traces(open);

        retention.eraseExpired();
        given().auth().oauth2(TestTokens.officer()).when().get("/api/v1/beneficiaries/{id}/erasure", terminated.id())
                .then().statusCode(404);

        clock.travelTo(Instant.now().plus(Duration.ofDays(1827)));
        while (retention.eraseExpired() > 0) {
            // Earlier tests may have left more terminated cases than one batch holds.
        }
        given().auth().oauth2(TestTokens.officer()).when().get("/api/v1/beneficiaries/{id}/erasure", terminated.id())
                .then().statusCode(200).body("reason", equalTo("RETENTION")).body("erasedBy", equalTo("retention"));
        given().auth().oauth2(TestTokens.officer()).when().get("/api/v1/beneficiaries/{id}/erasure", open.id())
                .then().statusCode(404);
        assertEquals(List.of(), whereFound(terminatedTraces));
        assertEquals(7, whereFound(openTraces).stream().map(hit -> hit.substring(hit.indexOf(" holds ") + 7))
                .distinct().count(), "the open case keeps its name, phone, address and both numbers' hash and cipher");
    }
}
