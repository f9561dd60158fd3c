package id.atensi.aid.rest;

import id.atensi.aid.DistributionFixtures;
import id.atensi.aid.ProgrammeFixtures;
import id.atensi.aid.ReadModelFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import id.atensi.testing.TopicReader;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static id.atensi.aid.DistributionFixtures.act;
import static id.atensi.aid.ProgrammeFixtures.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15, item 6: aid co-funded by the state budget and a CSR partner. A distribution draws on several funding
 * sources of its programme, by an explicit split or from the programme's pool, exact to the rupiah per source and per
 * programme, in the reports by funder and in the events.
 */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "aid"))
class CoFundingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Rp 100,250,000 = 401 staple-food packages of Rp 250,000. */
    private static final long PACKAGES = 401;
    private static final int DISTRIBUTION = 100_250_000;

    /** A programme of the state budget and a CSR partner's share: its id, the state's source id, the CSR's source id. */
    private static String[] coFunded(long state, long csr) {
        ExtractableResponse<Response> opened = as(TestTokens.admin()).body(ProgrammeFixtures.programmeRequest("Bansos APBN + CSR " + UUID.randomUUID(),
                        List.of(ProgrammeFixtures.share("STATE_BUDGET", state), Map.of("kind", "CSR", "partnerId", ReadModelFixtures.partner(), "amountIdr", csr))))
                .post("/api/v1/aid/programmes").then().statusCode(201).extract();
        return new String[] {opened.path("id"), opened.path("fundingSources[0].id"), opened.path("fundingSources[1].id")};
    }

    private static Map<String, Object> pooled(String programme, String item, long quantity) {
        return Map.of("programmeId", programme, "recipientKind", "HOUSEHOLD", "recipientId", ReadModelFixtures.household(),
                "lines", List.of(Map.of("itemId", item, "quantity", quantity)));
    }

    private static Map<String, Object> split(String programme, String item, long quantity, List<Map<String, Object>> shares) {
        Map<String, Object> request = new HashMap<>(pooled(programme, item, quantity));
        request.put("fundingShares", shares);
        return request;
    }

    private static Map<String, Object> share(String source, long amount) {
        return Map.of("fundingSourceId", source, "amountIdr", amount);
    }

    @Test
    void sevenDistributionsOfRp100250000FitRp500MillionOfStateBudgetAndRp250MillionOfCsrAndAnEighthIsRefused() throws Exception {
        String[] p = coFunded(500_000_000L, 250_000_000L);
        String staples = ProgrammeFixtures.item("STAPLE_FOOD_PACKAGE", 250_000);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ids.add(DistributionFixtures.propose(TestTokens.officer(), pooled(p[0], staples, PACKAGES)).statusCode(201)
                    .body("fundingMode", equalTo("POOL")).body("fundingShares", equalTo(List.of())).body("fundingSourceId", nullValue())
                    .body("totalIdr", equalTo(DISTRIBUTION)).body("allowedTransitions", equalTo(List.of("APPROVED", "CANCELLED")))
                    .extract().path("id"));
        }

        try (TopicReader topic = TopicReader.of("atensi.aid.events")) {
            for (int i = 0; i < 7; i++) {
                act(DistributionFixtures.APPROVER, ids.get(i), "approve").statusCode(200).body("status", equalTo("APPROVED"));
            }
            as(TestTokens.auditor()).get("/api/v1/aid/distributions/{id}", ids.get(4)).then().statusCode(200)
                    .body("fundingSourceId", nullValue())
                    .body("fundingShares.fundingSourceId", equalTo(List.of(p[1], p[2])))
                    .body("fundingShares.amountIdr", equalTo(List.of(99_000_000, 1_250_000)))
                    .body("fundingShares.committedIdr", equalTo(List.of(99_000_000, 1_250_000)));
            as(TestTokens.auditor()).get("/api/v1/aid/distributions/{id}", ids.get(3)).then().body("fundingSourceId", equalTo(p[1]));
            as(TestTokens.auditor()).get("/api/v1/aid/distributions/{id}", ids.get(6)).then().body("fundingSourceId", equalTo(p[2]));
            ProgrammeFixtures.programmeView(p[0]).body("budgetIdr", equalTo(750_000_000)).body("committedIdr", equalTo(701_750_000))
                    .body("remainingIdr", equalTo(48_250_000))
                    .body("fundingSources[0].committedIdr", equalTo(500_000_000)).body("fundingSources[0].remainingIdr", equalTo(0))
                    .body("fundingSources[1].committedIdr", equalTo(201_750_000)).body("fundingSources[1].remainingIdr", equalTo(48_250_000));

            String eighth = ids.get(7);
            as(TestTokens.officer()).get("/api/v1/aid/distributions/{id}", eighth).then().statusCode(200)
                    .body("allowedTransitions", equalTo(List.of("CANCELLED")));
            act(DistributionFixtures.APPROVER, eighth, "approve").statusCode(422).contentType("application/problem+json")
                    .body("rule", equalTo("budget-exceeded")).body("amountIdr", equalTo(DISTRIBUTION))
                    .body("remainingIdr", equalTo(48_250_000)).body("shortfallIdr", equalTo(52_000_000));
            act(TestTokens.officer(), eighth, "dispatch").statusCode(409).body("allowedTransitions", equalTo(List.of("CANCELLED")));

            byFunder(p[0]).body("find { it.key == '%s' }.committedIdr".formatted(p[1]), equalTo(500_000_000))
                    .body("find { it.key == '%s' }.committedIdr".formatted(p[2]), equalTo(201_750_000))
                    .body("find { it.key == '%s' }.distributions".formatted(p[1]), equalTo(5))
                    .body("find { it.key == '%s' }.distributions".formatted(p[2]), equalTo(3))
                    .body("find { it.key == 'POOL' }.proposedIdr", equalTo(DISTRIBUTION))
                    .body("find { it.key == 'POOL' }.committedIdr", equalTo(0));

            // The first arrives whole; the fifth, co-funded, half (200 of 401 packages); the sixth comes back.
            deliver(ids.get(0), null);
            deliver(ids.get(4), 200L).body("status", equalTo("PARTIALLY_DELIVERED")).body("deliveredIdr", equalTo(50_000_000))
                    .body("fundingShares.deliveredIdr", equalTo(List.of(50_000_000, 0)))
                    .body("fundingShares.committedIdr", equalTo(List.of(50_000_000, 0)));
            act(TestTokens.officer(), ids.get(5), "dispatch").statusCode(200);
            act(TestTokens.officer(), ids.get(5), "return", Map.of("reason", "Jembatan putus")).statusCode(200)
                    .body("fundingShares.committedIdr", equalTo(List.of(0)));

            ProgrammeFixtures.programmeView(p[0]).body("committedIdr", equalTo(551_250_000)).body("deliveredIdr", equalTo(150_250_000))
                    .body("remainingIdr", equalTo(198_750_000))
                    .body("fundingSources[0].committedIdr", equalTo(451_000_000)).body("fundingSources[0].deliveredIdr", equalTo(150_250_000))
                    .body("fundingSources[0].remainingIdr", equalTo(49_000_000))
                    .body("fundingSources[1].committedIdr", equalTo(100_250_000)).body("fundingSources[1].deliveredIdr", equalTo(0))
                    .body("fundingSources[1].remainingIdr", equalTo(149_750_000));
            byFunder(p[0]).body("find { it.key == '%s' }.committedIdr".formatted(p[1]), equalTo(451_000_000))
                    .body("find { it.key == '%s' }.deliveredIdr".formatted(p[1]), equalTo(150_250_000))
                    .body("find { it.key == '%s' }.committedIdr".formatted(p[2]), equalTo(100_250_000))
                    .body("find { it.key == '%s' }.deliveredIdr".formatted(p[2]), equalTo(0))
                    .body("committedIdr.sum()", equalTo(551_250_000)).body("deliveredIdr.sum()", equalTo(150_250_000));
            as(TestTokens.auditor()).get("/api/v1/aid/reports/totals?by=programme&programmeId={p}", p[0]).then().statusCode(200)
                    .body("[0].committedIdr", equalTo(551_250_000)).body("[0].deliveredIdr", equalTo(150_250_000))
                    .body("[0].proposedIdr", equalTo(DISTRIBUTION));

            // What came back makes room: the eighth can now be approved, and a read says so.
            as(TestTokens.officer()).get("/api/v1/aid/distributions/{id}", eighth).then()
                    .body("allowedTransitions", equalTo(List.of("APPROVED", "CANCELLED")));
            act(DistributionFixtures.APPROVER, eighth, "approve").statusCode(200)
                    .body("fundingShares.amountIdr", equalTo(List.of(49_000_000, 51_250_000)));
            ProgrammeFixtures.programmeView(p[0]).body("remainingIdr", equalTo(98_500_000))
                    .body("fundingSources[0].remainingIdr", equalTo(0)).body("fundingSources[1].remainingIdr", equalTo(98_500_000));

            JsonNode v1 = event(topic, "atensi.aid.distribution.approved.v1", ids.get(4));
            assertTrue(v1.path("fundingSourceId").isMissingNode(), "a co-funded distribution has no single source in v1: " + v1);
            assertEquals(DISTRIBUTION, v1.path("amountIdr").asLong());
            JsonNode v2 = event(topic, "atensi.aid.distribution.approved.v2", ids.get(4));
            assertEquals("POOL", v2.path("fundingMode").asText());
            assertEquals(List.of(p[1] + "=99000000", p[2] + "=1250000"), shares(v2, "amountIdr"));
            assertEquals(p[1], event(topic, "atensi.aid.distribution.approved.v1", ids.get(0)).path("fundingSourceId").asText());
            JsonNode delivered = event(topic, "atensi.aid.distribution.delivered.v1", ids.get(4));
            assertEquals(List.of(p[1] + "=50000000", p[2] + "=0"), shares(delivered, "deliveredIdr"));
            assertEquals(List.of(p[1] + "=49000000", p[2] + "=1250000"), shares(delivered, "releasedIdr"));
            JsonNode returned = event(topic, "atensi.aid.distribution.cancelled.v1", ids.get(5));
            assertEquals(DISTRIBUTION, returned.path("releasedIdr").asLong());
            assertEquals(List.of(p[2] + "=" + DISTRIBUTION), shares(returned, "releasedIdr"));
        }
    }

    @Test
    void anExplicitSplitNamesSourcesOfTheProgrammeOnceAddingUpToTheTotalAndEachMustFitItsSource() {
        String[] p = coFunded(1_000_000L, 500_000L);
        String[] other = coFunded(1_000_000L, 500_000L);
        String item = ProgrammeFixtures.item("STAPLE_FOOD_PACKAGE", 100_000);

        String split = DistributionFixtures.propose(TestTokens.officer(), split(p[0], item, 10, List.of(share(p[2], 400_000), share(p[1], 600_000))))
                .statusCode(201).body("fundingMode", equalTo("EXPLICIT")).body("fundingSourceId", nullValue())
                .body("fundingShares.fundingSourceId", equalTo(List.of(p[2], p[1])))
                .body("fundingShares.amountIdr", equalTo(List.of(400_000, 600_000)))
                .body("fundingShares.committedIdr", equalTo(List.of(0, 0))).extract().path("id");
        DistributionFixtures.propose(TestTokens.officer(), split(p[0], item, 10, List.of(share(p[1], 600_000), share(p[2], 300_000))))
                .statusCode(422).body("rule", equalTo("funding-split-mismatch")).body("totalIdr", equalTo(1_000_000));
        DistributionFixtures.propose(TestTokens.officer(), split(p[0], item, 10, List.of(share(p[1], 500_000), share(p[1], 500_000))))
                .statusCode(400).body("errors[0].field", equalTo("fundingShares[1].fundingSourceId"));
        DistributionFixtures.propose(TestTokens.officer(), split(p[0], item, 10, List.of(share(other[1], 1_000_000))))
                .statusCode(422).body("rule", equalTo("unknown-funding-source"))
                .body("errors[0].field", equalTo("fundingShares[0].fundingSourceId"));
        DistributionFixtures.propose(TestTokens.officer(), split(p[0], item, 10, List.of())).statusCode(400);
        DistributionFixtures.propose(TestTokens.officer(), split(p[0], item, 10, List.of(share(p[1], 0)))).statusCode(400);
        Map<String, Object> both = split(p[0], item, 10, List.of(share(p[1], 1_000_000)));
        both.put("fundingSourceId", p[1]);
        DistributionFixtures.propose(TestTokens.officer(), both).statusCode(400).body("errors[0].field", equalTo("fundingShares"));

        act(DistributionFixtures.APPROVER, split, "approve").statusCode(200).body("fundingShares.committedIdr", equalTo(List.of(400_000, 600_000)));
        ProgrammeFixtures.programmeView(p[0]).body("fundingSources[0].committedIdr", equalTo(600_000))
                .body("fundingSources[1].committedIdr", equalTo(400_000)).body("remainingIdr", equalTo(500_000));

        // The CSR share has Rp 100,000 left: a split asking it for more is refused naming it, though the programme has Rp 500,000.
        String tooMuchCsr = DistributionFixtures.propose(TestTokens.officer(), split(p[0], item, 3, List.of(share(p[1], 100_000), share(p[2], 200_000))))
                .statusCode(201).body("allowedTransitions", equalTo(List.of("CANCELLED"))).extract().path("id");
        act(DistributionFixtures.APPROVER, tooMuchCsr, "approve").statusCode(422).body("rule", equalTo("budget-exceeded"))
                .body("amountIdr", equalTo(300_000)).body("shortfallIdr", equalTo(100_000)).body("remainingIdr", equalTo(500_000))
                .body("fundingSources[0].fundingSourceId", equalTo(p[2])).body("fundingSources[0].remainingIdr", equalTo(100_000))
                .body("fundingSources[0].shortfallIdr", equalTo(100_000)).body("fundingSources.size()", equalTo(1));
        String pooled = DistributionFixtures.propose(TestTokens.officer(), pooled(p[0], item, 3)).statusCode(201)
                .body("allowedTransitions", equalTo(List.of("APPROVED", "CANCELLED"))).extract().path("id");
        act(DistributionFixtures.APPROVER, pooled, "approve").statusCode(200).body("fundingSourceId", equalTo(p[1]));
        ProgrammeFixtures.programmeView(p[0]).body("fundingSources[0].remainingIdr", equalTo(100_000)).body("fundingSources[1].remainingIdr", equalTo(100_000));
        byFunder(p[0]).body("find { it.key == '%s' }.committedIdr".formatted(p[1]), equalTo(900_000))
                .body("find { it.key == '%s' }.committedIdr".formatted(p[2]), equalTo(400_000))
                .body("find { it.key == '%s' }.proposedIdr".formatted(p[1]), equalTo(100_000))
                .body("find { it.key == '%s' }.proposedIdr".formatted(p[2]), equalTo(200_000))
                .body("find { it.key == 'POOL' }", nullValue());
    }

    @Test
    void aRequestNamingOneFundingSourceStillDrawsTheWholeTotalOnIt() {
        String[] p = coFunded(1_000_000L, 500_000L);
        String item = ProgrammeFixtures.item("STAPLE_FOOD_PACKAGE", 100_000);
        Map<String, Object> request = new HashMap<>(pooled(p[0], item, 6));
        request.put("fundingSourceId", p[2]);
        String id = DistributionFixtures.propose(TestTokens.officer(), request).statusCode(201).body("fundingMode", equalTo("EXPLICIT"))
                .body("fundingSourceId", equalTo(p[2])).body("fundingShares.amountIdr", equalTo(List.of(600_000)))
                .body("allowedTransitions", equalTo(List.of("CANCELLED"))).extract().path("id");
        act(DistributionFixtures.APPROVER, id, "approve").statusCode(422).body("rule", equalTo("budget-exceeded")).body("remainingIdr", equalTo(500_000))
                .body("shortfallIdr", equalTo(100_000));
        request.put("recipientId", ReadModelFixtures.household());
        request.put("lines", List.of(Map.of("itemId", item, "quantity", 5)));
        String fits = DistributionFixtures.propose(TestTokens.officer(), request).statusCode(201).extract().path("id");
        act(DistributionFixtures.APPROVER, fits, "approve").statusCode(200).body("fundingSourceId", equalTo(p[2]));
        ProgrammeFixtures.programmeView(p[0]).body("fundingSources[0].committedIdr", equalTo(0)).body("fundingSources[1].committedIdr", equalTo(500_000));
    }

    private static io.restassured.response.ValidatableResponse deliver(String id, Long quantity) {
        act(DistributionFixtures.APPROVER, id, "dispatch").statusCode(200);
        Map<String, Object> delivery = quantity == null ? DistributionFixtures.delivery()
                : Map.of("proof", DistributionFixtures.proof(), "lines", List.of(Map.of("position", 1, "deliveredQuantity", quantity)));
        return act(TestTokens.officer(), id, "deliver", delivery).statusCode(200);
    }

    private static io.restassured.response.ValidatableResponse byFunder(String programme) {
        return as(TestTokens.auditor()).get("/api/v1/aid/reports/totals?by=funding-source&programmeId={p}", programme).then().statusCode(200);
    }

    private static List<String> shares(JsonNode event, String amount) {
        List<String> shares = new ArrayList<>();
        event.path("fundingShares").forEach(share -> shares.add(share.path("fundingSourceId").asText() + "=" + share.path(amount).asLong()));
        return shares;
    }

    private static JsonNode event(TopicReader topic, String type, String subject) throws Exception {
        ConsumerRecord<String, byte[]> record = topic.await(r -> type.equals(TopicReader.header(r, "ce_type"))
                && subject.equals(TopicReader.header(r, "ce_subject")), Duration.ofSeconds(30));
        return JSON.readTree(TopicReader.value(record));
    }
}
