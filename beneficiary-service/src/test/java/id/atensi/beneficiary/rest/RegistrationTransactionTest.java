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
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A registration commits its rows in a JDBC transaction of its own rather than a JTA one: the person, its event (the
 * outbox), the audit row of its answer and, when one is sent, its Idempotency-Key still commit together or not at all.
 */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "beneficiary"))
class RegistrationTransactionTest {

    /** The audit row is the registration's last statement: refusing it must take the person and the event with it. */
    private static final String REFUSED_REQUEST_ID = "registration-audit-refused";

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void serviceUnitsAreKnown() {
        ServiceUnitFixtures.standard();
    }

    @Test
    void aRegistrationWhoseAuditRowFailsLeavesNoPersonAndNoEvent() throws SQLException {
        String nik = NikFixtures.woman();
        String name = "Sri Gagal " + letters(nik.substring(12));
        refuseAuditRows(() -> given().noFilters().auth().oauth2(TestTokens.officer()).header("X-Request-Id", REFUSED_REQUEST_ID)
                .contentType(ContentType.JSON)
                .body(BeneficiaryFixtures.registration(name, nik, NikFixtures.WOMAN_BIRTH_DATE, "FEMALE"))
                .when().post("/api/v1/beneficiaries")
                .then().statusCode(500)
                .contentType("application/problem+json")
                .body("code", equalTo("internal")));

        assertEquals(0, count("SELECT count(*) FROM beneficiary WHERE full_name = ?", name), "no person without its audit row");
        assertEquals(0, count("SELECT count(*) FROM outbox_event WHERE payload ->> 'fullName' = ?", name), "no event of a person not registered");

        // The NIK was not taken: the same registration succeeds once the audit row can be written.
        String id = BeneficiaryFixtures.register(name, nik, NikFixtures.WOMAN_BIRTH_DATE, "FEMALE");
        assertEquals(1, count("SELECT count(*) FROM beneficiary WHERE full_name = ?", name));
        assertEquals(1, count("SELECT count(*) FROM outbox_event WHERE payload ->> 'beneficiaryId' = ?", id), "the registration's one event");
        assertEquals(1, count("SELECT count(*) FROM personal_data_access WHERE beneficiary_id = CAST(? AS uuid) AND action = 'register'", id),
                "the answer's audit row");
    }

    @Test
    void aKeyedRegistrationReplayedAnswersTheFirstRecordAndWritesNothingMore() throws SQLException {
        String nik = NikFixtures.woman();
        String name = "Sri Kunci " + letters(nik.substring(12));
        String key = "registration-replayed-" + nik;
        String body = BeneficiaryFixtures.registration(name, nik, NikFixtures.WOMAN_BIRTH_DATE, "FEMALE");
        String id = given().auth().oauth2(TestTokens.officer()).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/beneficiaries")
                .then().statusCode(201).header("Idempotent-Replayed", nullValue()).body("nik", equalTo(nik)).extract().path("id");
        assertEquals(1, count("SELECT count(*) FROM idempotency_key WHERE key = ? AND resource_id IS NOT NULL", key), "the key, with its record");

        given().auth().oauth2(TestTokens.officer()).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/beneficiaries")
                .then().statusCode(201).header("Idempotent-Replayed", equalTo("true"))
                .body("id", equalTo(id)).body("fullName", equalTo(name)).body("nik", equalTo(nik));

        assertEquals(1, count("SELECT count(*) FROM beneficiary WHERE full_name = ?", name), "one person for the two calls");
        assertEquals(1, count("SELECT count(*) FROM outbox_event WHERE payload ->> 'beneficiaryId' = ?", id), "one event");
        assertEquals(1, count("SELECT count(*) FROM timeline_entry WHERE beneficiary_id = CAST(? AS uuid)", id), "one timeline entry");
        assertEquals(2, count("SELECT count(*) FROM personal_data_access WHERE beneficiary_id = CAST(? AS uuid) AND action = 'register'", id),
                "an audit row for each answer that showed the NIK");
    }

    @Test
    void anotherRequestUnderTheSameKeyIsRefusedAndRegistersNobody() throws SQLException {
        String nik = NikFixtures.woman();
        String name = "Sri Pertama " + letters(nik.substring(12));
        String key = "registration-reused-" + nik;
        given().auth().oauth2(TestTokens.officer()).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(BeneficiaryFixtures.registration(name, nik, NikFixtures.WOMAN_BIRTH_DATE, "FEMALE"))
                .when().post("/api/v1/beneficiaries")
                .then().statusCode(201);
        String other = NikFixtures.woman();
        String otherName = "Sri Lain " + letters(other.substring(12));

        given().auth().oauth2(TestTokens.officer()).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(BeneficiaryFixtures.registration(otherName, other, NikFixtures.WOMAN_BIRTH_DATE, "FEMALE"))
                .when().post("/api/v1/beneficiaries")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("unprocessable"));

