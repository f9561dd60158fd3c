package id.atensi.aid;

import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static id.atensi.aid.DistributionFixtures.act;
import static id.atensi.aid.ProgrammeFixtures.as;
import static org.hamcrest.Matchers.equalTo;

/** Story 3 of docs/programme.md, "elsewhere": the larger bansos cases, their totals exact through the reports API. */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "aid"))
class BansosCasesTest {

    private static final long PACKAGE_IDR = 300_000;

    @Test
    void thirteenHundredEighteenPackagesInFortyOnePlacesAddUpExactly() {
        String[] programme = ProgrammeFixtures.programme(1_000_000_000L);
        String staples = ProgrammeFixtures.item("STAPLE_FOOD_PACKAGE", PACKAGE_IDR);
        List<String> places = ReadModelFixtures.collectives("group", 41, TestTokens.UNIT_A, "31", "31.71", true);
        // 1,318 = 6 × 33 + 35 × 32: the first six places get one package more
        for (int place = 0; place < places.size(); place++) {
            long packages = place < 6 ? 33 : 32;
            deliver(DistributionFixtures.propose(TestTokens.officer(), DistributionFixtures.proposal(programme, "COMMUNITY_GROUP", places.get(place), staples, packages))
                    .statusCode(201).extract().path("id"));
        }

        as(TestTokens.auditor()).get("/api/v1/aid/reports/totals?by=item&programmeId={p}", programme[0]).then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].distributions", equalTo(41))
                .body("[0].quantity", equalTo(1_318)).body("[0].deliveredQuantity", equalTo(1_318))
                .body("[0].deliveredIdr", equalTo(395_400_000));
        as(TestTokens.auditor()).get("/api/v1/aid/reports/totals?by=programme&programmeId={p}", programme[0]).then().statusCode(200)
                .body("[0].distributions", equalTo(41)).body("[0].committedIdr", equalTo(395_400_000))
                .body("[0].deliveredIdr", equalTo(395_400_000)).body("[0].proposedIdr", equalTo(0));
        as(TestTokens.auditor()).get("/api/v1/aid/reports/totals?by=status&programmeId={p}", programme[0]).then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].key", equalTo("DELIVERED")).body("[0].distributions", equalTo(41));
        ProgrammeFixtures.programmeView(programme[0]).body("deliveredIdr", equalTo(395_400_000)).body("remainingIdr", equalTo(604_600_000));
    }

    @Test
    void ninehundredMillionRupiahOfStaplesInLampungAddUpPerProvinceAndRegency() {
        String[] programme = ProgrammeFixtures.programme(900_000_000L);
        String staples = ProgrammeFixtures.item("STAPLE_FOOD_PACKAGE", PACKAGE_IDR);
        // Lampung (18): 15 regencies and cities, 200 packages each = 3,000 packages = Rp 900,000,000
        List<String> regencies = List.of("18.01", "18.02", "18.03", "18.04", "18.05", "18.06", "18.07", "18.08", "18.09", "18.10",
                "18.11", "18.12", "18.13", "18.71", "18.72");
        for (String household : ReadModelFixtures.collectives("household", TestTokens.UNIT_A, "18", regencies, true)) {
            deliver(DistributionFixtures.propose(TestTokens.officer(), DistributionFixtures.proposal(programme, "HOUSEHOLD", household, staples, 200))
                    .statusCode(201).extract().path("id"));
        }

        as(TestTokens.auditor()).get("/api/v1/aid/reports/totals?by=region&programmeId={p}", programme[0]).then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].key", equalTo("18")).body("[0].distributions", equalTo(15))
                .body("[0].deliveredIdr", equalTo(900_000_000)).body("[0].committedIdr", equalTo(900_000_000));
        var byRegency = as(TestTokens.auditor()).get("/api/v1/aid/reports/totals?by=regency&programmeId={p}", programme[0]).then()
                .statusCode(200).body("size()", equalTo(15)).body("key", equalTo(regencies));
        for (int i = 0; i < regencies.size(); i++) {
            byRegency.body("[%d].deliveredIdr".formatted(i), equalTo(60_000_000));
        }
        ProgrammeFixtures.programmeView(programme[0]).body("deliveredIdr", equalTo(900_000_000)).body("remainingIdr", equalTo(0));
        String oneMore = DistributionFixtures.proposed(programme, staples, 1);
        act(DistributionFixtures.APPROVER, oneMore, "approve").statusCode(422).body("rule", equalTo("budget-exceeded"));
        as(TestTokens.auditor()).get("/api/v1/aid/reports/totals?by=region&programmeId={p}", programme[0]).then()
                .body("find { it.key == 'UNKNOWN' }.proposedIdr", equalTo(300_000));
    }

    private static void deliver(String id) {
        act(DistributionFixtures.APPROVER, id, "approve").statusCode(200);
        act(TestTokens.officer(), id, "dispatch").statusCode(200);
        act(TestTokens.officer(), id, "deliver", DistributionFixtures.delivery()).statusCode(200);
    }
}
