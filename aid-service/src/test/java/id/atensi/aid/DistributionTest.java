package id.atensi.aid;

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

import static id.atensi.aid.Aid.act;
import static id.atensi.aid.Aid.as;
import static id.atensi.aid.Aid.propose;
import static id.atensi.aid.Aid.proposal;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "aid"))
class DistributionTest {

    @Test
    void aPersonGoesFromProposalToDeliveryWithExactBudgetFigures() {
        String person = Aid.beneficiary("ACTIVE");
        String[] programme = Aid.programme(10_000_000);
        String wheelchair = Aid.item("ASSISTIVE_DEVICE", 2_345_678);
        String id = propose(TestTokens.officer(), proposal(programme, "PERSON", person, wheelchair, 3))
                .statusCode(201)
                .body("status", equalTo("PROPOSED")).body("recipientVerified", equalTo(true))
                .body("totalIdr", equalTo(7_037_034)).body("proposedBy", equalTo("test-officer-" + TestTokens.UNIT_A))
                .body("allowedTransitions", equalTo(List.of("APPROVED", "CANCELLED")))
                .extract().path("id");
        Aid.programmeView(programme[0]).body("committedIdr", equalTo(0)).body("remainingIdr", equalTo(10_000_000));

        act(Aid.APPROVER, id, "approve").statusCode(200).body("status", equalTo("APPROVED")).body("approvedBy", equalTo("approver-officer"));
        Aid.programmeView(programme[0]).body("committedIdr", equalTo(7_037_034)).body("remainingIdr", equalTo(2_962_966))
                .body("fundingSources[0].committedIdr", equalTo(7_037_034));
        act(TestTokens.officer(), id, "dispatch").statusCode(200).body("status", equalTo("DISPATCHED"));
        act(TestTokens.officer(), id, "deliver", Aid.delivery()).statusCode(200)
                .body("status", equalTo("DELIVERED")).body("deliveredIdr", equalTo(7_037_034))
                .body("proof.receivedBy", equalTo("Ketua kelompok")).body("proof.fileSha256", equalTo(Aid.PROOF_SHA))
                .body("proof.latitude", equalTo(-6.35f)).body("lines[0].deliveredQuantity", equalTo(3))
                .body("allowedTransitions", equalTo(List.of()));
        Aid.programmeView(programme[0]).body("committedIdr", equalTo(7_037_034)).body("deliveredIdr", equalTo(7_037_034))
                .body("remainingIdr", equalTo(2_962_966)).body("fundingSources[0].deliveredIdr", equalTo(7_037_034));
    }

