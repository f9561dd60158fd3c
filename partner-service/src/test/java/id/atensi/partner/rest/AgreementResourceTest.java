package id.atensi.partner.rest;

import id.atensi.partner.PartnerFixtures;
import id.atensi.partner.KeycloakTestResource;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static id.atensi.partner.PartnerFixtures.activate;
import static id.atensi.partner.PartnerFixtures.activeAgreement;
import static id.atensi.partner.PartnerFixtures.agreement;
import static id.atensi.partner.PartnerFixtures.draft;
import static id.atensi.partner.PartnerFixtures.json;
import static id.atensi.partner.PartnerFixtures.lks;
import static id.atensi.partner.PartnerFixtures.register;
import static id.atensi.partner.PartnerFixtures.registerUnit;
import static id.atensi.partner.PartnerFixtures.sign;
import static id.atensi.partner.PartnerFixtures.today;
import static id.atensi.partner.PartnerFixtures.unique;
import static id.atensi.partner.PartnerFixtures.unit;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "partner"))
@WithTestResource(KeycloakTestResource.class)
class AgreementResourceTest {

    @Test
    void pangudiLuhurAgreementWithThreePartnersIsDraftedWithItsScopeAndCommitments() {
        String balai = registerUnit(unit(unique("Balai Karya \"Pangudi Luhur\" Bekasi")));
        String lubricants = register(PartnerFixtures.company(unique("PT Pertamina Lubricants"), "CSR_COMPANY"));
        String cortezian = register(PartnerFixtures.company(unique("PT Cortezian Indonesia"), "CSR_COMPANY"));
        String kumala = register(lks(unique("Yayasan Kumala")));
        Map<String, Object> mou = json("number", unique("MOU/PL"), "title", "Automotive workshop, grape seedling and waste management training",
                "kind", "MOU", "startsOn", today().toString(), "endsOn", today().plusYears(1).toString(),
                "parties", List.of(json("serviceUnitId", balai, "role", "FIRST_PARTY"), json("partnerId", lubricants, "role", "SECOND_PARTY"),
                        json("partnerId", cortezian, "role", "SECOND_PARTY"), json("partnerId", kumala, "role", "WITNESS")),
                "scope", json("services", List.of("VOCATIONAL_TRAINING_AND_ENTREPRENEURSHIP"), "regionCodes", List.of("32.75")),
                "commitments", List.of(json("partnerId", lubricants, "kind", "MONEY", "amountIdr", 150_000_000L, "description", "Workshop tools"),
                        json("partnerId", kumala, "kind", "IN_KIND", "description", "Trainers for community waste management")));

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(mou)
                .when().post("/api/v1/agreements")
                .then().statusCode(201)
                .header("ETag", equalTo("\"0\""))
                .body("status", equalTo("DRAFT"))
                .body("allowedTransitions", equalTo(List.of("SIGNED")))
                .body("parties", hasSize(4))
                .body("parties.name", hasItem(containsString("Pangudi Luhur")))
                .body("scope.regionCodes", equalTo(List.of("32.75")))
                .body("committedIdr", equalTo(150_000_000))
                .body("commitments[1].kind", equalTo("IN_KIND"));
    }

    @Test
    void anAgreementEndingBeforeItStartsIsAFieldError() {
        Map<String, Object> request = agreement(registerUnit(unit(unique("Balai Mundur"))), register(lks(unique("Yayasan Mundur"))), 1,
                today(), today().minusDays(1));

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(request)
                .when().post("/api/v1/agreements")
                .then().statusCode(400)
                .body("errors.field", hasItem("endsOn"));
    }

    @Test
    void aPartyThatDoesNotExistIsUnprocessable() {
        String missing = "5b1f3b0e-3f39-4c8e-9d7e-000000000004";
        Map<String, Object> request = agreement(registerUnit(unit(unique("Balai Hantu"))), missing, 1);

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(request)
                .when().post("/api/v1/agreements")
                .then().statusCode(422)
                .body("unknownIds", equalTo(List.of(missing)));
    }

