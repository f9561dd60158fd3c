package id.atensi.aid.rest;

import id.atensi.aid.ProgrammeFixtures;
import id.atensi.aid.ReadModelFixtures;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static id.atensi.aid.DistributionFixtures.propose;
import static id.atensi.aid.DistributionFixtures.proposal;
import static id.atensi.aid.ProgrammeFixtures.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "aid"))
class DistributionBatchTest {

    private static final String PATH = "/api/v1/aid/distribution-batches";

    @Test
    void aBatchProposesEveryDistributionInOrderWithExactTotals() {
        String[] programme = ProgrammeFixtures.programme(1_000_000_000);
        String food = ProgrammeFixtures.item("STAPLE_FOOD_PACKAGE", 312_345);
        String kit = ProgrammeFixtures.item("EQUIPMENT", 1_234_567);
        List<String> households = ReadModelFixtures.collectives("household", 120, TestTokens.UNIT_A, null, null, true);
        List<Map<String, Object>> distributions = new ArrayList<>();
        long expectedTotal = 0;
        for (int i = 0; i < households.size(); i++) {
            long quantity = 1 + i % 3;
            distributions.add(Map.of("programmeId", programme[0], "fundingSourceId", programme[1], "recipientKind", "HOUSEHOLD",
                    "recipientId", households.get(i), "lines", List.of(Map.of("itemId", food, "quantity", quantity), Map.of("itemId", kit, "quantity", 1))));
            expectedTotal += quantity * 312_345 + 1_234_567;
        }
        ExtractableResponse<Response> batch = as(TestTokens.officer()).body(Map.of("distributions", distributions)).post(PATH)
                .then().statusCode(201)
                .body("programmeId", equalTo(programme[0])).body("count", equalTo(120))
                .body("totalIdr", equalTo(Math.toIntExact(expectedTotal))).body("distributions", hasSize(120))
                .extract();
        for (int i : new int[] {0, 1, 2, 119}) {
            String id = batch.path("distributions[" + i + "].id");
            assertEquals(households.get(i), batch.path("distributions[" + i + "].recipientId"), "answered in the order of the request");
            as(TestTokens.officer()).get("/api/v1/aid/distributions/{id}", id).then().statusCode(200)
                    .body("status", equalTo("PROPOSED")).body("recipientId", equalTo(households.get(i)))
                    .body("totalIdr", equalTo((1 + i % 3) * 312_345 + 1_234_567)).body("lines", hasSize(2))
                    .body("serviceUnitId", equalTo(TestTokens.UNIT_A)).body("proposedBy", equalTo("test-officer-" + TestTokens.UNIT_A));
        }
        as(TestTokens.officer()).get("/api/v1/aid/distributions?programmeId={p}&size=1", programme[0]).then().statusCode(200)
                .body("total", equalTo(120));
        ProgrammeFixtures.programmeView(programme[0]).body("committedIdr", equalTo(0)).body("remainingIdr", equalTo(1_000_000_000));
    }

    @Test
    void oneRefusalRefusesTheWholeBatchAndEveryRefusalIsListedByIndex() {
        String[] programme = ProgrammeFixtures.programme(100_000_000);
        String item = ProgrammeFixtures.item("STAPLE_FOOD_PACKAGE", 300_000);
        List<String> households = ReadModelFixtures.collectives("household", 6, TestTokens.UNIT_A, null, null, true);
        List<Map<String, Object>> distributions = new ArrayList<>();
        households.forEach(household -> distributions.add(proposal(programme, "HOUSEHOLD", household, item, 1)));
        distributions.set(2, proposal(programme, "HOUSEHOLD", UUID.randomUUID().toString(), item, 1));
        distributions.add(proposal(programme, "HOUSEHOLD", households.get(0), item, 2));
        distributions.add(proposal(programme, "HOUSEHOLD", households.get(1), UUID.randomUUID().toString(), 1));

        as(TestTokens.officer()).body(Map.of("distributions", distributions)).post(PATH)
                .then().statusCode(422).contentType("application/problem+json")
                .body("refusedCount", equalTo(3))
                .body("refusals.index", equalTo(List.of(2, 6, 7)))
                .body("refusals.rule", equalTo(List.of("unknown-recipient", "duplicate-aid", "unknown-item")))
                .body("refusals.status", equalTo(List.of(422, 409, 422)));
        as(TestTokens.officer()).get("/api/v1/aid/distributions?programmeId={p}&size=1", programme[0]).then().statusCode(200)
                .body("total", equalTo(0));
    }

