package id.atensi.aid.rest;

import id.atensi.aid.DistributionFixtures;
import id.atensi.aid.ProgrammeFixtures;
import id.atensi.aid.ReadModelFixtures;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static id.atensi.aid.ProgrammeFixtures.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "aid"))
class ProgrammeAndItemTest {

    private static Map<String, Object> programme(List<Map<String, Object>> shares) {
        return ProgrammeFixtures.programmeRequest("Bansos sembako Lampung", shares);
    }

    @Test
    void budgetIsTheExactSumOfItsFundingSources() {
        String csrPartner = ReadModelFixtures.partner();
        var created = as(TestTokens.admin()).body(programme(List.of(
                        ProgrammeFixtures.share("STATE_BUDGET", 600_000_000L),
                        Map.of("kind", "CSR", "partnerId", csrPartner, "amountIdr", 250_000_001L),
                        Map.of("kind", "OTHER", "funderName", "Baznas", "amountIdr", 49_999_999L))))
                .post("/api/v1/aid/programmes")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/aid/programmes/"))
                .body("status", equalTo("OPEN"))
                .body("budgetIdr", equalTo(900_000_000))
                .body("committedIdr", equalTo(0))
                .body("remainingIdr", equalTo(900_000_000))
                .body("fundingSources[1].partnerId", equalTo(csrPartner))
                .extract();
        ProgrammeFixtures.programmeView(created.path("id")).body("fundingSources.kind", equalTo(List.of("STATE_BUDGET", "CSR", "OTHER")));
        as(TestTokens.auditor()).get("/api/v1/aid/programmes?status=OPEN").then().statusCode(200).body("items.id", hasItem((String) created.path("id")));
    }