    @Test
    void unknownTerminatedOrInactiveRecipientsCannotReceiveAidAndKnownHouseholdsAndGroupsAreVerified() {
        String[] programme = Aid.programme(10_000_000);
        String item = Aid.item("STAPLE_FOOD_PACKAGE", 300_000);
        propose(TestTokens.officer(), proposal(programme, "PERSON", UUID.randomUUID().toString(), item, 1))
                .statusCode(422).body("rule", equalTo("unknown-recipient"));
        propose(TestTokens.officer(), proposal(programme, "PERSON", Aid.beneficiary("TERMINATED"), item, 1))
                .statusCode(422).body("rule", equalTo("ineligible-recipient"));
        propose(TestTokens.officer(), proposal(programme, "HOUSEHOLD", UUID.randomUUID().toString(), item, 1))
                .statusCode(422).body("rule", equalTo("unknown-recipient"));
        propose(TestTokens.officer(), proposal(programme, "COMMUNITY_GROUP", UUID.randomUUID().toString(), item, 1))
                .statusCode(422).body("rule", equalTo("unknown-recipient"));
        String household = Aid.household();
        propose(TestTokens.officer(), proposal(programme, "COMMUNITY_GROUP", household, item, 1))
                .statusCode(422).body("rule", equalTo("unknown-recipient"));
        propose(TestTokens.officer(), proposal(programme, "HOUSEHOLD", Aid.collectives("household", 1, TestTokens.UNIT_A, null, null, false).get(0), item, 1))
                .statusCode(422).body("rule", equalTo("ineligible-recipient"));
        propose(TestTokens.officer(), proposal(programme, "COMMUNITY_GROUP", Aid.collectives("group", 1, TestTokens.UNIT_A, null, null, false).get(0), item, 1))
                .statusCode(422).body("rule", equalTo("ineligible-recipient"));
        propose(TestTokens.officer(), proposal(programme, "HOUSEHOLD", household, item, 1))
                .statusCode(201).body("recipientVerified", equalTo(true)).body("serviceUnitId", equalTo(TestTokens.UNIT_A));
        propose(TestTokens.officer(), proposal(programme, "COMMUNITY_GROUP", Aid.group(), item, 1))
                .statusCode(201).body("recipientVerified", equalTo(true));
        propose(TestTokens.officer(), proposal(new String[] {UUID.randomUUID().toString(), programme[1]}, "HOUSEHOLD", Aid.household(), item, 1))
                .statusCode(422).body("rule", equalTo("unknown-programme"));
        propose(TestTokens.officer(), proposal(new String[] {programme[0], Aid.programme(5)[1]}, "HOUSEHOLD", Aid.household(), item, 1))
                .statusCode(422).body("rule", equalTo("unknown-funding-source"));
        propose(TestTokens.officer(), proposal(programme, "HOUSEHOLD", Aid.household(), UUID.randomUUID().toString(), 1))
                .statusCode(422).body("rule", equalTo("unknown-item"));
        propose(TestTokens.officer(), proposal(programme, "HOUSEHOLD", Aid.household(), item, 0)).statusCode(400);
        propose(TestTokens.officer(), proposal(programme, "TRIBE", UUID.randomUUID().toString(), item, 1)).statusCode(400);
    }

    @Test
    void illegalTransitionsAnswer409WithWhatIsAllowed() {
        String[] programme = Aid.programme(10_000_000);
        String id = Aid.proposed(programme, Aid.item("EQUIPMENT", 1_000_000), 1);
        act(TestTokens.officer(), id, "dispatch").statusCode(409)
                .body("currentStatus", equalTo("PROPOSED")).body("requestedStatus", equalTo("DISPATCHED"))
                .body("allowedTransitions", equalTo(List.of("APPROVED", "CANCELLED")));
        act(TestTokens.officer(), id, "deliver", Aid.delivery()).statusCode(409);
        act(Aid.APPROVER, id, "approve").statusCode(200);
        act(Aid.APPROVER, id, "approve").statusCode(409).body("allowedTransitions", equalTo(List.of("DISPATCHED", "CANCELLED")));
        act(TestTokens.officer(), id, "return", Map.of("reason", "x")).statusCode(409);
        act(TestTokens.officer(), UUID.randomUUID().toString(), "approve").statusCode(404);
    }

    @Test
    void theApproverCannotBeTheProposer() {
        String[] programme = Aid.programme(10_000_000);
        String id = Aid.proposed(programme, Aid.item("EQUIPMENT", 1_000_000), 1);
        act(TestTokens.officer(), id, "approve").statusCode(403).body("rule", equalTo("approver-is-proposer"));
        Aid.programmeView(programme[0]).body("committedIdr", equalTo(0));
        act(TestTokens.partner(UUID.randomUUID().toString()), id, "approve").statusCode(403);
        act(TestTokens.auditor(), id, "approve").statusCode(403);
    }

