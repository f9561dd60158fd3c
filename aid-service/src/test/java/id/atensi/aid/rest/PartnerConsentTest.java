package id.atensi.aid.rest;

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

import static id.atensi.aid.DistributionFixtures.APPROVER;
import static id.atensi.aid.DistributionFixtures.PROOF_SHA;
import static id.atensi.aid.DistributionFixtures.act;
import static id.atensi.aid.DistributionFixtures.propose;
import static id.atensi.aid.DistributionFixtures.proposal;
import static id.atensi.aid.ProgrammeFixtures.as;
import static id.atensi.aid.ProgrammeFixtures.item;
import static id.atensi.aid.ProgrammeFixtures.programme;
import static id.atensi.aid.ReadModelFixtures.consent;
import static id.atensi.aid.ReadModelFixtures.namedBeneficiary;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Consent decides what a partner sees (issue 18): every read path a partner has to the personal details of a person's
 * distribution, with PARTNER_SHARING never given, given, withdrawn and given again; staff see them whole throughout.
 */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "aid"))
class PartnerConsentTest {

    private static final String DISTRIBUTION = "/api/v1/aid/distributions/{id}";

    private record Personal(String note, String receivedBy, String place, String fileReference) {

        List<String> all() {
            return List.of(note, receivedBy, place, fileReference);
        }
    }

    @Test
    void aPartnerSeesAPersonsNoteAndProofOnlyWhilePartnerSharingHoldsGivenWithdrawnAndGivenAgain() {
        String name = "Aid Consent Matrix " + UUID.randomUUID();
        String person = namedBeneficiary(name);
        String partner = ReadModelFixtures.partner();
        String token = TestTokens.partner(partner);
        Personal personal = personal();
        String[] programme = programme(10_000_000);
        String distribution = delivered(token, programme, person, personal);

        partnerSees(token, distribution, person, name, personal, false);

        consent(person, "PARTNER_SHARING", true);
        partnerSees(token, distribution, person, name, personal, true);

        consent(person, "PARTNER_SHARING", false);
        partnerSees(token, distribution, person, name, personal, false);

        consent(person, "REGISTRY_EXCHANGE", true);
        partnerSees(token, distribution, person, name, personal, false);
        for (String staff : List.of(TestTokens.officer(), TestTokens.admin(), TestTokens.auditor())) {
            as(staff).get(DISTRIBUTION, distribution).then().statusCode(200).body("personalDataWithheld", equalTo(false))
                    .body("note", equalTo(personal.note)).body("proof.receivedBy", equalTo(personal.receivedBy))
                    .body("proof.place", equalTo(personal.place)).body("proof.fileReference", equalTo(personal.fileReference));
        }

        consent(person, "PARTNER_SHARING", true);
        partnerSees(token, distribution, person, name, personal, true);
    }

    @Test
    void thePartnersOwnProposalDispatchDeliveryAndReturnAnswersFollowConsentAndARetryShowsTheNoteOnlyOnceConsented() {
        String person = namedBeneficiary("Aid Answers " + UUID.randomUUID());
        String partner = ReadModelFixtures.partner();
        String token = TestTokens.partner(partner);
        String[] programme = programme(10_000_000);
        String itemId = item("STAPLE_FOOD_PACKAGE", 100_000);
        String note = "Partner's note " + UUID.randomUUID();
        Map<String, Object> request = withNote(proposal(programme, "PERSON", person, itemId, 1), note);
        String key = "aid-consent-" + UUID.randomUUID();

        String id = as(token).header("Idempotency-Key", key).body(request).post("/api/v1/aid/distributions").then().statusCode(201)
                .body("personalDataWithheld", equalTo(true)).body("note", nullValue()).body("lines[0].quantity", equalTo(1))
                .extract().path("id");
        as(token).header("Idempotency-Key", key).body(request).post("/api/v1/aid/distributions").then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", equalTo(id)).body("note", nullValue());
        consent(person, "PARTNER_SHARING", true);
        as(token).header("Idempotency-Key", key).body(request).post("/api/v1/aid/distributions").then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("note", equalTo(note)).body("status", equalTo("PROPOSED"));
        consent(person, "PARTNER_SHARING", false);

        act(APPROVER, id, "approve").statusCode(200);
        act(token, id, "dispatch").statusCode(200).body("personalDataWithheld", equalTo(true)).body("note", nullValue());
        act(token, id, "return", Map.of("reason", "Moved away to her sister's " + UUID.randomUUID())).statusCode(200)
                .body("status", equalTo("RETURNED")).body("closeReason", nullValue()).body("personalDataWithheld", equalTo(true));

        String second = propose(token, proposal(programme, "PERSON", person, item("STAPLE_FOOD_PACKAGE", 50_000), 1)).statusCode(201)
                .extract().path("id");
        act(APPROVER, second, "approve").statusCode(200);
        act(token, second, "dispatch").statusCode(200);
        act(token, second, "deliver", Map.of("proof", proof(personal()))).statusCode(200)
                .body("status", equalTo("DELIVERED")).body("proof.receivedBy", nullValue()).body("proof.place", nullValue())
                .body("proof.fileSha256", equalTo(PROOF_SHA)).body("personalDataWithheld", equalTo(true));
    }

