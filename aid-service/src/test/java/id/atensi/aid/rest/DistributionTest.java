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

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static id.atensi.aid.DistributionFixtures.act;
import static id.atensi.aid.ProgrammeFixtures.as;
import static id.atensi.aid.DistributionFixtures.propose;
import static id.atensi.aid.DistributionFixtures.proposal;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "aid"))
class DistributionTest {

    @Test
    void aPersonGoesFromProposalToDeliveryWithExactBudgetFigures() {
        String person = ReadModelFixtures.beneficiary("ACTIVE");
        String[] programme = ProgrammeFixtures.programme(10_000_000);
        String wheelchair = ProgrammeFixtures.item("ASSISTIVE_DEVICE", 2_345_678);
        String id = propose(TestTokens.officer(), proposal(programme, "PERSON", person, wheelchair, 3))
                .statusCode(201)
                .body("status", equalTo("PROPOSED")).body("recipientVerified", equalTo(true))
                .body("totalIdr", equalTo(7_037_034)).body("proposedBy", equalTo("test-officer-" + TestTokens.UNIT_A))
                .body("allowedTransitions", equalTo(List.of("APPROVED", "CANCELLED")))
                .extract().path("id");
        ProgrammeFixtures.programmeView(programme[0]).body("committedIdr", equalTo(0)).body("remainingIdr", equalTo(10_000_000));

        act(DistributionFixtures.APPROVER, id, "approve").statusCode(200).body("status", equalTo("APPROVED")).body("approvedBy", equalTo("approver-officer"));
        ProgrammeFixtures.programmeView(programme[0]).body("committedIdr", equalTo(7_037_034)).body("remainingIdr", equalTo(2_962_966))
                .body("fundingSources[0].committedIdr", equalTo(7_037_034));
        act(TestTokens.officer(), id, "dispatch").statusCode(200).body("status", equalTo("DISPATCHED"));
        act(TestTokens.officer(), id, "deliver", DistributionFixtures.delivery()).statusCode(200)
                .body("status", equalTo("DELIVERED")).body("deliveredIdr", equalTo(7_037_034))
                .body("proof.receivedBy", equalTo("Ketua kelompok")).body("proof.fileSha256", equalTo(DistributionFixtures.PROOF_SHA))
                .body("proof.latitude", equalTo(-6.35f)).body("lines[0].deliveredQuantity", equalTo(3))
                .body("allowedTransitions", equalTo(List.of()));
        ProgrammeFixtures.programmeView(programme[0]).body("committedIdr", equalTo(7_037_034)).body("deliveredIdr", equalTo(7_037_034))
                .body("remainingIdr", equalTo(2_962_966)).body("fundingSources[0].deliveredIdr", equalTo(7_037_034));
    }

    @Test
    void unknownTerminatedOrInactiveRecipientsCannotReceiveAidAndKnownHouseholdsAndGroupsAreVerified() {
        String[] programme = ProgrammeFixtures.programme(10_000_000);
        String item = ProgrammeFixtures.item("STAPLE_FOOD_PACKAGE", 300_000);
        propose(TestTokens.officer(), proposal(programme, "PERSON", UUID.randomUUID().toString(), item, 1))
                .statusCode(422).body("rule", equalTo("unknown-recipient"));
        propose(TestTokens.officer(), proposal(programme, "PERSON", ReadModelFixtures.beneficiary("TERMINATED"), item, 1))
                .statusCode(422).body("rule", equalTo("ineligible-recipient"));
        propose(TestTokens.officer(), proposal(programme, "HOUSEHOLD", UUID.randomUUID().toString(), item, 1))
                .statusCode(422).body("rule", equalTo("unknown-recipient"));
        propose(TestTokens.officer(), proposal(programme, "COMMUNITY_GROUP", UUID.randomUUID().toString(), item, 1))
                .statusCode(422).body("rule", equalTo("unknown-recipient"));
        String household = ReadModelFixtures.household();
        propose(TestTokens.officer(), proposal(programme, "COMMUNITY_GROUP", household, item, 1))
                .statusCode(422).body("rule", equalTo("unknown-recipient"));
        propose(TestTokens.officer(), proposal(programme, "HOUSEHOLD", ReadModelFixtures.collectives("household", 1, TestTokens.UNIT_A, null, null, false).get(0), item, 1))
                .statusCode(422).body("rule", equalTo("ineligible-recipient"));
        propose(TestTokens.officer(), proposal(programme, "COMMUNITY_GROUP", ReadModelFixtures.collectives("group", 1, TestTokens.UNIT_A, null, null, false).get(0), item, 1))
                .statusCode(422).body("rule", equalTo("ineligible-recipient"));
        propose(TestTokens.officer(), proposal(programme, "HOUSEHOLD", household, item, 1))
                .statusCode(201).body("recipientVerified", equalTo(true)).body("serviceUnitId", equalTo(TestTokens.UNIT_A));
        propose(TestTokens.officer(), proposal(programme, "COMMUNITY_GROUP", ReadModelFixtures.group(), item, 1))
                .statusCode(201).body("recipientVerified", equalTo(true));
        propose(TestTokens.officer(), proposal(new String[] {UUID.randomUUID().toString(), programme[1]}, "HOUSEHOLD", ReadModelFixtures.household(), item, 1))
                .statusCode(422).body("rule", equalTo("unknown-programme"));
        propose(TestTokens.officer(), proposal(new String[] {programme[0], ProgrammeFixtures.programme(5)[1]}, "HOUSEHOLD", ReadModelFixtures.household(), item, 1))
                .statusCode(422).body("rule", equalTo("unknown-funding-source"));
        propose(TestTokens.officer(), proposal(programme, "HOUSEHOLD", ReadModelFixtures.household(), UUID.randomUUID().toString(), 1))
                .statusCode(422).body("rule", equalTo("unknown-item"));
        propose(TestTokens.officer(), proposal(programme, "HOUSEHOLD", ReadModelFixtures.household(), item, 0)).statusCode(400);
        propose(TestTokens.officer(), proposal(programme, "TRIBE", UUID.randomUUID().toString(), item, 1)).statusCode(400);
    }