    @Test
    void deliveryWithoutProofIsRefused() {
        String[] programme = Aid.programme(10_000_000);
        String id = Aid.proposed(programme, Aid.item("EQUIPMENT", 1_000_000), 1);
        act(Aid.APPROVER, id, "approve").statusCode(200);
        act(TestTokens.officer(), id, "dispatch").statusCode(200);
        act(TestTokens.officer(), id, "deliver", Map.of()).statusCode(400).body("errors[0].field", equalTo("proof"));
        Map<String, Object> badProof = new HashMap<>(Aid.proof());
        badProof.put("fileSha256", "not-a-digest");
        badProof.remove("receivedBy");
        badProof.put("latitude", 91.0);
        act(TestTokens.officer(), id, "deliver", Map.of("proof", badProof)).statusCode(400);
        as(TestTokens.officer()).get("/api/v1/aid/distributions/{id}", id).then().statusCode(200)
                .body("status", equalTo("DISPATCHED")).body("proof", nullValue());
        Map<String, Object> noCoordinates = new HashMap<>(Aid.proof());
        noCoordinates.remove("latitude");
        noCoordinates.remove("longitude");
        act(TestTokens.officer(), id, "deliver", Map.of("proof", noCoordinates)).statusCode(200).body("proof.latitude", nullValue());
    }

    @Test
    void partialDeliveryReturnAndCancellationGiveTheRestBackToTheBudget() {
        String[] programme = Aid.programme(100_000_000);
        String staples = Aid.item("STAPLE_FOOD_PACKAGE", 300_000);
        String partial = Aid.proposed(programme, staples, 100);
        act(Aid.APPROVER, partial, "approve").statusCode(200);
        act(TestTokens.officer(), partial, "dispatch").statusCode(200);
        act(TestTokens.officer(), partial, "deliver", Map.of("proof", Aid.proof(), "lines", List.of(Map.of("position", 1, "deliveredQuantity", 101))))
                .statusCode(400);
        act(TestTokens.officer(), partial, "deliver", Map.of("proof", Aid.proof(), "lines", List.of(Map.of("position", 1, "deliveredQuantity", 0))))
                .statusCode(422).body("rule", equalTo("nothing-delivered"));
        act(TestTokens.officer(), partial, "deliver", Map.of("proof", Aid.proof(), "lines", List.of(Map.of("position", 1, "deliveredQuantity", 93))))
                .statusCode(200).body("status", equalTo("PARTIALLY_DELIVERED")).body("deliveredIdr", equalTo(27_900_000));
        Aid.programmeView(programme[0]).body("committedIdr", equalTo(27_900_000)).body("deliveredIdr", equalTo(27_900_000))
                .body("remainingIdr", equalTo(72_100_000));

        String returned = Aid.proposed(programme, staples, 10);
        act(Aid.APPROVER, returned, "approve").statusCode(200);
        act(TestTokens.officer(), returned, "dispatch").statusCode(200);
        act(TestTokens.officer(), returned, "return", Map.of()).statusCode(400);
        act(TestTokens.officer(), returned, "return", Map.of("reason", "Jalan putus, banjir")).statusCode(200)
                .body("status", equalTo("RETURNED")).body("closeReason", equalTo("Jalan putus, banjir"));

        String cancelled = Aid.proposed(programme, staples, 20);
        act(Aid.APPROVER, cancelled, "approve").statusCode(200);
        Aid.programmeView(programme[0]).body("committedIdr", equalTo(33_900_000));
        act(TestTokens.officer(), cancelled, "cancel", Map.of("reason", "Data ganda")).statusCode(200).body("status", equalTo("CANCELLED"));
        act(TestTokens.officer(), cancelled, "cancel", Map.of("reason", "again")).statusCode(409).body("currentStatus", equalTo("CANCELLED"))
                .body("allowedTransitions", equalTo(List.of()));
        Aid.programmeView(programme[0]).body("committedIdr", equalTo(27_900_000)).body("deliveredIdr", equalTo(27_900_000))
                .body("remainingIdr", equalTo(72_100_000));
    }