    @Test
    void distributionsToHouseholdsAreShownToTheirPartnerAsBefore() {
        String partner = ReadModelFixtures.partner();
        String token = TestTokens.partner(partner);
        String[] programme = programme(10_000_000);
        String id = propose(token, withNote(proposal(programme, "HOUSEHOLD", ReadModelFixtures.household(), item("STAPLE_FOOD_PACKAGE", 10_000), 1),
                "Household note")).statusCode(201).extract().path("id");

        as(token).get(DISTRIBUTION, id).then().statusCode(200).body("note", equalTo("Household note")).body("personalDataWithheld", equalTo(false));
    }

    /** A distribution to the person, channelled by the partner, approved by an officer and delivered by the partner with proof. */
    private static String delivered(String token, String[] programme, String person, Personal personal) {
        String id = propose(token, withNote(proposal(programme, "PERSON", person, item("STAPLE_FOOD_PACKAGE", 100_000), 2), personal.note))
                .statusCode(201).extract().path("id");
        act(APPROVER, id, "approve").statusCode(200);
        act(token, id, "dispatch").statusCode(200);
        act(token, id, "deliver", Map.of("proof", proof(personal))).statusCode(200);
        return id;
    }

    /** The distribution, the recipient's aid history, the partner's list and its totals reports. */
    private static void partnerSees(String token, String distribution, String person, String name, Personal personal, boolean shown) {
        String one = as(token).get(DISTRIBUTION, distribution).then().statusCode(200)
                .body("personalDataWithheld", equalTo(!shown)).body("status", equalTo("DELIVERED")).body("totalIdr", equalTo(200_000))
                .body("proof.fileSha256", equalTo(PROOF_SHA)).extract().asString();
        for (String value : personal.all()) {
            assertEquals(shown, one.contains(value), value + " in " + one);
        }
        Map<String, Object> item = as(token).queryParam("recipientKind", "PERSON").queryParam("recipientId", person)
                .get("/api/v1/aid/distributions").then().statusCode(200).extract().jsonPath().getMap("items[0]");
        assertEquals(distribution, item.get("id"));
        assertEquals(!shown, item.get("personalDataWithheld"));
        assertEquals(shown ? personal.note : null, item.get("note"));
        String list = as(token).get("/api/v1/aid/distributions").then().statusCode(200).extract().asString();
        assertTrue(list.contains(distribution));
        assertEquals(shown, list.contains(personal.receivedBy), list);
        for (String by : List.of("programme", "funding-source", "partner", "region", "regency", "item", "status")) {
            String report = as(token).queryParam("by", by).get("/api/v1/aid/reports/totals").then().statusCode(200).extract().asString();
            for (String value : List.of(name, personal.note, personal.receivedBy, personal.place, personal.fileReference)) {
                assertFalse(report.contains(value), by + " report shows " + value);
            }
        }
    }

    private static Personal personal() {
        String suffix = UUID.randomUUID().toString();
        return new Personal("Widow, three children " + suffix, "Receiver " + suffix, "Gang Mawar 7 " + suffix, "s3://proofs/" + suffix + ".jpg");
    }

    private static Map<String, Object> proof(Personal personal) {
        return Map.of("receivedBy", personal.receivedBy, "receivedAt", "2026-03-05T10:00:00+07:00", "place", personal.place,
                "latitude", -6.35, "longitude", 106.99, "fileReference", personal.fileReference, "fileSha256", PROOF_SHA);
    }

    private static Map<String, Object> withNote(Map<String, Object> proposal, String note) {
        Map<String, Object> request = new HashMap<>(proposal);
        request.put("note", note);
        return request;
    }
}