    @Test
    void partiesNeedAFirstAndASecondPartyAndCommitmentsComeFromPartners() {
        String unitId = registerUnit(unit(unique("Balai Sepihak")));
        String partner = register(lks(unique("Yayasan Sepihak")));
        String outsider = register(lks(unique("Yayasan Luar")));
        Map<String, Object> request = agreement(unitId, partner, 1);
        request.put("parties", List.of(json("serviceUnitId", unitId, "role", "FIRST_PARTY"), json("partnerId", partner, "role", "WITNESS")));
        request.put("commitments", List.of(json("partnerId", outsider, "kind", "MONEY", "description", "no amount")));

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(request)
                .when().post("/api/v1/agreements")
                .then().statusCode(400)
                .body("errors.field", hasItem("parties"))
                .body("errors.field", hasItem("commitments[0].partnerId"))
                .body("errors.field", hasItem("commitments[0].amountIdr"));
    }

    @Test
    void commitmentsAddingUpPastWhatRupiahCanHoldAreRefusedNotWrappedRound() {
        String[] ids = activeAgreement(1);
        long half = Long.MAX_VALUE / 2 + 1;
        Map<String, Object> request = agreement(ids[0], ids[1], half);
        request.put("commitments", List.of(json("partnerId", ids[1], "kind", "MONEY", "amountIdr", half, "description", "first half"),
                json("partnerId", ids[1], "kind", "MONEY", "amountIdr", half, "description", "second half")));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(request)
                .when().post("/api/v1/agreements")
                .then().statusCode(400).body("errors.field", hasItem("commitments"));

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(json("number", unique("ADD"), "title", "More", "signedOn", today().toString(), "summary", "Too much",
                        "commitments", List.of(json("partnerId", ids[1], "kind", "MONEY", "amountIdr", Long.MAX_VALUE, "description", "all"))))
                .when().post("/api/v1/agreements/{id}/addenda", ids[2])
                .then().statusCode(400).body("errors.field", hasItem("commitments"));
        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/agreements/{id}", ids[2])
                .then().statusCode(200).body("committedIdr", equalTo(1));
    }

    @Test
    void aDuplicateNumberConflicts() {
        String unitId = registerUnit(unit(unique("Balai Nomor")));
        String partner = register(lks(unique("Yayasan Nomor")));
        Map<String, Object> request = agreement(unitId, partner, 1);
        String id = draft(request);

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(request)
                .when().post("/api/v1/agreements")
                .then().statusCode(409)
                .body("existingId", equalTo(id));
    }

