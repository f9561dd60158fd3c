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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "aid"))
class ConcurrentApprovalTest {

    @Test
    void twentyParallelApprovalsAgainstABudgetThatFitsTenApproveExactlyTen() throws Exception {
        String[] programme = ProgrammeFixtures.programme(10 * 32_500_000L);
        String item = ProgrammeFixtures.item("EQUIPMENT", 32_500_000);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(DistributionFixtures.proposed(programme, item, 1));
        }
        List<Integer> statuses = approveInParallel(ids);
        assertEquals(10, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(10, statuses.stream().filter(s -> s == 422).count(), statuses.toString());
        ProgrammeFixtures.programmeView(programme[0]).body("committedIdr", equalTo(325_000_000)).body("remainingIdr", equalTo(0))
                .body("fundingSources[0].committedIdr", equalTo(325_000_000));
        ProgrammeFixtures.as(TestTokens.auditor()).get("/api/v1/aid/distributions?programmeId={p}&status=APPROVED", programme[0])
                .then().body("total", equalTo(10));
    }

    /** Sources of Rp 7,000,000, 5,000,000 and 3,000,000: the programme's id and its sources' ids, in order. */
    private static List<String> threeSources() {
        var opened = ProgrammeFixtures.as(TestTokens.admin()).body(ProgrammeFixtures.programmeRequest("Co-funded " + UUID.randomUUID(), List.of(
                        ProgrammeFixtures.share("STATE_BUDGET", 7_000_000), Map.of("kind", "OTHER", "funderName", "Baznas", "amountIdr", 5_000_000),
                        Map.of("kind", "OTHER", "funderName", "Dompet Dhuafa", "amountIdr", 3_000_000))))
                .post("/api/v1/aid/programmes").then().statusCode(201).extract();
        return List.of(opened.path("id"), opened.path("fundingSources[0].id"), opened.path("fundingSources[1].id"), opened.path("fundingSources[2].id"));
    }

    private static Map<String, Object> request(String programme, String item, long quantity, String onlySource) {
        Map<String, Object> request = new HashMap<>(Map.of("programmeId", programme, "recipientKind", "HOUSEHOLD", "recipientId", ReadModelFixtures.household(),
                "lines", List.of(Map.of("itemId", item, "quantity", quantity))));
        if (onlySource != null) {
            request.put("fundingShares", List.of(Map.of("fundingSourceId", onlySource, "amountIdr", quantity * 100_000)));
        }
        return request;
    }

    @Test
    void twentyParallelPoolApprovalsAcrossThreeSourcesApproveExactlyWhatFitsAndFillTheSourcesInOrder() throws Exception {
        List<String> programme = threeSources();
        String cash = ProgrammeFixtures.item("CASH", 100_000);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(DistributionFixtures.propose(TestTokens.officer(), request(programme.get(0), cash, 11, null)).statusCode(201).extract().path("id"));
        }

        List<Integer> statuses = approveInParallel(ids);

        // Rp 15,000,000 holds 13 of Rp 1,100,000 (Rp 14,300,000), whatever the order.
        assertEquals(13, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(7, statuses.stream().filter(s -> s == 422).count(), statuses.toString());
        ProgrammeFixtures.programmeView(programme.get(0)).body("committedIdr", equalTo(14_300_000)).body("remainingIdr", equalTo(700_000))
                .body("fundingSources.committedIdr", equalTo(List.of(7_000_000, 5_000_000, 2_300_000)));
        assertSharesMatchTheSources(programme);
    }

    @Test
    void parallelApprovalsOfPoolAndExplicitSharesNeverOverspendAnySource() throws Exception {
        List<String> programme = threeSources();
        String cash = ProgrammeFixtures.item("CASH", 100_000);
        List<String> ids = new ArrayList<>();
        List<Boolean> onThird = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            boolean explicit = i % 3 == 0;
            ids.add(DistributionFixtures.propose(TestTokens.officer(), request(programme.get(0), cash, explicit ? 10 : 11, explicit ? programme.get(3) : null))
                    .statusCode(201).extract().path("id"));
            onThird.add(explicit);
        }

        List<Integer> statuses = approveInParallel(ids);

        assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 422), statuses.toString());
        long programmeRemaining = ((Number) ProgrammeFixtures.programmeView(programme.get(0)).extract().path("remainingIdr")).longValue();
        long thirdRemaining = ((Number) ProgrammeFixtures.programmeView(programme.get(0)).extract().path("fundingSources[2].remainingIdr")).longValue();
        // Nothing is released during the run, so what remains only shrinks: a refusal was right if it is still right now.
        for (int i = 0; i < ids.size(); i++) {
            if (statuses.get(i) == 422) {
                long needed = onThird.get(i) ? 1_000_000 : 1_100_000;
                long left = onThird.get(i) ? thirdRemaining : programmeRemaining;
                assertTrue(needed > left, "distribution " + i + " (" + (onThird.get(i) ? "on the third source" : "pool")
                        + ") was refused though Rp " + left + " remain; statuses " + statuses);
            }
        }
        assertSharesMatchTheSources(programme);
    }

    private static List<Integer> approveInParallel(List<String> ids) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(ids.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (String id : ids) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return DistributionFixtures.act(DistributionFixtures.APPROVER, id, "approve").extract().statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every source holds exactly its approved shares and never more than its amount; every approved distribution's shares add up to it. */
    private static void assertSharesMatchTheSources(List<String> programme) {
        var view = ProgrammeFixtures.programmeView(programme.get(0)).extract();
        List<Map<String, Object>> approved = ProgrammeFixtures.as(TestTokens.auditor())
                .get("/api/v1/aid/distributions?programmeId={p}&status=APPROVED&size=100", programme.get(0)).then().statusCode(200)
                .extract().path("items");
        Map<String, Long> held = new HashMap<>();
        long committed = 0;
        for (Map<String, Object> distribution : approved) {
            long total = ((Number) distribution.get("totalIdr")).longValue();
            long sum = 0;
            for (Object item : (List<?>) distribution.get("fundingShares")) {
                Map<?, ?> share = (Map<?, ?>) item;
                long amount = ((Number) share.get("amountIdr")).longValue();
                held.merge((String) share.get("fundingSourceId"), amount, Long::sum);
                sum += amount;
            }
            assertEquals(total, sum, "the shares of " + distribution.get("id"));
            committed += total;
        }
        assertEquals(committed, ((Number) view.path("committedIdr")).longValue());
        for (int i = 0; i < 3; i++) {
            long sourceCommitted = ((Number) view.path("fundingSources[%d].committedIdr".formatted(i))).longValue();
            assertEquals(held.getOrDefault(programme.get(i + 1), 0L), sourceCommitted, "source " + i);
            assertTrue(sourceCommitted <= ((Number) view.path("fundingSources[%d].amountIdr".formatted(i))).longValue(), "source " + i + " overspent");
        }
    }

    @Test
    void parallelProposalsOfTheSameItemToTheSameRecipientCreateOnlyOne() throws Exception {
        String[] programme = ProgrammeFixtures.programme(10_000_000);
        String item = ProgrammeFixtures.item("STAPLE_FOOD_PACKAGE", 300_000);
        var proposal = DistributionFixtures.proposal(programme, "HOUSEHOLD", ReadModelFixtures.household(), item, 1);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return DistributionFixtures.propose(TestTokens.officer(), proposal).extract().statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(5, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
    }
}
