package id.atensi.training.rest;

import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import id.atensi.training.ClassFixtures;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static id.atensi.training.ClassFixtures.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "training"))
class ProgrammeReportFiltersTest {

    private static final String REPORT = "/api/v1/training/programmes/{id}/report";

    /** A class of the programme hosted by {@code unit}, from {@code startDate} to {@code endDate}, scheduled by an admin. */
    private static void schedule(String programme, String title, UUID unit, String startDate, String endDate) {
        String body = ClassFixtures.classBody(programme, title, 20, 0, unit, ClassFixtures.PROVIDER, "BENEFICIARY")
                .replace("\"startDate\":\"2024-01-10\"", "\"startDate\":\"" + startDate + "\"")
                .replace("\"endDate\":\"2024-01-31\"", "\"endDate\":\"" + endDate + "\"");
        as(TestTokens.admin()).body(body).post("/api/v1/training/classes").then().statusCode(201);
    }

    /** January at UNIT_A, March at UNIT_A, January at UNIT_B (the fixtures' units), starting on the first and last days of their months. */
    private static String programmeOfThreeClasses() {
        String programme = ClassFixtures.programme("PENA " + UUID.randomUUID(), "SEWING");
        schedule(programme, "Januari A", ClassFixtures.HOST_UNIT, "2024-01-01", "2024-01-20");
        schedule(programme, "Maret A", ClassFixtures.HOST_UNIT, "2024-03-31", "2024-04-15");
        schedule(programme, "Januari B", ClassFixtures.OTHER_UNIT, "2024-01-31", "2024-02-10");
        return programme;
    }

    private static ValidatableResponse report(String token, String programme, String query) {
        return as(token).get(REPORT + query, programme).then();
    }

    @Test
    void aReportCountsTheClassesStartingInThePeriodBothDaysIncluded() {
        String programme = programmeOfThreeClasses();
        report(TestTokens.admin(), programme, "").statusCode(200).body("classCount", equalTo(3));
        report(TestTokens.admin(), programme, "?from=2024-01-01&to=2024-01-31").statusCode(200)
                .body("classCount", equalTo(2)).body("classes.title", contains("Januari A", "Januari B"));
        report(TestTokens.auditor(), programme, "?from=2024-01-02").statusCode(200)
                .body("classes.title", contains("Januari B", "Maret A"));
        report(TestTokens.viewer(), programme, "?to=2024-01-01").statusCode(200).body("classes.title", contains("Januari A"));
        report(TestTokens.admin(), programme, "?from=2024-04-01").statusCode(200).body("classCount", equalTo(0))
                .body("totals.participants", equalTo(0));
    }

    @Test
    void aReportNarrowsToAHostUnitWithinTheCallersScope() {
        String programme = programmeOfThreeClasses();
        report(TestTokens.admin(), programme, "?hostUnitId=" + ClassFixtures.OTHER_UNIT).statusCode(200)
                .body("classes.title", contains("Januari B"));
        report(TestTokens.admin(), programme, "?hostUnitId=" + ClassFixtures.HOST_UNIT + "&from=2024-03-01").statusCode(200)
                .body("classes.title", contains("Maret A"));
        report(TestTokens.officer(), programme, "?hostUnitId=" + ClassFixtures.HOST_UNIT).statusCode(200)
                .body("classes.title", contains("Januari A", "Maret A"));
        report(TestTokens.partner(ClassFixtures.PROVIDER.toString()), programme, "?hostUnitId=" + ClassFixtures.OTHER_UNIT).statusCode(200)
                .body("classes.title", contains("Januari B"));
        report(TestTokens.partner(UUID.randomUUID().toString()), programme, "?hostUnitId=" + ClassFixtures.OTHER_UNIT).statusCode(200)
                .body("classCount", equalTo(0));
    }

    @Test
    void anOfficerNamingAnotherUnitCountsNoneOfItsClasses() {
        String programme = programmeOfThreeClasses();
        report(TestTokens.officer(), programme, "?hostUnitId=" + ClassFixtures.OTHER_UNIT).statusCode(200)
                .body("classCount", equalTo(0)).body("totals.participants", equalTo(0));
        report(TestTokens.officer(ClassFixtures.OTHER_UNIT.toString()), programme, "?hostUnitId=" + ClassFixtures.HOST_UNIT).statusCode(200)
                .body("classCount", equalTo(0));
        report(TestTokens.officer(ClassFixtures.OTHER_UNIT.toString()), programme, "").statusCode(200)
                .body("classes.title", contains("Januari B"));
    }

    @Test
    void aBadDateOrAPeriodEndingBeforeItStartsIsRefusedWith400() {
        String programme = ClassFixtures.programme("PENA " + UUID.randomUUID(), "SEWING");
        report(TestTokens.admin(), programme, "?from=2024-02-30").statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("validation")).body("errors[0].field", equalTo("from"));
        report(TestTokens.admin(), programme, "?to=yesterday").statusCode(400).body("errors[0].field", equalTo("to"));
        report(TestTokens.admin(), programme, "?from=2024-03-01&to=2024-02-29").statusCode(400).body("errors[0].field", equalTo("to"));
        report(TestTokens.admin(), UUID.randomUUID().toString(), "?from=2024-01-01").statusCode(404);
    }
}
