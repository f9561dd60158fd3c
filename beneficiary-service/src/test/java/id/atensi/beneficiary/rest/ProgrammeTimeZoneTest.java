package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.BeneficiaryFixtures;
import id.atensi.beneficiary.NikFixtures;
import id.atensi.beneficiary.ServiceUnitFixtures;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.MovableClock;
import id.atensi.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalTime;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * "Today" is the programme's day in Asia/Jakarta (WIB, UTC+7): until 07:00 WIB, UTC is still on the day before, and a
 * decree signed or an assessment made that morning is dated today, not in the future.
 */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "beneficiary"))
class ProgrammeTimeZoneTest {

    /** A day the service's real clock has not reached, so that only the moved clock can make it "today". */
    private static final LocalDate DAY = LocalDate.of(2031, 3, 17);

    @Inject
    MovableClock clock;

    @BeforeEach
    void serviceUnitsAreKnown() {
        ServiceUnitFixtures.standard();
    }

    @AfterEach
    void realTimeAgain() {
        clock.reset();
    }

    private void at(LocalTime wib) {
        clock.travelTo(DAY.atTime(wib).atZone(MovableClock.ZONE));
    }

    private static String assessed() {
        String id = BeneficiaryFixtures.register("Dewi Lestari", NikFixtures.woman(), NikFixtures.WOMAN_BIRTH_DATE, "FEMALE");
        assess(id, LocalDate.of(2031, 3, 10)).statusCode(201);
        return id;
    }

    private static ValidatableResponse assess(String id, LocalDate on) {
        return given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON)
                .body("""
                        {"assessedOn": "%s", "needs": [{"service": "ACCESSIBILITY_SUPPORT", "need": "wheelchair"}]}
                        """.formatted(on))
                .when().post("/api/v1/beneficiaries/{id}/assessments", id)
                .then();
    }

    private static ValidatableResponse designate(String id, LocalDate decisionDate) {
        return given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON)
                .body("{\"status\": \"ACTIVE\", \"decisionNumber\": \"SK/07/2031\", \"decisionDate\": \"" + decisionDate + "\"}")
                .when().post("/api/v1/beneficiaries/{id}/status", id)
                .then();
    }

    @Test
    void aDecisionDatedTodayInJakartaBeforeSevenInTheMorningIsAccepted() {
        at(LocalTime.of(6, 30));
        String id = assessed();
        designate(id, DAY).statusCode(200).body("decisionDate", equalTo(DAY.toString()));
    }

    @Test
    void aDecisionDatedTomorrowInJakartaIsRefusedLateInTheEvening() {
        at(LocalTime.of(23, 30));
        String id = assessed();
        designate(id, DAY.plusDays(1)).statusCode(400).body("errors.field", hasItem("decisionDate"));
    }

    @Test
    void anAssessmentMadeThisJakartaMorningIsDatedToday() {
        at(LocalTime.of(6, 30));
        String id = BeneficiaryFixtures.register("Dewi Lestari", NikFixtures.woman(), NikFixtures.WOMAN_BIRTH_DATE, "FEMALE");
        assess(id, DAY).statusCode(201);
        assess(id, DAY.plusDays(1)).statusCode(400);
    }
}
