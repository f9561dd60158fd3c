package id.atensi.aid;

import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "aid"))
class ConcurrentApprovalTest {

    @Test
    void twentyParallelApprovalsAgainstABudgetThatFitsTenApproveExactlyTen() throws Exception {
        String[] programme = Aid.programme(10 * 32_500_000L);
        String item = Aid.item("EQUIPMENT", 32_500_000);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(Aid.proposed(programme, item, 1));
        }
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (String id : ids) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return Aid.act(Aid.APPROVER, id, "approve").extract().statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertEquals(10, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
            assertEquals(10, statuses.stream().filter(s -> s == 422).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        Aid.programmeView(programme[0]).body("committedIdr", equalTo(325_000_000)).body("remainingIdr", equalTo(0))
                .body("fundingSources[0].committedIdr", equalTo(325_000_000));
        Aid.as(TestTokens.auditor()).get("/api/v1/aid/distributions?programmeId={p}&status=APPROVED", programme[0])
                .then().body("total", equalTo(10));
    }

    @Test
    void parallelProposalsOfTheSameItemToTheSameRecipientCreateOnlyOne() throws Exception {
        String[] programme = Aid.programme(10_000_000);
        String item = Aid.item("STAPLE_FOOD_PACKAGE", 300_000);
        var proposal = Aid.proposal(programme, "HOUSEHOLD", Aid.household(), item, 1);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return Aid.propose(TestTokens.officer(), proposal).extract().statusCode();
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