    @Test
    void aDistributionBeyondTheRemainingBudgetIsNotApproved() {
        String[] programme = Aid.programme(1_000_000);
        String item = Aid.item("CASH", 600_000);
        String first = Aid.proposed(programme, item, 1);
        String second = Aid.proposed(programme, item, 1);
        act(Aid.APPROVER, first, "approve").statusCode(200);
        act(Aid.APPROVER, second, "approve").statusCode(422).body("rule", equalTo("budget-exceeded")).body("remainingIdr", equalTo(400_000));
        as(TestTokens.officer()).get("/api/v1/aid/distributions/{id}", second).then().body("status", equalTo("PROPOSED"));
    }

    @Test
    void amountsNearTheTopOfTheRangeStayExactAndOverflowIsRefused() {
        String[] programme = Aid.programme(Long.MAX_VALUE);
        String huge = Aid.item("CASH", Long.MAX_VALUE / 2 + 1);
        propose(TestTokens.officer(), proposal(programme, "HOUSEHOLD", Aid.household(), huge, 2))
                .statusCode(422).body("rule", equalTo("amount-overflow"));
        String almostAll = Aid.item("CASH", Long.MAX_VALUE - 1);
        String id = Aid.proposed(programme, almostAll, 1);
        act(Aid.APPROVER, id, "approve").statusCode(200).body("totalIdr", equalTo(Long.MAX_VALUE - 1));
        Aid.programmeView(programme[0]).body("committedIdr", equalTo(Long.MAX_VALUE - 1)).body("remainingIdr", equalTo(1));
        String one = Aid.item("CASH", 1);
        String last = Aid.proposed(programme, one, 1);
        String tooMuch = Aid.proposed(programme, one, 1);
        act(Aid.APPROVER, last, "approve").statusCode(200);
        act(Aid.APPROVER, tooMuch, "approve").statusCode(422).body("rule", equalTo("budget-exceeded"));
        Aid.programmeView(programme[0]).body("committedIdr", equalTo(Long.MAX_VALUE)).body("remainingIdr", equalTo(0));
        as(TestTokens.auditor()).get("/api/v1/aid/reports/totals?by=programme&programmeId={p}", programme[0]).then().statusCode(200)
                .body("[0].committedIdr", equalTo(Long.MAX_VALUE)).body("[0].proposedIdr", equalTo(1));
        // proposals are not held to the budget: two of almost everything add up beyond what a total can hold exactly
        Aid.proposed(programme, almostAll, 1);
        as(TestTokens.auditor()).get("/api/v1/aid/reports/totals?by=programme&programmeId={p}", programme[0]).then().statusCode(200)
                .body("[0].proposedIdr", equalTo(Long.MAX_VALUE));
        Aid.proposed(programme, almostAll, 1);
        as(TestTokens.auditor()).get("/api/v1/aid/reports/totals?by=programme&programmeId={p}", programme[0]).then().statusCode(422)
                .contentType("application/problem+json").body("rule", equalTo("amount-overflow"));
        // two lines whose sum overflows
        Map<String, Object> twoLines = new HashMap<>(proposal(programme, "HOUSEHOLD", Aid.household(), almostAll, 1));
        twoLines.put("lines", List.of(Map.of("itemId", almostAll, "quantity", 1), Map.of("itemId", Aid.item("CASH", 2), "quantity", 1)));
        propose(TestTokens.officer(), twoLines).statusCode(422).body("rule", equalTo("amount-overflow"));
    }

    @Test
    void aRepeatedCreationWithTheSameIdempotencyKeyAnswersTheFirstResult() {
        String[] programme = Aid.programme(10_000_000);
        Map<String, Object> request = proposal(programme, "HOUSEHOLD", Aid.household(), Aid.item("EQUIPMENT", 1_000_000), 1);
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
        as(Aid.APPROVER).header("Idempotency-Key", key).body(request).post("/api/v1/aid/distributions")
                .then().statusCode(409).body("rule", equalTo("duplicate-aid")).body("existingId", equalTo(first));
    }