    @Test
    void illegalTransitionsAnswer409WithWhatIsAllowed() {
        String[] programme = ProgrammeFixtures.programme(10_000_000);
        String id = DistributionFixtures.proposed(programme, ProgrammeFixtures.item("EQUIPMENT", 1_000_000), 1);
        act(TestTokens.officer(), id, "dispatch").statusCode(409)
                .body("currentStatus", equalTo("PROPOSED")).body("requestedStatus", equalTo("DISPATCHED"))
                .body("allowedTransitions", equalTo(List.of("APPROVED", "CANCELLED")));
        act(TestTokens.officer(), id, "deliver", DistributionFixtures.delivery()).statusCode(409);
        act(DistributionFixtures.APPROVER, id, "approve").statusCode(200);
        act(DistributionFixtures.APPROVER, id, "approve").statusCode(409).body("allowedTransitions", equalTo(List.of("DISPATCHED", "CANCELLED")));
        act(TestTokens.officer(), id, "return", Map.of("reason", "x")).statusCode(409);
        act(TestTokens.officer(), UUID.randomUUID().toString(), "approve").statusCode(404);
    }

    @Test
    void theApproverCannotBeTheProposer() {
        String[] programme = ProgrammeFixtures.programme(10_000_000);
        String id = DistributionFixtures.proposed(programme, ProgrammeFixtures.item("EQUIPMENT", 1_000_000), 1);
        act(TestTokens.officer(), id, "approve").statusCode(403).body("rule", equalTo("approver-is-proposer"));
        ProgrammeFixtures.programmeView(programme[0]).body("committedIdr", equalTo(0));
        act(TestTokens.partner(UUID.randomUUID().toString()), id, "approve").statusCode(403);
        act(TestTokens.auditor(), id, "approve").statusCode(403);
    }

    @Test
    void deliveryWithoutProofIsRefused() {
        String[] programme = ProgrammeFixtures.programme(10_000_000);
        String id = DistributionFixtures.proposed(programme, ProgrammeFixtures.item("EQUIPMENT", 1_000_000), 1);
        act(DistributionFixtures.APPROVER, id, "approve").statusCode(200);
        act(TestTokens.officer(), id, "dispatch").statusCode(200);
        act(TestTokens.officer(), id, "deliver", Map.of()).statusCode(400).body("errors[0].field", equalTo("proof"));
        Map<String, Object> badProof = new HashMap<>(DistributionFixtures.proof());
        badProof.put("fileSha256", "not-a-digest");
        badProof.remove("receivedBy");
        badProof.put("latitude", 91.0);
        act(TestTokens.officer(), id, "deliver", Map.of("proof", badProof)).statusCode(400);
        as(TestTokens.officer()).get("/api/v1/aid/distributions/{id}", id).then().statusCode(200)
                .body("status", equalTo("DISPATCHED")).body("proof", nullValue());
        Map<String, Object> noCoordinates = new HashMap<>(DistributionFixtures.proof());
        noCoordinates.remove("latitude");
        noCoordinates.remove("longitude");
        act(TestTokens.officer(), id, "deliver", Map.of("proof", noCoordinates)).statusCode(200).body("proof.latitude", nullValue());
    }