    /**
     * A duplicate within the batch names the earlier distribution by its index: the batch is refused, so no id of it
     * names anything. That holds also for an earlier one checked after a refusal, which is never stored.
     */
    @Test
    void aDuplicateWithinTheBatchNamesTheEarlierOneByItsIndex() {
        String[] programme = ProgrammeFixtures.programme(100_000_000);
        String item = ProgrammeFixtures.item("STAPLE_FOOD_PACKAGE", 300_000);
        List<String> households = ReadModelFixtures.collectives("household", 3, TestTokens.UNIT_A, null, null, true);
        List<Map<String, Object>> distributions = List.of(
                proposal(programme, "HOUSEHOLD", households.get(0), item, 1),
                proposal(programme, "HOUSEHOLD", UUID.randomUUID().toString(), item, 1),
                proposal(programme, "HOUSEHOLD", households.get(1), item, 1),
                proposal(programme, "HOUSEHOLD", households.get(0), item, 1),
                proposal(programme, "HOUSEHOLD", households.get(1), item, 3));

        as(TestTokens.officer()).body(Map.of("distributions", distributions)).post(PATH)
                .then().statusCode(422).contentType("application/problem+json")
                .body("refusals.index", equalTo(List.of(1, 3, 4)))
                .body("refusals.rule", equalTo(List.of("unknown-recipient", "duplicate-aid", "duplicate-aid")))
                .body("refusals[1].batchIndex", equalTo(0)).body("refusals[1].existingId", nullValue())
                .body("refusals[2].batchIndex", equalTo(2)).body("refusals[2].itemId", equalTo(item));
        as(TestTokens.officer()).get("/api/v1/aid/distributions?programmeId={p}&size=1", programme[0]).then().statusCode(200)
                .body("total", equalTo(0));
    }

    @Test
    void anItemGivenBeforeIsADuplicateAndRefusalsOfOneKindAnswerTheirOwnStatus() {
        String[] programme = ProgrammeFixtures.programme(100_000_000);
        String item = ProgrammeFixtures.item("STAPLE_FOOD_PACKAGE", 300_000);
        String household = ReadModelFixtures.household();
        String first = propose(TestTokens.officer(), proposal(programme, "HOUSEHOLD", household, item, 1)).statusCode(201).extract().path("id");
        as(TestTokens.officer()).body(Map.of("distributions", List.of(proposal(programme, "HOUSEHOLD", household, item, 1)))).post(PATH)
                .then().statusCode(409)
                .body("refusals[0].rule", equalTo("duplicate-aid")).body("refusals[0].existingId", equalTo(first));

        Map<String, Object> overridden = new HashMap<>(proposal(programme, "HOUSEHOLD", household, item, 1));
        overridden.put("duplicateOverride", Map.of("reason", "Banjir kedua"));
        as(TestTokens.officer()).body(Map.of("distributions", List.of(overridden))).post(PATH).then().statusCode(201).body("count", equalTo(1));
    }

