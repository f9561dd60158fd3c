package id.atensi.partner.service;

import id.atensi.partner.PartnerFixtures;
import id.atensi.local.Tokens;
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

import static id.atensi.partner.PartnerFixtures.activeAgreement;
import static id.atensi.partner.PartnerFixtures.agreement;
import static id.atensi.partner.PartnerFixtures.draft;
import static id.atensi.partner.PartnerFixtures.json;
import static id.atensi.partner.PartnerFixtures.link;
import static id.atensi.partner.PartnerFixtures.lks;
import static id.atensi.partner.PartnerFixtures.register;
import static id.atensi.partner.PartnerFixtures.registerUnit;
import static id.atensi.partner.PartnerFixtures.today;
import static id.atensi.partner.PartnerFixtures.unique;
import static id.atensi.partner.PartnerFixtures.unit;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

/**
 * Object-level access: an officer works in one unit (the unit's id in its token), a partner acts for one organisation.
 * Each test sets up unit A's and unit B's objects and has A's officer (or partner) reach for both.
 */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "partner"))
@WithTestResource(KeycloakTestResource.class)
class PartnerAccessTest {

    @Test
    void aTokenForAnotherAudienceIsUnauthenticated() {
        String foreign = TestTokens.scoped("x", Tokens.Scope.none().withAudience("another-platform"), "admin");
        given().auth().oauth2(foreign).when().get("/api/v1/partners")
                .then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void anOfficerRegistersNoServiceUnit() {
        given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON).body(unit(unique("Balai Liar")))
                .when().post("/api/v1/service-units")
                .then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void anOfficerReadsEveryUnitButChangesOnlyItsOwn() {
        Map<String, Object> unitA = unit(unique("Balai A"));
        Map<String, Object> unitB = unit(unique("Balai B"));
        String a = registerUnit(unitA);
        String b = registerUnit(unitB);
        String officerA = TestTokens.officer(a);

        unitA.put("residentialCapacity", 90);
        given().auth().oauth2(officerA).contentType(ContentType.JSON).header("If-Match", "\"0\"").body(unitA)
                .when().put("/api/v1/service-units/{id}", a)
                .then().statusCode(200).body("residentialCapacity", equalTo(90));
        unitB.put("residentialCapacity", 1);
        given().auth().oauth2(officerA).contentType(ContentType.JSON).header("If-Match", "\"0\"").body(unitB)
                .when().put("/api/v1/service-units/{id}", b)
                .then().statusCode(403).contentType("application/problem+json");

        given().auth().oauth2(officerA).when().get("/api/v1/service-units/{id}", b)
                .then().statusCode(200).body("residentialCapacity", equalTo(120));
        given().auth().oauth2(officerA).queryParam("q", unitB.get("name")).when().get("/api/v1/service-units")
                .then().statusCode(200).body("items.id", equalTo(List.of(b)));
    }

    @Test
    void anOfficerChangesOnlyItsOwnUnitsNetwork() {
        String a = registerUnit(unit(unique("Balai Jejaring A")));
        String b = registerUnit(unit(unique("Balai Jejaring B")));
        String partnerOfB = register(lks(unique("Yayasan Jejaring B")));
        String newcomer = register(lks(unique("Yayasan Pendatang")));
        given().auth().oauth2(TestTokens.officer(b)).contentType(ContentType.JSON).body(json("partners", List.of(link(partnerOfB))))
                .when().post("/api/v1/service-units/{id}/partners", b).then().statusCode(201);
        String officerA = TestTokens.officer(a);

        given().auth().oauth2(officerA).contentType(ContentType.JSON).body(json("partners", List.of(link(newcomer))))
                .when().post("/api/v1/service-units/{id}/partners", a).then().statusCode(201);
        given().auth().oauth2(officerA).contentType(ContentType.JSON).body(json("partners", List.of(link(newcomer))))
                .when().post("/api/v1/service-units/{id}/partners", b).then().statusCode(403);
        given().auth().oauth2(officerA).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(json("since", "2021-01-01", "focus", "Taken over", "notes", null))
                .when().put("/api/v1/service-units/{id}/partners/{partnerId}", b, partnerOfB).then().statusCode(403);
        given().auth().oauth2(officerA).when().delete("/api/v1/service-units/{id}/partners/{partnerId}", b, partnerOfB)
                .then().statusCode(403);

        given().auth().oauth2(officerA).when().get("/api/v1/service-units/{id}/partners", b)
                .then().statusCode(200).body("partnerId", equalTo(List.of(partnerOfB)));
    }

    @Test
    void anOfficerChangesOnlyPartnersInItsUnitsNetwork() {
        String a = registerUnit(unit(unique("Balai Mitra A")));
        String b = registerUnit(unit(unique("Balai Mitra B")));
        Map<String, Object> ofA = lks(unique("Yayasan Mitra A"));
        Map<String, Object> ofB = lks(unique("Yayasan Mitra B"));
        String partnerA = register(ofA);
        String partnerB = register(ofB);
        PartnerFixtures.linkPartners(a, partnerA);
        PartnerFixtures.linkPartners(b, partnerB);
        String officerA = TestTokens.officer(a);

        ofA.put("shortName", "Mitra A");
        given().auth().oauth2(officerA).contentType(ContentType.JSON).header("If-Match", "\"0\"").body(ofA)
                .when().put("/api/v1/partners/{id}", partnerA).then().statusCode(200);
        ofB.put("shortName", "Diambil");
        given().auth().oauth2(officerA).contentType(ContentType.JSON).header("If-Match", "\"0\"").body(ofB)
                .when().put("/api/v1/partners/{id}", partnerB).then().statusCode(403);
        given().auth().oauth2(officerA).contentType("application/merge-patch+json").header("If-Match", "\"0\"")
                .body("{\"shortName\": \"Diambil\"}")
                .when().patch("/api/v1/partners/{id}", partnerB).then().statusCode(403);
        given().auth().oauth2(officerA).contentType(ContentType.JSON).body(json("reason", "Not ours"))
                .when().post("/api/v1/partners/{id}/deactivation", partnerB).then().statusCode(403);

        given().auth().oauth2(officerA).when().get("/api/v1/partners/{id}", partnerB)
                .then().statusCode(200).body("status", equalTo("ACTIVE")).body("shortName", not(equalTo("Diambil")));
    }

    @Test
    void anOfficerReachesTheAgreementsOfItsUnitAndReadsTheNationalOnes() {
        String[] inA = activeAgreement(10_000_000);
        String[] inB = activeAgreement(20_000_000);
        String national = draft(nationalMou());
        String officerA = TestTokens.officer(inA[0]);

        given().auth().oauth2(officerA).when().get("/api/v1/agreements/{id}", inA[2]).then().statusCode(200);
        given().auth().oauth2(officerA).when().get("/api/v1/agreements/{id}", national).then().statusCode(200);
        given().auth().oauth2(officerA).when().get("/api/v1/agreements/{id}", inB[2])
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(officerA).when().get("/api/v1/agreements/{id}/addenda", inB[2]).then().statusCode(404);

        List<String> listed = given().auth().oauth2(officerA).queryParam("size", 200).when().get("/api/v1/agreements")
                .then().statusCode(200).extract().path("items.id");
        org.hamcrest.MatcherAssert.assertThat(listed, hasItems(inA[2], national));
        org.hamcrest.MatcherAssert.assertThat(listed, not(hasItem(inB[2])));
        given().auth().oauth2(officerA).queryParam("withinDays", 400).queryParam("size", 200).when().get("/api/v1/agreements/expiring")
                .then().statusCode(200).body("items.id", hasItem(inA[2])).body("items.id", not(hasItem(inB[2])));
        given().auth().oauth2(officerA).when().get("/api/v1/agreements/reports/commitments-by-partner")
                .then().statusCode(200).body("partnerId", hasItem(inA[1])).body("partnerId", not(hasItem(inB[1])));
    }

    @Test
    void anOfficerCannotChangeAnotherUnitsAgreementNorANationalOne() {
        String[] inB = activeAgreement(20_000_000);
        String unitA = registerUnit(unit(unique("Balai Tetangga")));
        String officerA = TestTokens.officer(unitA);
        String otherDraft = draft(agreement(inB[0], inB[1], 1));
        Map<String, Object> mou = nationalMou();
        String national = draft(mou);

        given().auth().oauth2(officerA).contentType(ContentType.JSON).body(json("reason", "Not ours"))
                .when().post("/api/v1/agreements/{id}/termination", inB[2]).then().statusCode(404);
        given().auth().oauth2(officerA).contentType(ContentType.JSON).body(addendum())
                .when().post("/api/v1/agreements/{id}/addenda", inB[2]).then().statusCode(404);
        given().auth().oauth2(officerA).contentType(ContentType.JSON).body(signature(inB[0]))
                .when().post("/api/v1/agreements/{id}/signature", otherDraft).then().statusCode(404);
        given().auth().oauth2(officerA).contentType(ContentType.JSON).header("If-Match", "\"0\"").body(agreement(inB[0], inB[1], 2))
                .when().put("/api/v1/agreements/{id}", otherDraft).then().statusCode(404);

        @SuppressWarnings("unchecked")
        String firstParty = ((List<Map<String, Object>>) mou.get("parties")).get(0).get("partnerId").toString();
        given().auth().oauth2(officerA).contentType(ContentType.JSON).body(signature(firstParty))
                .when().post("/api/v1/agreements/{id}/signature", national)
                .then().statusCode(403).contentType("application/problem+json");

        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/agreements/{id}", inB[2]).then().body("status", equalTo("ACTIVE"));
        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/agreements/{id}", otherDraft).then().body("status", equalTo("DRAFT"));
    }

    @Test
    void anOfficerDraftsOnlyForItsOwnUnit() {
        String a = registerUnit(unit(unique("Balai Penyusun A")));
        String b = registerUnit(unit(unique("Balai Penyusun B")));
        String partner = register(lks(unique("Yayasan Penyusun")));
        String officerA = TestTokens.officer(a);

        given().auth().oauth2(officerA).contentType(ContentType.JSON).body(agreement(a, partner, 1))
                .when().post("/api/v1/agreements").then().statusCode(201);
        given().auth().oauth2(officerA).contentType(ContentType.JSON).body(agreement(b, partner, 1))
                .when().post("/api/v1/agreements").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(officerA).contentType(ContentType.JSON).body(nationalMou())
                .when().post("/api/v1/agreements").then().statusCode(403);
    }

    @Test
    void anOfficerCannotMoveItsDraftOrAgreementAwayFromItsUnit() {
        String a = registerUnit(unit(unique("Balai Asal")));
        String b = registerUnit(unit(unique("Balai Tujuan")));
        String partner = register(lks(unique("Yayasan Pindah")));
        String officerA = TestTokens.officer(a);
        String id = given().auth().oauth2(officerA).contentType(ContentType.JSON).body(agreement(a, partner, 1))
                .when().post("/api/v1/agreements").then().statusCode(201).extract().path("id");

        given().auth().oauth2(officerA).contentType(ContentType.JSON).header("If-Match", "\"0\"").body(agreement(b, partner, 1))
                .when().put("/api/v1/agreements/{id}", id).then().statusCode(403);

        String[] active = activeAgreement(1);
        Map<String, Object> elsewhere = addendum();
        elsewhere.put("scope", json("serviceUnitIds", List.of(b)));
        // The unit is a party of the active agreement, so a new scope cannot take it away; another officer's unit can.
        given().auth().oauth2(TestTokens.officer(active[0])).contentType(ContentType.JSON).body(elsewhere)
                .when().post("/api/v1/agreements/{id}/addenda", active[2]).then().statusCode(201);
        given().auth().oauth2(officerA).contentType(ContentType.JSON).body(addendum())
                .when().post("/api/v1/agreements/{id}/addenda", active[2]).then().statusCode(404);
    }

    @Test
    void aPartnerReachesOnlyItsOwnAgreementsAndChangesNone() {
        String[] own = activeAgreement(1);
        String[] other = activeAgreement(2);
        String partnerA = TestTokens.partner(own[1]);

        given().auth().oauth2(partnerA).when().get("/api/v1/agreements/{id}", own[2]).then().statusCode(200);
        given().auth().oauth2(partnerA).when().get("/api/v1/agreements/{id}", other[2]).then().statusCode(404);
        given().auth().oauth2(partnerA).when().get("/api/v1/agreements/{id}/addenda", other[2]).then().statusCode(404);
        given().auth().oauth2(partnerA).queryParam("size", 200).when().get("/api/v1/agreements")
                .then().statusCode(200).body("items.id", hasItem(own[2])).body("items.id", not(hasItem(other[2])));
        given().auth().oauth2(partnerA).queryParam("withinDays", 400).queryParam("size", 200).when().get("/api/v1/agreements/expiring")
                .then().statusCode(200).body("items.id", not(hasItem(other[2])));
        given().auth().oauth2(partnerA).contentType(ContentType.JSON).body(json("reason", "Ours to end"))
                .when().post("/api/v1/agreements/{id}/termination", own[2]).then().statusCode(403);
        given().auth().oauth2(partnerA).when().get("/api/v1/partners/{id}/service-units", other[1]).then().statusCode(404);
    }

    /** A national MoU: no service unit among its parties or in its scope. */
    private static Map<String, Object> nationalMou() {
        String directorate = register(PartnerFixtures.company(unique("Direktorat Jenderal Rehabilitasi Sosial"), "GOVERNMENT_BODY"));
        String centre = register(PartnerFixtures.company(unique("Art Therapy Centre"), "OTHER"));
        return json("number", unique("MOU/NAS"), "title", "Art therapy for persons with disabilities", "kind", "MOU",
                "startsOn", today().toString(), "endsOn", today().plusYears(3).toString(),
                "parties", List.of(json("partnerId", directorate, "role", "FIRST_PARTY"), json("partnerId", centre, "role", "SECOND_PARTY")),
                "scope", json("services", List.of("THERAPY"), "clusters", List.of("PERSONS_WITH_DISABILITIES")));
    }

    private static Map<String, Object> addendum() {
        return json("number", unique("ADD"), "title", "Extension", "signedOn", today().toString(), "summary", "One more year",
                "endsOn", today().plusYears(2).toString());
    }

    private static Map<String, Object> signature(String partyId) {
        return json("signedOn", today().toString(), "signatories", List.of(json("name", "Budi Santoso", "title", "Head", "partyId", partyId)));
    }
}