    @Test
    void partialDeliveryReturnAndCancellationGiveTheRestBackToTheBudget() {
        String[] programme = ProgrammeFixtures.programme(100_000_000);
        String staples = ProgrammeFixtures.item("STAPLE_FOOD_PACKAGE", 300_000);
        String partial = DistributionFixtures.proposed(programme, staples, 100);
        act(DistributionFixtures.APPROVER, partial, "approve").statusCode(200);
        act(TestTokens.officer(), partial, "dispatch").statusCode(200);
        act(TestTokens.officer(), partial, "deliver", Map.of("proof", DistributionFixtures.proof(), "lines", List.of(Map.of("position", 1, "deliveredQuantity", 101))))
                .statusCode(400);
        act(TestTokens.officer(), partial, "deliver", Map.of("proof", DistributionFixtures.proof(), "lines", List.of(Map.of("position", 1, "deliveredQuantity", 0))))
                .statusCode(422).body("rule", equalTo("nothing-delivered"));
        act(TestTokens.officer(), partial, "deliver", Map.of("proof", DistributionFixtures.proof(), "lines", List.of(Map.of("position", 1, "deliveredQuantity", 93))))
                .statusCode(200).body("status", equalTo("PARTIALLY_DELIVERED")).body("deliveredIdr", equalTo(27_900_000));
        ProgrammeFixtures.programmeView(programme[0]).body("committedIdr", equalTo(27_900_000)).body("deliveredIdr", equalTo(27_900_000))
                .body("remainingIdr", equalTo(72_100_000));

        String returned = DistributionFixtures.proposed(programme, staples, 10);
        act(DistributionFixtures.APPROVER, returned, "approve").statusCode(200);
        act(TestTokens.officer(), returned, "dispatch").statusCode(200);
        act(TestTokens.officer(), returned, "return", Map.of()).statusCode(400);
        act(TestTokens.officer(), returned, "return", Map.of("reason", "Jalan putus, banjir")).statusCode(200)
                .body("status", equalTo("RETURNED")).body("closeReason", equalTo("Jalan putus, banjir"));

        String cancelled = DistributionFixtures.proposed(programme, staples, 20);
        act(DistributionFixtures.APPROVER, cancelled, "approve").statusCode(200);
        ProgrammeFixtures.programmeView(programme[0]).body("committedIdr", equalTo(33_900_000));
        act(TestTokens.officer(), cancelled, "cancel", Map.of("reason", "Data ganda")).statusCode(200).body("status", equalTo("CANCELLED"));
        act(TestTokens.officer(), cancelled, "cancel", Map.of("reason", "again")).statusCode(409).body("currentStatus", equalTo("CANCELLED"))
                .body("allowedTransitions", equalTo(List.of()));
        ProgrammeFixtures.programmeView(programme[0]).body("committedIdr", equalTo(27_900_000)).body("deliveredIdr", equalTo(27_900_000))
                .body("remainingIdr", equalTo(72_100_000));
    }

    @Test
    void aDistributionBeyondTheRemainingBudgetIsNotApproved() {
        String[] programme = ProgrammeFixtures.programme(1_000_000);
        String item = ProgrammeFixtures.item("CASH", 600_000);
        String first = DistributionFixtures.proposed(programme, item, 1);
        String second = DistributionFixtures.proposed(programme, item, 1);
        act(DistributionFixtures.APPROVER, first, "approve").statusCode(200);
        act(DistributionFixtures.APPROVER, second, "approve").statusCode(422).body("rule", equalTo("budget-exceeded")).body("remainingIdr", equalTo(400_000));
        as(TestTokens.officer()).get("/api/v1/aid/distributions/{id}", second).then().body("status", equalTo("PROPOSED"));
    }