    @Test
    void fundingSourcesNeedTheirFunderAndAPeriodEndsAfterItStarts() {
        as(TestTokens.admin()).body(Map.of("name", "X", "kind", "EMERGENCY", "periodStart", "2026-05-01", "periodEnd", "2026-04-01",
                        "fundingSources", List.of(Map.of("kind", "CSR", "amountIdr", 1), Map.of("kind", "OTHER", "amountIdr", 1))))
                .post("/api/v1/aid/programmes")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("periodEnd", "fundingSources[0].partnerId", "fundingSources[1].funderName")));
        as(TestTokens.admin()).body(programme(List.of(ProgrammeFixtures.share("STATE_BUDGET", 0))))
                .post("/api/v1/aid/programmes").then().statusCode(400);
        as(TestTokens.admin()).body(programme(List.of())).post("/api/v1/aid/programmes").then().statusCode(400);
    }

    @Test
    void aBudgetBeyondTheExactRangeIsRefusedNotWrapped() {
        as(TestTokens.admin()).body(programme(List.of(ProgrammeFixtures.share("STATE_BUDGET", Long.MAX_VALUE), ProgrammeFixtures.share("STATE_BUDGET", 1))))
                .post("/api/v1/aid/programmes")
                .then().statusCode(422).body("rule", equalTo("amount-overflow"));
        as(TestTokens.admin()).body(programme(List.of(ProgrammeFixtures.share("STATE_BUDGET", Long.MAX_VALUE))))
                .post("/api/v1/aid/programmes")
                .then().statusCode(201).body("budgetIdr", equalTo(Long.MAX_VALUE)).body("remainingIdr", equalTo(Long.MAX_VALUE));
    }

    @Test
    void aClosedProgrammeTakesNoProposalsAndClosesOnce() {
        String[] programme = ProgrammeFixtures.programme(1_000_000);
        String item = ProgrammeFixtures.item("STAPLE_FOOD_PACKAGE", 300_000);
        String early = DistributionFixtures.proposed(programme, item, 1);
        as(TestTokens.officer()).post("/api/v1/aid/programmes/{id}/close", programme[0]).then().statusCode(403);
        String read = as(TestTokens.admin()).get("/api/v1/aid/programmes/{id}", programme[0]).then().statusCode(200).extract().header("ETag");
        String stale = "\"" + (Long.parseLong(read.replace("\"", "")) + 1) + "\"";
        as(TestTokens.admin()).header("If-Match", stale).post("/api/v1/aid/programmes/{id}/close", programme[0])
                .then().statusCode(412).body("code", equalTo("precondition-failed"));
        as(TestTokens.admin()).header("If-Match", read).post("/api/v1/aid/programmes/{id}/close", programme[0])
                .then().statusCode(200).body("status", equalTo("CLOSED"));
        as(TestTokens.admin()).post("/api/v1/aid/programmes/{id}/close", programme[0]).then().statusCode(409)
                .body("currentStatus", equalTo("CLOSED")).body("requestedStatus", equalTo("CLOSED")).body("allowedTransitions", equalTo(List.of()));
        DistributionFixtures.propose(TestTokens.officer(), DistributionFixtures.proposal(programme, "HOUSEHOLD", ReadModelFixtures.household(), item, 1))
                .statusCode(409).body("rule", equalTo("programme-closed")).body("programmeStatus", equalTo("CLOSED"));
        DistributionFixtures.act(DistributionFixtures.APPROVER, early, "approve").statusCode(409).body("rule", equalTo("programme-closed"))
                .body("currentStatus", equalTo("PROPOSED")).body("requestedStatus", equalTo("APPROVED"))
                .body("allowedTransitions", equalTo(List.of("CANCELLED")));
        as(TestTokens.admin()).post("/api/v1/aid/programmes/{id}/close", UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void onlyAdminsRunProgrammesWhichEveryStaffRoleReads() {
        as(TestTokens.partner(UUID.randomUUID().toString())).body(programme(List.of(ProgrammeFixtures.share("STATE_BUDGET", 1))))
                .post("/api/v1/aid/programmes").then().statusCode(403);
        as(TestTokens.officer()).body(programme(List.of(ProgrammeFixtures.share("STATE_BUDGET", 1))))
                .post("/api/v1/aid/programmes").then().statusCode(403);
        String[] national = ProgrammeFixtures.programme(1_000);
        as(TestTokens.officer(TestTokens.UNIT_B)).get("/api/v1/aid/programmes/{id}", national[0]).then().statusCode(200);
        as(TestTokens.partner(UUID.randomUUID().toString())).get("/api/v1/aid/programmes/{id}", national[0]).then().statusCode(200);
        as(TestTokens.viewer()).get("/api/v1/aid/programmes").then().statusCode(403);
        given().get("/api/v1/aid/programmes").then().statusCode(401);
        as(TestTokens.officer()).get("/api/v1/aid/programmes/{id}", UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void itemsHaveUniqueCodesAndValidatedFields() {
        String code = "PRESS-" + UUID.randomUUID();
        Map<String, Object> item = Map.of("code", code, "name", "Mesin press plastik", "unit", "unit", "category", "EQUIPMENT",
                "amountIdr", 25_000_000);
        String id = as(TestTokens.officer()).body(item).post("/api/v1/aid/items").then().statusCode(201)
                .header("ETag", equalTo("\"0\"")).extract().path("id");
        as(TestTokens.officer()).body(item).post("/api/v1/aid/items").then().statusCode(409).body("existingId", equalTo(id));
        as(TestTokens.officer()).body(Map.of("code", "X", "name", "X", "unit", "kg", "category", "GOLD", "amountIdr", 1))
                .post("/api/v1/aid/items").then().statusCode(400);
        as(TestTokens.officer()).body(Map.of("code", "Y" + UUID.randomUUID(), "name", "X", "unit", "kg", "category", "CASH", "amountIdr", -5))
                .post("/api/v1/aid/items").then().statusCode(400).body("errors[0].field", containsString("amountIdr"));
        as(TestTokens.viewer()).get("/api/v1/aid/items?category=EQUIPMENT&size=200").then().statusCode(200).body("items.code", hasItem(code));
        as(TestTokens.partner(UUID.randomUUID().toString())).body(item).post("/api/v1/aid/items").then().statusCode(403);
    }

    @Test
    void aPriceChangeNeedsTheCurrentVersionAndLeavesPastDistributionsAlone() {
        String[] programme = ProgrammeFixtures.programme(100_000_000);
        String item = ProgrammeFixtures.item("ASSISTIVE_DEVICE", 1_500_000);
        String before = DistributionFixtures.proposed(programme, item, 2);

        as(TestTokens.officer()).header("If-Match", "\"0\"").body(Map.of("amountIdr", 1_750_000))
                .put("/api/v1/aid/items/{id}/price", item).then().statusCode(403);
        as(TestTokens.admin()).body(Map.of("amountIdr", 1_750_000)).put("/api/v1/aid/items/{id}/price", item).then().statusCode(428);
        as(TestTokens.admin()).header("If-Match", "\"7\"").body(Map.of("amountIdr", 1_750_000))
                .put("/api/v1/aid/items/{id}/price", item).then().statusCode(412);
        as(TestTokens.admin()).header("If-Match", "\"0\"").body(Map.of("amountIdr", 1_750_000))
                .put("/api/v1/aid/items/{id}/price", item).then().statusCode(200).header("ETag", equalTo("\"1\"")).body("amountIdr", equalTo(1_750_000));

        as(TestTokens.officer()).get("/api/v1/aid/distributions/{id}", before).then().statusCode(200)
                .body("lines[0].unitValueIdr", equalTo(1_500_000)).body("totalIdr", equalTo(3_000_000));
        String after = DistributionFixtures.proposed(programme, item, 2);
        as(TestTokens.officer()).get("/api/v1/aid/distributions/{id}", after).then().statusCode(200)
                .body("lines[0].unitValueIdr", equalTo(1_750_000)).body("totalIdr", equalTo(3_500_000));
        DistributionFixtures.act(DistributionFixtures.APPROVER, before, "approve").statusCode(200).body("totalIdr", equalTo(3_000_000));
        ProgrammeFixtures.programmeView(programme[0]).body("committedIdr", equalTo(3_000_000)).body("remainingIdr", equalTo(97_000_000))
                .header("ETag", equalTo("\"1\""));
        as(TestTokens.officer()).get("/api/v1/aid/items/{id}", UUID.randomUUID()).then().statusCode(404);
        as(TestTokens.officer()).get("/api/v1/aid/items/{id}", item).then().statusCode(200).body("id", notNullValue());
    }

    @Test
    void ofPriceChangesSentAtOnceWithTheSameIfMatchExactlyOneWins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 5; round++) {
                String item = ProgrammeFixtures.item("EQUIPMENT", 1_000_000);
                List<Future<Integer>> answers = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    long price = 2_000_000L + i;
                    answers.add(pool.submit(() -> as(TestTokens.admin()).header("If-Match", "\"0\"").body(Map.of("amountIdr", price))
                            .put("/api/v1/aid/items/{id}/price", item).then().extract().statusCode()));
                }
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> answer : answers) {
                    statuses.add(answer.get(60, TimeUnit.SECONDS));
                }
                assertEquals(1, statuses.stream().filter(status -> status == 200).count(), "round " + round + ": " + statuses);
                assertEquals(3, statuses.stream().filter(status -> status == 412).count(), "round " + round + ": " + statuses);
                as(TestTokens.admin()).get("/api/v1/aid/items/{id}", item).then().header("ETag", equalTo("\"1\""));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
