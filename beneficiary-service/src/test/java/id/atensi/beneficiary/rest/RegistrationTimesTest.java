package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.BeneficiaryFixtures;
import id.atensi.beneficiary.NikFixtures;
import id.atensi.beneficiary.ServiceUnitFixtures;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.MovableClock;
import id.atensi.testing.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A registration, an update and an import are dated by the service's clock, the one its rules ask for "now": moved to
 * days the real clock has not reached, the person's times, its timeline entries, the audit row of the unmasked answer,
 * the events' times and the import job's fall on those days.
 */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "beneficiary"))
class RegistrationTimesTest {

    /** Days the real clock has not reached, so that only the service's clock can date a row on them. */
    private static final LocalDate REGISTERED = LocalDate.of(2032, 5, 3);
    private static final LocalDate UPDATED = LocalDate.of(2032, 6, 9);
    private static final LocalDate IMPORTED = LocalDate.of(2032, 7, 15);

    @Inject
    MovableClock clock;

    @Inject
    AgroalDataSource dataSource;

    @AfterEach
    void realTimeAgain() {
        clock.reset();
    }

    @Test
    void aRegistrationAndAnUpdateAreDatedByTheServiceClock() throws SQLException {
        String nik = NikFixtures.woman();
        String unit = ServiceUnitFixtures.fresh();
        clock.travelTo(REGISTERED.atTime(LocalTime.of(9, 30)).atZone(MovableClock.ZONE));
        String id = BeneficiaryFixtures.registerFull("Rina Marlina", nik, unit).path("id");

        assertEquals(List.of(REGISTERED, REGISTERED), days("SELECT registered_at::text FROM beneficiary WHERE id = CAST(? AS uuid)"
                + " UNION ALL SELECT updated_at::text FROM beneficiary WHERE id = CAST(? AS uuid)", id, id), "the person's times");
        assertEquals(List.of(REGISTERED), days("SELECT occurred_at::text FROM timeline_entry WHERE beneficiary_id = CAST(? AS uuid)"
                + " AND kind = 'registered'", id), "the timeline entry");
        assertEquals(List.of(REGISTERED), days("SELECT accessed_at::text FROM personal_data_access WHERE beneficiary_id = CAST(? AS uuid)"
                + " AND action = 'register'", id), "the audit row of the unmasked answer");
        assertEquals(List.of(REGISTERED), days("SELECT payload ->> 'registeredAt' FROM outbox_event WHERE aggregate_id = ?"
                + " AND event_type = 'atensi.beneficiary.registered.v1'", id), "the registered event");
        assertEquals(List.of(0), counts("""
                SELECT count(*) FROM beneficiary b JOIN timeline_entry t ON t.beneficiary_id = b.id AND t.kind = 'registered'
                WHERE b.id = CAST(? AS uuid) AND (t.occurred_at <> b.registered_at OR b.updated_at <> b.registered_at)""", id),
                "the timeline entry and the person's times are one moment");

        clock.travelTo(UPDATED.atTime(LocalTime.of(14, 0)).atZone(MovableClock.ZONE));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(BeneficiaryFixtures.fullRecord("Rina Marlina Sari", nik, "3201010101200001", "32.01.01.1001", unit))
                .when().put("/api/v1/beneficiaries/{id}", id)
                .then().statusCode(200);

        assertEquals(List.of(UPDATED), days("SELECT updated_at::text FROM beneficiary WHERE id = CAST(? AS uuid)", id), "updated_at");
        assertEquals(List.of(REGISTERED), days("SELECT registered_at::text FROM beneficiary WHERE id = CAST(? AS uuid)", id),
                "registered_at stays");
        assertEquals(List.of(UPDATED), days("SELECT occurred_at::text FROM timeline_entry WHERE beneficiary_id = CAST(? AS uuid)"
                + " AND kind = 'updated'", id), "the update's timeline entry");
        assertEquals(List.of(UPDATED), days("SELECT payload ->> 'updatedAt' FROM outbox_event WHERE aggregate_id = ?"
                + " AND event_type = 'atensi.beneficiary.updated.v1'", id), "the updated event");
    }

    @Test
    void anImportIsDatedByTheServiceClock() throws SQLException {
        ServiceUnitFixtures.standard();
        clock.travelTo(IMPORTED.atTime(LocalTime.of(10, 15)).atZone(MovableClock.ZONE));
        String job = ImportTest.upload(TestTokens.officer(), "fullName,nik,birthDate,sex,provinceCode,regencyCode\n"
                + "Waktu Impor," + NikFixtures.woman() + "," + NikFixtures.WOMAN_BIRTH_DATE + ",FEMALE,32,32.01\n");
        ImportTest.finished(TestTokens.officer(), job).body("status", equalTo("DONE")).body("registered", equalTo(1));

        String person = strings("SELECT id::text FROM beneficiary WHERE import_job_id = CAST(? AS uuid)", job).get(0);
        assertEquals(List.of(IMPORTED, IMPORTED), days("SELECT created_at::text FROM import_job WHERE id = CAST(? AS uuid)"
                + " UNION ALL SELECT finished_at::text FROM import_job WHERE id = CAST(? AS uuid)", job, job), "the job's times");
        assertEquals(List.of(IMPORTED, IMPORTED), days("SELECT registered_at::text FROM beneficiary WHERE id = CAST(? AS uuid)"
                + " UNION ALL SELECT updated_at::text FROM beneficiary WHERE id = CAST(? AS uuid)", person, person), "the person's times");
        assertEquals(List.of(IMPORTED), days("SELECT occurred_at::text FROM timeline_entry WHERE beneficiary_id = CAST(? AS uuid)"
                + " AND kind = 'registered'", person), "the timeline entry");
        assertEquals(List.of(IMPORTED, IMPORTED), days("SELECT payload ->> 'registeredAt' FROM outbox_event WHERE aggregate_id = ?"
                + " AND event_type = 'atensi.beneficiary.registered.v1' UNION ALL SELECT occurred_at::text FROM outbox_event"
                + " WHERE aggregate_id = ? AND event_type = 'atensi.beneficiary.registered.v1'", person, person), "the registered event");
    }

    /** The calendar days, in the programme's zone, of the moments a query answers as text. */
    private List<LocalDate> days(String sql, String... parameters) throws SQLException {
        List<LocalDate> days = new ArrayList<>();
        for (String moment : strings(sql, parameters)) {
            days.add(OffsetDateTime.parse(moment.replace(' ', 'T').replaceFirst("([+-]\\d\\d)$", "$1:00"))
                    .atZoneSameInstant(MovableClock.ZONE).toLocalDate());
        }
        return days;
    }

    private List<Integer> counts(String sql, String parameter) throws SQLException {
        return strings(sql, parameter).stream().map(Integer::valueOf).toList();
    }

    private List<String> strings(String sql, String... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }
}