    @Test
    void amountsNearTheTopOfTheRangeStayExactAndOverflowIsRefused() {
        String[] programme = ProgrammeFixtures.programme(Long.MAX_VALUE);
        String huge = ProgrammeFixtures.item("CASH", Long.MAX_VALUE / 2 + 1);
        propose(TestTokens.officer(), proposal(programme, "HOUSEHOLD", ReadModelFixtures.household(), huge, 2))
                .statusCode(422).body("rule", equalTo("amount-overflow"));
        String almostAll = ProgrammeFixtures.item("CASH", Long.MAX_VALUE - 1);
        String id = DistributionFixtures.proposed(programme, almostAll, 1);
        act(DistributionFixtures.APPROVER, id, "approve").statusCode(200).body("totalIdr", equalTo(Long.MAX_VALUE - 1));
        ProgrammeFixtures.programmeView(programme[0]).body("committedIdr", equalTo(Long.MAX_VALUE - 1)).body("remainingIdr", equalTo(1));
        String one = ProgrammeFixtures.item("CASH", 1);
        String last = DistributionFixtures.proposed(programme, one, 1);
        String tooMuch = DistributionFixtures.proposed(programme, one, 1);
        act(DistributionFixtures.APPROVER, last, "approve").statusCode(200);
        act(DistributionFixtures.APPROVER, tooMuch, "approve").statusCode(422).body("rule", equalTo("budget-exceeded"));
        ProgrammeFixtures.programmeView(programme[0]).body("committedIdr", equalTo(Long.MAX_VALUE)).body("remainingIdr", equalTo(0));
        as(TestTokens.auditor()).get("/api/v1/aid/reports/totals?by=programme&programmeId={p}", programme[0]).then().statusCode(200)
                .body("[0].committedIdr", equalTo(Long.MAX_VALUE)).body("[0].proposedIdr", equalTo(1));
        // proposals are not held to the budget: two of almost everything add up beyond what a total can hold exactly
        DistributionFixtures.proposed(programme, almostAll, 1);
        as(TestTokens.auditor()).get("/api/v1/aid/reports/totals?by=programme&programmeId={p}", programme[0]).then().statusCode(200)
                .body("[0].proposedIdr", equalTo(Long.MAX_VALUE));
        DistributionFixtures.proposed(programme, almostAll, 1);
        as(TestTokens.auditor()).get("/api/v1/aid/reports/totals?by=programme&programmeId={p}", programme[0]).then().statusCode(422)
                .contentType("application/problem+json").body("rule", equalTo("amount-overflow"));
        // two lines whose sum overflows
        Map<String, Object> twoLines = new HashMap<>(proposal(programme, "HOUSEHOLD", ReadModelFixtures.household(), almostAll, 1));
        twoLines.put("lines", List.of(Map.of("itemId", almostAll, "quantity", 1), Map.of("itemId", ProgrammeFixtures.item("CASH", 2), "quantity", 1)));
        propose(TestTokens.officer(), twoLines).statusCode(422).body("rule", equalTo("amount-overflow"));
    }

    @Test
    void aRepeatedCreationWithTheSameIdempotencyKeyAnswersTheFirstResult() {
        String[] programme = ProgrammeFixtures.programme(10_000_000);
        Map<String, Object> request = proposal(programme, "HOUSEHOLD", ReadModelFixtures.household(), ProgrammeFixtures.item("EQUIPMENT", 1_000_000), 1);
        String key = UUID.randomUUID().toString();
        String first = as(TestTokens.officer()).header("Idempotency-Key", key).body(request).post("/api/v1/aid/distributions")
                .then().statusCode(201).extract().path("id");
        as(TestTokens.officer()).header("Idempotency-Key", key).body(request).post("/api/v1/aid/distributions")
                .then().statusCode(201).body("id", equalTo(first));
        as(TestTokens.officer()).get("/api/v1/aid/distributions?programmeId={p}", programme[0]).then().body("total", equalTo(1));
        Map<String, Object> other = new HashMap<>(request);
        other.put("note", "another request");
        as(TestTokens.officer()).header("Idempotency-Key", key).body(other).post("/api/v1/aid/distributions")
                .then().statusCode(422);
        // the same key of another caller is another key
        as(DistributionFixtures.APPROVER).header("Idempotency-Key", key).body(request).post("/api/v1/aid/distributions")
                .then().statusCode(409).body("rule", equalTo("duplicate-aid")).body("existingId", equalTo(first));
    }