        assertEquals(0, count("SELECT count(*) FROM beneficiary WHERE full_name = ?", otherName), "nobody registered under a reused key");
        assertEquals(0, count("SELECT count(*) FROM outbox_event WHERE payload ->> 'fullName' = ?", otherName));
        // The refused request's NIK is free for a registration of its own.
        BeneficiaryFixtures.register(otherName, other, NikFixtures.WOMAN_BIRTH_DATE, "FEMALE");
    }

    @Test
    void aKeyedRegistrationThatFailsLeavesNeitherThePersonNorTheKey() throws SQLException {
        String nik = NikFixtures.woman();
        String name = "Sri Kunci Gagal " + letters(nik.substring(12));
        String key = "registration-failed-" + nik;
        String body = BeneficiaryFixtures.registration(name, nik, NikFixtures.WOMAN_BIRTH_DATE, "FEMALE");
        refuseAuditRows(() -> given().noFilters().auth().oauth2(TestTokens.officer()).header("X-Request-Id", REFUSED_REQUEST_ID)
                .header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/beneficiaries")
                .then().statusCode(500)
                .contentType("application/problem+json"));

        assertEquals(0, count("SELECT count(*) FROM beneficiary WHERE full_name = ?", name), "no person");
        assertEquals(0, count("SELECT count(*) FROM outbox_event WHERE payload ->> 'fullName' = ?", name), "no event");
        assertEquals(0, count("SELECT count(*) FROM idempotency_key WHERE key = ?", key), "no key: the retry registers for real");

        String id = given().auth().oauth2(TestTokens.officer()).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/beneficiaries")
                .then().statusCode(201).header("Idempotent-Replayed", nullValue()).extract().path("id");
        assertEquals(1, count("SELECT count(*) FROM outbox_event WHERE payload ->> 'beneficiaryId' = ?", id), "the retry's one event");
    }

    /** Runs {@code call} while the database refuses the audit row of a request with {@link #REFUSED_REQUEST_ID}. */
    private void refuseAuditRows(Runnable call) throws SQLException {
        execute("""
                CREATE OR REPLACE FUNCTION refuse_test_audit() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF NEW.request_id = '%s' THEN RAISE EXCEPTION 'audit row refused by the test'; END IF;
                  RETURN NEW;
                END $$""".formatted(REFUSED_REQUEST_ID));
        execute("CREATE TRIGGER refuse_test_audit BEFORE INSERT ON personal_data_access FOR EACH ROW EXECUTE FUNCTION refuse_test_audit()");
        try {
            // Callers go without the OpenAPI contract filter: a failure the database forces is the generic 500 no operation documents.
            call.run();
        } finally {
            execute("DROP TRIGGER refuse_test_audit ON personal_data_access");
            execute("DROP FUNCTION refuse_test_audit()");
        }
    }

    @Test
    void aNikTakenIsAConflictThatLeavesNothingBehind() throws SQLException {
        String nik = NikFixtures.woman();
        String first = BeneficiaryFixtures.register("Sri Pertama", nik, NikFixtures.WOMAN_BIRTH_DATE, "FEMALE");

        given().auth().oauth2(TestTokens.officer())
                .contentType(ContentType.JSON)
                .body(BeneficiaryFixtures.registration("Sri Kedua Konflik", nik, NikFixtures.WOMAN_BIRTH_DATE, "FEMALE"))
                .when().post("/api/v1/beneficiaries")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("existingId", equalTo(first));
        assertEquals(0, count("SELECT count(*) FROM beneficiary WHERE full_name = ?", "Sri Kedua Konflik"));
        assertEquals(0, count("SELECT count(*) FROM outbox_event WHERE payload ->> 'fullName' = ?", "Sri Kedua Konflik"));
    }

    /** The NIK's serial digits as letters, so that each run's name is its own and still a name. */
    private static String letters(String digits) {
        StringBuilder name = new StringBuilder();
        for (char digit : digits.toCharArray()) {
            name.append((char) ('a' + digit - '0'));
        }
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private long count(String sql, String parameter) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
