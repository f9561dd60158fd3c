package id.atensi.aid.rest;

import id.atensi.aid.DistributionFixtures;
import id.atensi.testing.MovableClock;
import id.atensi.aid.ProgrammeFixtures;
import id.atensi.aid.ReadModelFixtures;
import id.atensi.testing.AtensiTestResource;
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
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * Issue 15, item 4, for programmes: a programme past its period reads ENDED from the next day (Asia/Jakarta), without
 * any job having run, is listed as such, and takes no new proposals or approvals, as its read says; an admin still
 * closes it, and distributions under way go on.
 */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "aid"))
class ProgrammePeriodTest {

    @Inject
    MovableClock clock;

    @AfterEach
    void backToToday() {
        clock.reset();
    }

    @Test
    void aProgrammeReadsEndedTheDayAfterItsPeriodAndTakesNoNewDistributions() {
        LocalDate end = ProgrammeFixtures.today().plusDays(5);
        String programme = as(TestTokens.admin()).body(Map.of("name", "Tanggap darurat " + UUID.randomUUID(), "kind", "EMERGENCY",
                        "periodStart", ProgrammeFixtures.today().minusDays(30).toString(), "periodEnd", end.toString(),
                        "fundingSources", List.of(ProgrammeFixtures.share("STATE_BUDGET", 10_000_000))))
                .post("/api/v1/aid/programmes").then().statusCode(201)
                .body("status", equalTo("OPEN")).body("allowedTransitions", equalTo(List.of("CLOSED"))).extract().path("id");
        String source = ProgrammeFixtures.programmeView(programme).extract().path("fundingSources[0].id");
        String[] ids = {programme, source};
        String item = ProgrammeFixtures.item("STAPLE_FOOD_PACKAGE", 300_000);
        String proposed = DistributionFixtures.proposed(ids, item, 1);
        String approved = DistributionFixtures.proposed(ids, item, 1);
        act(DistributionFixtures.APPROVER, approved, "approve").statusCode(200);

        clock.travelTo(end);
        ProgrammeFixtures.programmeView(programme).body("status", equalTo("OPEN"));
        as(TestTokens.auditor()).get("/api/v1/aid/programmes?status=OPEN&size=200").then().body("items.id", hasItem(programme));

        clock.travelTo(end.plusDays(1));
        ProgrammeFixtures.programmeView(programme).body("status", equalTo("ENDED")).body("allowedTransitions", equalTo(List.of("CLOSED")));
        as(TestTokens.auditor()).get("/api/v1/aid/programmes?status=ENDED&size=200").then().statusCode(200).body("items.id", hasItem(programme))
                .body("items.status", not(hasItem("OPEN")));
        as(TestTokens.auditor()).get("/api/v1/aid/programmes?status=OPEN&size=200").then().body("items.id", not(hasItem(programme)));
        DistributionFixtures.propose(TestTokens.officer(), DistributionFixtures.proposal(ids, "HOUSEHOLD", ReadModelFixtures.household(), item, 1)).statusCode(409)
                .body("rule", equalTo("programme-ended")).body("periodEnd", equalTo(end.toString()));
        as(TestTokens.officer()).get("/api/v1/aid/distributions/{id}", proposed).then().body("allowedTransitions", equalTo(List.of("CANCELLED")));
        act(DistributionFixtures.APPROVER, proposed, "approve").statusCode(409).body("rule", equalTo("programme-ended"))
                .body("periodEnd", equalTo(end.toString())).body("allowedTransitions", equalTo(List.of("CANCELLED")));
        act(TestTokens.officer(), approved, "dispatch").statusCode(200);
        act(TestTokens.officer(), approved, "deliver", DistributionFixtures.delivery()).statusCode(200);
        ProgrammeFixtures.programmeView(programme).body("deliveredIdr", equalTo(300_000));

        as(TestTokens.admin()).post("/api/v1/aid/programmes/{id}/close", programme).then().statusCode(200)
                .body("status", equalTo("CLOSED")).body("allowedTransitions", equalTo(List.of()));
        as(TestTokens.admin()).post("/api/v1/aid/programmes/{id}/close", programme).then().statusCode(409)
                .body("currentStatus", equalTo("CLOSED")).body("requestedStatus", equalTo("CLOSED")).body("allowedTransitions", equalTo(List.of()));
        as(TestTokens.auditor()).get("/api/v1/aid/programmes?status=ENDED&size=200").then().body("items.id", not(hasItem(programme)));
        act(DistributionFixtures.APPROVER, proposed, "approve").statusCode(409).body("rule", equalTo("programme-closed"));
        act(TestTokens.officer(), proposed, "cancel", Map.of("reason", "Program berakhir")).statusCode(200);
    }
}