    @Test
    void aRetryWithTheSameKeyAnswersTheFirstAnswerAndProposesNothingAgain() {
        String[] programme = ProgrammeFixtures.programme(100_000_000);
        String item = ProgrammeFixtures.item("STAPLE_FOOD_PACKAGE", 300_000);
        List<Map<String, Object>> distributions = List.of(proposal(programme, "HOUSEHOLD", ReadModelFixtures.household(), item, 1),
                proposal(programme, "COMMUNITY_GROUP", ReadModelFixtures.group(), item, 4));
        String key = "batch-" + UUID.randomUUID();
        String first = as(TestTokens.officer()).header("Idempotency-Key", key).body(Map.of("distributions", distributions)).post(PATH)
                .then().statusCode(201).body("totalIdr", equalTo(1_500_000)).extract().asString();
        String again = as(TestTokens.officer()).header("Idempotency-Key", key).body(Map.of("distributions", distributions)).post(PATH)
                .then().statusCode(201).header("Idempotent-Replayed", "true").extract().asString();
        assertEquals(first, again);
        as(TestTokens.officer()).get("/api/v1/aid/distributions?programmeId={p}&size=1", programme[0]).then().body("total", equalTo(2));
        as(TestTokens.officer()).header("Idempotency-Key", key).body(Map.of("distributions", distributions.subList(0, 1))).post(PATH)
                .then().statusCode(422);
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsProposed() {
        String[] programme = ProgrammeFixtures.programme(100_000_000);
        String[] other = ProgrammeFixtures.programme(100_000_000);
        String item = ProgrammeFixtures.item("STAPLE_FOOD_PACKAGE", 300_000);
        String household = ReadModelFixtures.household();
        as(TestTokens.officer()).body(Map.of("distributions", List.of())).post(PATH).then().statusCode(400)
                .body("errors[0].field", equalTo("distributions"));
        as(TestTokens.officer()).body(Map.of("distributions", java.util.Collections.nCopies(10_001, proposal(programme, "HOUSEHOLD", household, item, 1))))
                .post(PATH).then().statusCode(400).body("errors[0].field", equalTo("distributions"));
        as(TestTokens.officer()).body(Map.of("distributions", List.of(proposal(programme, "HOUSEHOLD", household, item, 1),
                        proposal(other, "HOUSEHOLD", ReadModelFixtures.household(), item, 1))))
                .post(PATH).then().statusCode(400).body("errors[0].field", equalTo("distributions[1].programmeId"));
        as(TestTokens.officer()).body(Map.of("distributions", List.of(proposal(programme, "HOUSEHOLD", household, item, 0))))
                .post(PATH).then().statusCode(400).body("errors[0].field", equalTo("distributions[0].lines[0].quantity"));
        as(TestTokens.officer()).body("{\"distributions\": [{\"programmeId\": 7}]}").post(PATH).then().statusCode(400)
                .contentType("application/problem+json");
        as(TestTokens.auditor()).body(Map.of("distributions", List.of(proposal(programme, "HOUSEHOLD", household, item, 1)))).post(PATH)
                .then().statusCode(403);
        as(TestTokens.officer()).get("/api/v1/aid/distributions?programmeId={p}&size=1", programme[0]).then().body("total", equalTo(0));
    }

    @Test
    void aPartnerProposesOnlyWhatItChannelsAndAnOfficerOnlyForItsUnit() {
        String[] programme = ProgrammeFixtures.programme(100_000_000);
        String item = ProgrammeFixtures.item("STAPLE_FOOD_PACKAGE", 300_000);
        String partner = ReadModelFixtures.partner();
        Map<String, Object> forAnother = new HashMap<>(proposal(programme, "HOUSEHOLD", ReadModelFixtures.household(), item, 1));
        forAnother.put("channellingPartnerId", UUID.randomUUID().toString());
        as(TestTokens.partner(partner)).body(Map.of("distributions", List.of(forAnother))).post(PATH).then().statusCode(403)
                .body("refusals[0].index", equalTo(0));
        as(TestTokens.officer(TestTokens.UNIT_B)).body(Map.of("distributions", List.of(proposal(programme, "HOUSEHOLD", ReadModelFixtures.household(), item, 1))))
                .post(PATH).then().statusCode(403).body("refusals[0].rule", equalTo("other-unit"));
    }

    /**
     * The batch holds the programme's lock like a single proposal: single proposals racing it for the same recipients
     * and item either come first (and the batch is refused as their duplicate) or wait and are refused themselves.
     */
    @Test
    void singleProposalsRacingABatchNeverGiveTheSameItemTwice() throws Exception {
        String[] programme = ProgrammeFixtures.programme(1_000_000_000);
        String item = ProgrammeFixtures.item("STAPLE_FOOD_PACKAGE", 300_000);
        List<String> households = ReadModelFixtures.collectives("household", 200, TestTokens.UNIT_A, null, null, true);
        List<Map<String, Object>> distributions = households.stream().map(household -> proposal(programme, "HOUSEHOLD", household, item, 1)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(9);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Future<Integer> batch = pool.submit(() -> {
                start.await();
                return as(TestTokens.officer()).body(Map.of("distributions", distributions)).post(PATH).then().extract().statusCode();
            });
            List<Future<Integer>> singles = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Map<String, Object> single = distributions.get(i * 25);
                singles.add(pool.submit(() -> {
                    start.await();
                    return propose(TestTokens.officer(), single).extract().statusCode();
                }));
            }
            start.countDown();
            int batchStatus = batch.get(120, TimeUnit.SECONDS);
            int singlesProposed = 0;
            for (Future<Integer> single : singles) {
                int status = single.get(120, TimeUnit.SECONDS);
                assertTrue(status == 201 || status == 409, "a single proposal is proposed or refused as a duplicate, not " + status);
                singlesProposed += status == 201 ? 1 : 0;
            }
            int expected = batchStatus == 201 ? 200 + singlesProposed : singlesProposed;
            assertTrue(batchStatus == 201 ? singlesProposed == 0 : batchStatus == 409 && singlesProposed > 0,
                    "either the batch went first and every single was refused, or a single went first and the batch was refused: batch "
                            + batchStatus + ", singles proposed " + singlesProposed);
            as(TestTokens.officer()).get("/api/v1/aid/distributions?programmeId={p}&size=1", programme[0]).then()
                    .body("total", equalTo(expected));
        } finally {
            pool.shutdownNow();
        }
    }
}
