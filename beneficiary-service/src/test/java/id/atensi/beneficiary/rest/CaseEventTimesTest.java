package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.BeneficiaryFixtures;
import id.atensi.beneficiary.ConsentFixtures;
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
import org.junit.jupiter.api.BeforeEach;
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
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The times a case records and publishes come from the service's clock, the one its rules ask for "now": moved to a
 * day the real clock has not reached, every event of the case workflow (status changes, consent, a transfer) is dated
 * that day, with the same moment as the record it tells of.
 */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "beneficiary"))
class CaseEventTimesTest {

    /** A day the real clock has not reached, so that only the service's clock can date an event on it. */
    private static final LocalDate DAY = LocalDate.of(2031, 3, 17);

    @Inject
    MovableClock clock;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void serviceUnitsAreKnown() {
        ServiceUnitFixtures.standard();
    }

    @AfterEach
    void realTimeAgain() {
        clock.reset();
    }

    @Test
    void everyEventOfTheCaseWorkflowIsDatedByTheServiceClockAsItsRecordIs() throws SQLException {
        clock.travelTo(DAY.atTime(LocalTime.of(10, 0)).atZone(MovableClock.ZONE));
        String id = BeneficiaryFixtures.register("Dewi Lestari", NikFixtures.woman(), NikFixtures.WOMAN_BIRTH_DATE, "FEMALE");
        given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON)
                .body("{\"assessedOn\": \"2031-03-10\", \"needs\": [{\"service\": \"ACCESSIBILITY_SUPPORT\", \"need\": \"wheelchair\"}]}")
                .when().post("/api/v1/beneficiaries/{id}/assessments", id)
                .then().statusCode(201);
        given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON)
                .body("{\"status\": \"ACTIVE\", \"decisionNumber\": \"SK/07/2031\", \"decisionDate\": \"" + DAY + "\"}")
                .when().post("/api/v1/beneficiaries/{id}/status", id)
                .then().statusCode(200);
        ConsentFixtures.give(id, "PARTNER_SHARING");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"kind\": \"TRANSFER\", \"serviceUnitId\": \"" + ServiceUnitFixtures.fresh() + "\"}")
                .when().post("/api/v1/beneficiaries/{id}/transfers", id)
                .then().statusCode(201);

        List<String> events = strings("""
                SELECT event_type || ' ' || coalesce(payload ->> 'changedAt', payload ->> 'updatedAt') FROM outbox_event
                WHERE aggregate_id = ? AND event_type <> 'atensi.beneficiary.registered.v1' ORDER BY occurred_at, id""", id);
        assertEquals(4, events.size(), "status-changed twice, consent-changed, updated: " + events);
        for (String event : events) {
            OffsetDateTime time = OffsetDateTime.parse(event.substring(event.indexOf(' ') + 1));
            assertEquals(DAY, time.atZoneSameInstant(MovableClock.ZONE).toLocalDate(), "dated by the service's clock: " + event);
        }
        assertEquals(List.of(), strings("""
                SELECT s.to_status FROM beneficiary_status_change s
                WHERE s.beneficiary_id = CAST(? AS uuid) AND NOT EXISTS (
                    SELECT 1 FROM outbox_event o WHERE o.aggregate_id = s.beneficiary_id::text
                    AND o.payload ->> 'toStatus' = s.to_status AND CAST(o.payload ->> 'changedAt' AS timestamptz) = s.changed_at)""", id),
                "status changes whose event carries another moment");
        assertEquals(List.of(), strings("""
                SELECT t.kind FROM unit_transfer t
                WHERE t.beneficiary_id = CAST(? AS uuid) AND NOT EXISTS (
                    SELECT 1 FROM outbox_event o WHERE o.aggregate_id = t.beneficiary_id::text
                    AND o.event_type = 'atensi.beneficiary.updated.v1' AND CAST(o.payload ->> 'updatedAt' AS timestamptz) = t.made_at)""", id),
                "transfers whose event carries another moment");
    }

    private List<String> strings(String sql, String parameter) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
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