    @Test
    void anAgreementGoesFromDraftThroughSignedAndActiveToTerminated() {
        String unitId = registerUnit(unit(unique("Sentra Budi Perkasa Palembang")));
        String bpjs = register(PartnerFixtures.company(unique("BPJS Ketenagakerjaan"), "GOVERNMENT_BODY"));
        String id = draft(agreement(unitId, bpjs, 25_000_000));

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(json("signedOn", today().toString(), "signatories", List.of(json("name", "Kepala Sentra", "title", "Head", "partyId", unitId),
                        json("name", "Direktur", "title", "Director", "partyId", bpjs))))
                .when().post("/api/v1/agreements/{id}/signature", id)
                .then().statusCode(200)
                .body("status", equalTo("SIGNED"))
                .body("signedOn", equalTo(today().toString()))
                .body("signatories", hasSize(2));
        given().auth().oauth2(TestTokens.admin()).when().post("/api/v1/agreements/{id}/activation", id)
                .then().statusCode(200).body("status", equalTo("ACTIVE"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(json("reason", "Programme ended early"))
                .when().post("/api/v1/agreements/{id}/termination", id)
                .then().statusCode(200)
                .body("status", equalTo("TERMINATED"))
                .body("terminationReason", equalTo("Programme ended early"))
                .body("allowedTransitions", hasSize(0));
    }

    @Test
    void anIllegalTransitionConflictsAndListsTheAllowedOnes() {
        String id = draft(agreement(registerUnit(unit(unique("Balai Loncat"))), register(lks(unique("Yayasan Loncat"))), 1));

        given().auth().oauth2(TestTokens.admin()).when().post("/api/v1/agreements/{id}/activation", id)
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("currentStatus", equalTo("DRAFT"))
                .body("requestedStatus", equalTo("ACTIVE"))
                .body("allowedTransitions", equalTo(List.of("SIGNED")));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(json("reason", "x"))
                .when().post("/api/v1/agreements/{id}/termination", id)
                .then().statusCode(409);
    }

    @Test
    void signingTwiceConflictsAndASignatoryMustSignForAParty() {
        String unitId = registerUnit(unit(unique("Balai Tanda")));
        String id = draft(agreement(unitId, register(lks(unique("Yayasan Tanda"))), 1));

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(json("signedOn", today().toString(), "signatories", List.of(json("name", "Orang Luar", "partyId", "5b1f3b0e-3f39-4c8e-9d7e-000000000005"))))
                .when().post("/api/v1/agreements/{id}/signature", id)
                .then().statusCode(400)
                .body("errors.field", hasItem("signatories[0].partyId"));

        sign(id, unitId);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(json("signedOn", today().toString(), "signatories", List.of(json("name", "Lagi", "partyId", unitId))))
                .when().post("/api/v1/agreements/{id}/signature", id)
                .then().statusCode(409)
                .body("allowedTransitions", equalTo(List.of("ACTIVE", "TERMINATED")));
    }

    @Test
    void anAgreementWhosePeriodIsOverCannotBeActivated() {
        String unitId = registerUnit(unit(unique("Balai Telat")));
        String id = draft(agreement(unitId, register(lks(unique("Yayasan Telat"))), 1, today().minusYears(1), today().minusDays(1)));
        sign(id, unitId);

        given().auth().oauth2(TestTokens.admin()).when().post("/api/v1/agreements/{id}/activation", id)
                .then().statusCode(409)
                .body("currentStatus", equalTo("EXPIRED"))
                .body("allowedTransitions", equalTo(List.of()))
                .body("detail", containsString("ended on " + today().minusDays(1)));
    }

    @Test
    void anAddendumExtendsTheAgreementAndKeepsTheHistory() {
        String[] ids = PartnerFixtures.activeAgreement(100_000_000);
        String id = ids[2];
        String endsOn = today().plusYears(1).toString();
        String extended = today().plusYears(2).toString();

        String location = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(json("number", unique("ADD"), "title", "First addendum", "signedOn", today().toString(),
                        "summary", "One more year and a second training budget", "endsOn", extended,
                        "commitments", List.of(json("partnerId", ids[1], "kind", "MONEY", "amountIdr", 50_000_000L, "description", "Second year"))))
                .when().post("/api/v1/agreements/{id}/addenda", id)
                .then().statusCode(201)
                .body("previousEndsOn", equalTo(endsOn))
                .body("endsOn", equalTo(extended))
                .body("addedAmountIdr", equalTo(50_000_000))
                .extract().header("Location");
        given().auth().oauth2(TestTokens.auditor()).when().get(location)
                .then().statusCode(200).body("title", equalTo("First addendum")).body("agreementId", equalTo(id));
        given().auth().oauth2(TestTokens.auditor()).when().get("/api/v1/agreements/{id}/addenda/{addendumId}", id, UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");

        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/agreements/{id}", id)
                .then().statusCode(200)
                .body("endsOn", equalTo(extended))
                .body("committedIdr", equalTo(150_000_000))
                .body("commitments[1].addendumNumber", containsString("ADD"));
        given().auth().oauth2(TestTokens.auditor()).when().get("/api/v1/agreements/{id}/addenda", id)
                .then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].title", equalTo("First addendum"));
    }

    @Test
    void aDraftCannotBeAmended() {
        String id = draft(agreement(registerUnit(unit(unique("Balai Draf"))), register(lks(unique("Yayasan Draf"))), 1));

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(json("number", unique("ADD"), "title", "Too early", "signedOn", today().toString(), "summary", "x"))
                .when().post("/api/v1/agreements/{id}/addenda", id)
                .then().statusCode(409)
                .body("currentStatus", equalTo("DRAFT"));
    }

    @Test
    void aPartnerReadsItsOwnAgreementsAndNotAnotherPartners() {
        String[] mine = PartnerFixtures.activeAgreement(10_000_000);
        String[] theirs = PartnerFixtures.activeAgreement(20_000_000);
        String partnerToken = TestTokens.partner(mine[1]);

        given().auth().oauth2(partnerToken).when().get("/api/v1/agreements/{id}", mine[2])
                .then().statusCode(200).body("id", equalTo(mine[2]));
        given().auth().oauth2(partnerToken).when().get("/api/v1/agreements/{id}", theirs[2])
                .then().statusCode(404)
                .body("code", equalTo("not-found"));
        given().auth().oauth2(partnerToken).when().get("/api/v1/agreements/{id}/addenda", theirs[2])
                .then().statusCode(404);
        given().auth().oauth2(partnerToken).queryParam("partyId", mine[1]).queryParam("size", 200)
                .when().get("/api/v1/agreements")
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("items.id", equalTo(List.of(mine[2])));
        given().auth().oauth2(partnerToken).queryParam("partyId", theirs[1]).queryParam("size", 200)
                .when().get("/api/v1/agreements")
                .then().statusCode(200)
                .body("total", equalTo(0));
        given().auth().oauth2(partnerToken).when().post("/api/v1/agreements/{id}/activation", mine[2])
                .then().statusCode(403);
    }

    @Test
    void listFiltersByStatusAndParty() {
        String[] active = PartnerFixtures.activeAgreement(1);
        String draftId = draft(agreement(active[0], active[1], 1));

        given().auth().oauth2(TestTokens.viewer()).queryParam("partyId", active[0]).queryParam("status", "ACTIVE")
                .when().get("/api/v1/agreements")
                .then().statusCode(200)
                .body("items.id", equalTo(List.of(active[2])));
        given().auth().oauth2(TestTokens.viewer()).queryParam("partyId", active[1]).queryParam("status", "DRAFT")
                .when().get("/api/v1/agreements")
                .then().body("items.id", equalTo(List.of(draftId)));
    }

    @Test
    void activeAgreementsAndCommittedRupiahAreReportedByPartner() {
        String[] first = PartnerFixtures.activeAgreement(325_000_000);
        String second = draft(agreement(first[0], first[1], 75_000_000));
        sign(second, first[0]);
        activate(second);
        draft(agreement(first[0], first[1], 999));

        given().auth().oauth2(TestTokens.auditor()).when().get("/api/v1/agreements/reports/commitments-by-partner")
                .then().statusCode(200)
                .body("find { it.partnerId == '" + first[1] + "' }.activeAgreements", equalTo(2))
                .body("find { it.partnerId == '" + first[1] + "' }.committedIdr", equalTo(400_000_000))
                .body("partnerId", not(hasItem(first[0])));
    }

    @Test
    void unknownAgreementIsNotFound() {
        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/agreements/{id}", "5b1f3b0e-3f39-4c8e-9d7e-000000000006")
                .then().statusCode(404);
        given().auth().oauth2(TestTokens.admin()).when().post("/api/v1/agreements/{id}/activation", "5b1f3b0e-3f39-4c8e-9d7e-000000000006")
                .then().statusCode(404);
    }
}
