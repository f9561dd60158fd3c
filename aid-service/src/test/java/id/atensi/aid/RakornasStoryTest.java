package id.atensi.aid;

import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.MovableClock;
import id.atensi.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static id.atensi.aid.DistributionFixtures.act;
import static id.atensi.aid.ProgrammeFixtures.as;
import static org.hamcrest.Matchers.equalTo;

/**
 * Story 3 of docs/programme.md (Rakornas 2020): ATENSI aid to 5 scavenger communities coached by LKS, each one plastic press
 * machine and two plastic-cup ring cutting machines, Rp 325,000,000 in total.
 */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "aid"))
class RakornasStoryTest {

    @Inject
    MovableClock clock;

    @AfterEach
    void backToToday() {
        clock.reset();
    }

    @Test
    void fiveScavengerCommunitiesReceiveExactlyRp325Million() {
        // The story happens in 2020, within the programme's period: after it, the programme takes no new distributions.
        clock.travelTo(LocalDate.of(2020, 6, 1));
        String programme = as(TestTokens.admin()).body(Map.of("name", "ATENSI komunitas pemulung binaan LKS (Rakornas 2020)",
                        "kind", "ATENSI_ASSISTANCE", "periodStart", "2020-01-01", "periodEnd", "2020-12-31",
                        "fundingSources", List.of(ProgrammeFixtures.share("STATE_BUDGET", 325_000_000L))))
                .post("/api/v1/aid/programmes").then().statusCode(201).extract().path("id");
        String source = ProgrammeFixtures.programmeView(programme).extract().path("fundingSources[0].id");
        String press = as(TestTokens.officer()).body(Map.of("code", "PRESS-" + UUID.randomUUID(), "name", "Mesin press plastik",
                "unit", "unit", "category", "EQUIPMENT", "amountIdr", 25_000_000)).post("/api/v1/aid/items").then().statusCode(201).extract().path("id");
        String cutter = as(TestTokens.officer()).body(Map.of("code", "CUTTER-" + UUID.randomUUID(), "name", "Mesin pemotong ring gelas plastik",
                "unit", "unit", "category", "EQUIPMENT", "amountIdr", 20_000_000)).post("/api/v1/aid/items").then().statusCode(201).extract().path("id");

        // Yayasan Kumala, Suara Peduli Indonesia, ERBE and Balarenik coach the communities; one LKS coaches two.
        List<String> lks = List.of(ReadModelFixtures.partner(), ReadModelFixtures.partner(), ReadModelFixtures.partner(), ReadModelFixtures.partner());
        List<String> communities = ReadModelFixtures.collectives("group", 6, TestTokens.UNIT_A, "32", "32.75", true);
        for (int community = 0; community < 5; community++) {
            String partner = lks.get(community % lks.size());
            String id = DistributionFixtures.propose(TestTokens.partner(partner), Map.of("programmeId", programme, "fundingSourceId", source,
                            "recipientKind", "COMMUNITY_GROUP", "recipientId", communities.get(community),
                            "lines", List.of(Map.of("itemId", press, "quantity", 1), Map.of("itemId", cutter, "quantity", 2))))
                    .statusCode(201).body("totalIdr", equalTo(65_000_000)).body("channellingPartnerId", equalTo(partner))
                    .extract().path("id");
            act(TestTokens.officer(), id, "approve").statusCode(200);
            act(TestTokens.partner(partner), id, "dispatch").statusCode(200);
            act(TestTokens.partner(partner), id, "deliver", DistributionFixtures.delivery()).statusCode(200).body("deliveredIdr", equalTo(65_000_000));
        }

        ProgrammeFixtures.programmeView(programme).body("budgetIdr", equalTo(325_000_000)).body("committedIdr", equalTo(325_000_000))
                .body("deliveredIdr", equalTo(325_000_000)).body("remainingIdr", equalTo(0));
        as(TestTokens.auditor()).get("/api/v1/aid/reports/totals?by=programme&programmeId={p}", programme).then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].distributions", equalTo(5)).body("[0].deliveredIdr", equalTo(325_000_000));
        as(TestTokens.auditor()).get("/api/v1/aid/reports/totals?by=item&programmeId={p}", programme).then().statusCode(200)
                .body("find { it.key == '%s' }.quantity".formatted(press), equalTo(5))
                .body("find { it.key == '%s' }.deliveredIdr".formatted(press), equalTo(125_000_000))
                .body("find { it.key == '%s' }.quantity".formatted(cutter), equalTo(10))
                .body("find { it.key == '%s' }.deliveredIdr".formatted(cutter), equalTo(200_000_000));
        as(TestTokens.auditor()).get("/api/v1/aid/reports/totals?by=partner&programmeId={p}", programme).then().statusCode(200)
                .body("size()", equalTo(4))
                .body("find { it.key == '%s' }.deliveredIdr".formatted(lks.get(0)), equalTo(130_000_000));
        as(TestTokens.auditor()).get("/api/v1/aid/reports/totals?by=region&programmeId={p}", programme).then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].key", equalTo("32")).body("[0].deliveredIdr", equalTo(325_000_000));
        as(TestTokens.auditor()).get("/api/v1/aid/reports/totals?by=funding-source&programmeId={p}", programme).then().statusCode(200)
                .body("[0].key", equalTo(source)).body("[0].committedIdr", equalTo(325_000_000));

        // a sixth community does not fit the budget
        String sixth = DistributionFixtures.propose(TestTokens.partner(lks.get(0)), Map.of("programmeId", programme, "fundingSourceId", source,
                "recipientKind", "COMMUNITY_GROUP", "recipientId", communities.get(5),
                "lines", List.of(Map.of("itemId", press, "quantity", 1)))).statusCode(201).extract().path("id");
        act(TestTokens.officer(), sixth, "approve").statusCode(422).body("rule", equalTo("budget-exceeded")).body("remainingIdr", equalTo(0));
    }
}