    @Test
    void theSameItemToTheSameRecipientInTheSameProgrammeNeedsAnOfficersOverride() {
        String[] programme = Aid.programme(10_000_000);
        String item = Aid.item("STAPLE_FOOD_PACKAGE", 300_000);
        String household = Aid.household();
        String partner = Aid.partner();
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
        propose(Aid.APPROVER, overridden).statusCode(201)
                .body("duplicateOverrideReason", equalTo("Rumah terbakar lagi, paket kedua"))
                .body("duplicateOverrideBy", equalTo("approver-officer"));
        // another programme, or a cancelled earlier distribution, is no duplicate
        propose(TestTokens.officer(), proposal(Aid.programme(1_000_000), "HOUSEHOLD", household, item, 1)).statusCode(201);
        String other = Aid.household();
        String cancelled = propose(TestTokens.officer(), proposal(programme, "HOUSEHOLD", other, item, 1)).statusCode(201).extract().path("id");
        act(TestTokens.officer(), cancelled, "cancel", Map.of("reason", "salah alamat")).statusCode(200);
        propose(TestTokens.officer(), proposal(programme, "HOUSEHOLD", other, item, 1)).statusCode(201).body("duplicateOverrideReason", nullValue());
    }

    @Test
    void aChannellingPartnerProposesAndSeesOnlyItsOwnDistributions() {
        String[] programme = Aid.programme(10_000_000);
        String item = Aid.item("EQUIPMENT", 1_000_000);
        String lks = Aid.partner();
        String otherLks = Aid.partner();
        String own = propose(TestTokens.partner(lks), proposal(programme, "COMMUNITY_GROUP", Aid.group(), item, 1))
                .statusCode(201).body("channellingPartnerId", equalTo(lks)).extract().path("id");
        Map<String, Object> forOther = new HashMap<>(proposal(programme, "COMMUNITY_GROUP", Aid.group(), item, 1));
        forOther.put("channellingPartnerId", otherLks);
        propose(TestTokens.partner(lks), forOther).statusCode(403);
        String others = propose(TestTokens.officer(), forOther).statusCode(201).extract().path("id");

        as(TestTokens.partner(lks)).get("/api/v1/aid/distributions/{id}", own).then().statusCode(200);
        as(TestTokens.partner(lks)).get("/api/v1/aid/distributions/{id}", others).then().statusCode(404);
        as(TestTokens.partner(lks)).get("/api/v1/aid/distributions?programmeId={p}", programme[0]).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].id", equalTo(own));
        as(TestTokens.partner(lks)).get("/api/v1/aid/distributions?programmeId={p}&channellingPartnerId={o}", programme[0], otherLks)
                .then().body("total", equalTo(1)).body("items[0].id", equalTo(own));
        act(Aid.APPROVER, others, "approve").statusCode(200);
        act(TestTokens.partner(lks), others, "dispatch").statusCode(404);
        act(TestTokens.officer(), others, "dispatch").statusCode(200);
        act(TestTokens.partner(lks), others, "deliver", Aid.delivery()).statusCode(404);
        act(TestTokens.partner(lks), others, "return", Map.of("reason", "x")).statusCode(404);
        act(Aid.APPROVER, own, "approve").statusCode(200);
        act(TestTokens.partner(lks), own, "dispatch").statusCode(200);
        act(TestTokens.partner(lks), own, "deliver", Aid.delivery()).statusCode(200).body("status", equalTo("DELIVERED"));

        Map<String, Object> unknownChannel = new HashMap<>(proposal(programme, "COMMUNITY_GROUP", Aid.group(), item, 1));
        unknownChannel.put("channellingPartnerId", UUID.randomUUID().toString());
        propose(TestTokens.officer(), unknownChannel).statusCode(422).body("rule", equalTo("unknown-partner"));
        propose(TestTokens.partner(UUID.randomUUID().toString()), proposal(programme, "COMMUNITY_GROUP", Aid.group(), item, 1))
                .statusCode(422).body("rule", equalTo("unknown-partner"));
        as(TestTokens.viewer()).get("/api/v1/aid/distributions/{id}", own).then().statusCode(403);
    }
}
