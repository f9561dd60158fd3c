package id.atensi.aid.rest;

import id.atensi.aid.DistributionFixtures;
import id.atensi.aid.ProgrammeFixtures;
import id.atensi.aid.ReadModelFixtures;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import static id.atensi.aid.ProgrammeFixtures.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "aid"))
class ReportFiltersTest {

    private static final String TOTALS = "/api/v1/aid/reports/totals?by=programme&programmeId={p}";

    /** The day the service stamps a proposal with: the wall clock's, in Jakarta (proposals are not dated by the test clock). */
    private static LocalDate proposalDay() {
        return LocalDate.now(ZoneId.of("Asia/Jakarta"));
    }

    private static ValidatableResponse totals(String token, String programmeId, String query) {
        return as(token).get(TOTALS + query, programmeId).then();
    }

    /** Two distributions of UNIT_A proposed by its officer (Rp 750,000 and 500,000), one of UNIT_B by an admin (Rp 1,000,000). */
    private static String[] programmeAcrossTwoUnits() {
        String[] programme = ProgrammeFixtures.programme(100_000_000);
        String item = ProgrammeFixtures.item("STAPLE_FOOD_PACKAGE", 250_000);
        DistributionFixtures.proposed(programme, item, 3);
        DistributionFixtures.proposed(programme, item, 2);
        String unitB = ReadModelFixtures.collectives("household", 1, TestTokens.UNIT_B, "31", "31.71", true).get(0);
        DistributionFixtures.propose(TestTokens.admin(), DistributionFixtures.proposal(programme, "HOUSEHOLD", unitB, item, 4)).statusCode(201);
        return programme;
    }

    @Test
    void totalsNarrowToAUnitWithinTheCallersScope() {
        String[] programme = programmeAcrossTwoUnits();
        totals(TestTokens.admin(), programme[0], "").statusCode(200)
                .body("[0].distributions", equalTo(3)).body("[0].proposedIdr", equalTo(2_250_000));
        totals(TestTokens.admin(), programme[0], "&serviceUnitId=" + TestTokens.UNIT_A).statusCode(200)
                .body("[0].distributions", equalTo(2)).body("[0].proposedIdr", equalTo(1_250_000));
        totals(TestTokens.auditor(), programme[0], "&serviceUnitId=" + TestTokens.UNIT_B).statusCode(200)
                .body("[0].distributions", equalTo(1)).body("[0].proposedIdr", equalTo(1_000_000));
        totals(TestTokens.officer(), programme[0], "&serviceUnitId=" + TestTokens.UNIT_A).statusCode(200)
                .body("[0].distributions", equalTo(2));
        totals(TestTokens.officer(TestTokens.UNIT_B), programme[0], "&serviceUnitId=" + TestTokens.UNIT_B).statusCode(200)
                .body("[0].distributions", equalTo(1));
    }

    @Test
    void anOfficerNamingAnotherUnitCountsNothingOfIt() {
        String[] programme = programmeAcrossTwoUnits();
        totals(TestTokens.officer(), programme[0], "&serviceUnitId=" + TestTokens.UNIT_B).statusCode(200).body("", hasSize(0));
        totals(TestTokens.officer(TestTokens.UNIT_B), programme[0], "&serviceUnitId=" + TestTokens.UNIT_A).statusCode(200).body("", hasSize(0));
        totals(TestTokens.officer(TestTokens.UNIT_B), programme[0], "").statusCode(200).body("[0].distributions", equalTo(1));
    }

    @Test
    void aPartnersTotalsNarrowedToAUnitStayWithinWhatItChannels() {
        String[] programme = ProgrammeFixtures.programme(50_000_000);
        String item = ProgrammeFixtures.item("EQUIPMENT", 1_000_000);
        String lks = ReadModelFixtures.partner();
        DistributionFixtures.propose(TestTokens.partner(lks), DistributionFixtures.proposal(programme, "COMMUNITY_GROUP", ReadModelFixtures.group(), item, 3)).statusCode(201);
        DistributionFixtures.proposed(programme, item, 7);
        totals(TestTokens.partner(lks), programme[0], "&serviceUnitId=" + TestTokens.UNIT_A).statusCode(200)
                .body("[0].distributions", equalTo(1)).body("[0].proposedIdr", equalTo(3_000_000));
        totals(TestTokens.partner(lks), programme[0], "&serviceUnitId=" + TestTokens.UNIT_B).statusCode(200).body("", hasSize(0));
    }

    @Test
    void totalsNarrowToTheDaysTheDistributionsWereProposedBothIncluded() {
        String[] programme = programmeAcrossTwoUnits();
        LocalDate day = proposalDay();
        // a day either side: a run across midnight in Jakarta stays inside the period
        totals(TestTokens.admin(), programme[0], "&from=" + day.minusDays(1) + "&to=" + day.plusDays(1)).statusCode(200)
                .body("[0].distributions", equalTo(3)).body("[0].proposedIdr", equalTo(2_250_000));
        totals(TestTokens.admin(), programme[0], "&from=" + day.minusDays(1) + "&to=" + day.plusDays(1) + "&serviceUnitId=" + TestTokens.UNIT_A)
                .statusCode(200).body("[0].distributions", equalTo(2));
        totals(TestTokens.admin(), programme[0], "&from=" + day.plusDays(2)).statusCode(200).body("", hasSize(0));
        totals(TestTokens.admin(), programme[0], "&to=" + day.minusDays(2)).statusCode(200).body("", hasSize(0));
        as(TestTokens.admin()).get("/api/v1/aid/reports/totals?by=status&programmeId={p}&from={f}&to={t}", Map.of("p", programme[0],
                "f", day.minusDays(1).toString(), "t", day.plusDays(1).toString())).then().statusCode(200)
                .body("find { it.key == 'PROPOSED' }.proposedIdr", equalTo(2_250_000));
    }

    @Test
    void aBadDateOrAPeriodEndingBeforeItStartsIsRefusedWith400() {
        String programme = ProgrammeFixtures.programme(1_000_000)[0];
        totals(TestTokens.admin(), programme, "&from=2026-02-30").statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("validation")).body("errors[0].field", equalTo("from"));
        totals(TestTokens.admin(), programme, "&to=31-03-2026").statusCode(400).body("errors[0].field", equalTo("to"));
        totals(TestTokens.admin(), programme, "&from=2026-01-01T00:00:00Z").statusCode(400).body("errors[0].field", equalTo("from"));
        totals(TestTokens.admin(), programme, "&from=2026-04-01&to=2026-03-31").statusCode(400).body("errors[0].field", equalTo("to"));
    }
}