    @Test
    void theSameItemToTheSameRecipientInTheSameProgrammeNeedsAnOfficersOverride() {
        String[] programme = ProgrammeFixtures.programme(10_000_000);
        String item = ProgrammeFixtures.item("STAPLE_FOOD_PACKAGE", 300_000);
        String household = ReadModelFixtures.household();
        String partner = ReadModelFixtures.partner();
        Map<String, Object> request = new HashMap<>(proposal(programme, "HOUSEHOLD", household, item, 1));
        request.put("channellingPartnerId", partner);
        String first = propose(TestTokens.officer(), request).statusCode(201).extract().path("id");

        propose(TestTokens.officer(), request).statusCode(409).body("rule", equalTo("duplicate-aid"))
                .body("existingId", equalTo(first)).body("itemId", equalTo(item));
        Map<String, Object> overridden = new HashMap<>(request);
        overridden.put("duplicateOverride", Map.of("reason", "Rumah terbakar lagi, paket kedua"));
        propose(TestTokens.partner(partner), overridden).statusCode(403).body("rule", equalTo("duplicate-override-officer-only"));
        propose(TestTokens.officer(), Map.of("programmeId", programme[0], "fundingSourceId", programme[1], "recipientKind", "HOUSEHOLD",
                "recipientId", household, "lines", List.of(Map.of("itemId", item, "quantity", 1)), "duplicateOverride", Map.of("reason", " ")))
                .statusCode(400);
        propose(DistributionFixtures.APPROVER, overridden).statusCode(201)
                .body("duplicateOverrideReason", equalTo("Rumah terbakar lagi, paket kedua"))
                .body("duplicateOverrideBy", equalTo("approver-officer"));
        // another programme, or a cancelled earlier distribution, is no duplicate
        propose(TestTokens.officer(), proposal(ProgrammeFixtures.programme(1_000_000), "HOUSEHOLD", household, item, 1)).statusCode(201);
        String other = ReadModelFixtures.household();
        String cancelled = propose(TestTokens.officer(), proposal(programme, "HOUSEHOLD", other, item, 1)).statusCode(201).extract().path("id");
        act(TestTokens.officer(), cancelled, "cancel", Map.of("reason", "salah alamat")).statusCode(200);
        propose(TestTokens.officer(), proposal(programme, "HOUSEHOLD", other, item, 1)).statusCode(201).body("duplicateOverrideReason", nullValue());
    }

    @Test
    void aChannellingPartnerProposesAndSeesOnlyItsOwnDistributions() {
        String[] programme = ProgrammeFixtures.programme(10_000_000);
        String item = ProgrammeFixtures.item("EQUIPMENT", 1_000_000);
        String lks = ReadModelFixtures.partner();
        String otherLks = ReadModelFixtures.partner();
        String own = propose(TestTokens.partner(lks), proposal(programme, "COMMUNITY_GROUP", ReadModelFixtures.group(), item, 1))
                .statusCode(201).body("channellingPartnerId", equalTo(lks)).extract().path("id");
        Map<String, Object> forOther = new HashMap<>(proposal(programme, "COMMUNITY_GROUP", ReadModelFixtures.group(), item, 1));
        forOther.put("channellingPartnerId", otherLks);
        propose(TestTokens.partner(lks), forOther).statusCode(403);
        String others = propose(TestTokens.officer(), forOther).statusCode(201).extract().path("id");

        as(TestTokens.partner(lks)).get("/api/v1/aid/distributions/{id}", own).then().statusCode(200);
        as(TestTokens.partner(lks)).get("/api/v1/aid/distributions/{id}", others).then().statusCode(404);
        as(TestTokens.partner(lks)).get("/api/v1/aid/distributions?programmeId={p}", programme[0]).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].id", equalTo(own));
        as(TestTokens.partner(lks)).get("/api/v1/aid/distributions?programmeId={p}&channellingPartnerId={o}", programme[0], otherLks)
                .then().body("total", equalTo(1)).body("items[0].id", equalTo(own));
        act(DistributionFixtures.APPROVER, others, "approve").statusCode(200);
        act(TestTokens.partner(lks), others, "dispatch").statusCode(404);
        act(TestTokens.officer(), others, "dispatch").statusCode(200);
        act(TestTokens.partner(lks), others, "deliver", DistributionFixtures.delivery()).statusCode(404);
        act(TestTokens.partner(lks), others, "return", Map.of("reason", "x")).statusCode(404);
        act(DistributionFixtures.APPROVER, own, "approve").statusCode(200);
        act(TestTokens.partner(lks), own, "dispatch").statusCode(200);
        act(TestTokens.partner(lks), own, "deliver", DistributionFixtures.delivery()).statusCode(200).body("status", equalTo("DELIVERED"));

        Map<String, Object> unknownChannel = new HashMap<>(proposal(programme, "COMMUNITY_GROUP", ReadModelFixtures.group(), item, 1));
        unknownChannel.put("channellingPartnerId", UUID.randomUUID().toString());
        propose(TestTokens.officer(), unknownChannel).statusCode(422).body("rule", equalTo("unknown-partner"));
        propose(TestTokens.partner(UUID.randomUUID().toString()), proposal(programme, "COMMUNITY_GROUP", ReadModelFixtures.group(), item, 1))
                .statusCode(422).body("rule", equalTo("unknown-partner"));
        as(TestTokens.viewer()).get("/api/v1/aid/distributions/{id}", own).then().statusCode(403);
    }
}
