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

import static id.atensi.partner.PartnerFixtures.activeAgreement;
import static id.atensi.partner.PartnerFixtures.agreement;
import static id.atensi.partner.PartnerFixtures.draft;
import static id.atensi.partner.PartnerFixtures.json;
import static id.atensi.partner.PartnerFixtures.link;
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
import static org.hamcrest.Matchers.nullValue;

/** Changing what was recorded: drafts, addenda, transitions and network links, each guarded by If-Match. */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "partner"))
@WithTestResource(KeycloakTestResource.class)
class AgreementChangeTest {

    private static final String ADMIN = TestTokens.admin();

    @Test
    void aDraftIsReplacedWholeWithIfMatch() {
        String unitId = registerUnit(unit(unique("Balai Draf")));
        String first = register(lks(unique("Yayasan Draf")));
        String second = register(lks(unique("Yayasan Pengganti")));
        String id = draft(agreement(unitId, first, 1_000_000));
        Map<String, Object> replacement = agreement(unitId, second, 7_500_000, today().plusMonths(1), today().plusYears(2));
        replacement.put("title", "Family support for persons with mental disabilities");

        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).header("If-Match", "\"0\"").body(replacement)
                .when().put("/api/v1/agreements/{id}", id)
                .then().statusCode(200)
                .header("ETag", equalTo("\"1\""))
                .body("number", equalTo(replacement.get("number")))
                .body("title", equalTo("Family support for persons with mental disabilities"))
                .body("parties[1].partnerId", equalTo(second))
                .body("startsOn", equalTo(today().plusMonths(1).toString()))
                .body("commitments.partnerId", equalTo(List.of(second)))
                .body("committedIdr", equalTo(7_500_000))
                .body("status", equalTo("DRAFT"));
    }

    @Test
    void replacingADraftNeedsACurrentIfMatch() {
        String unitId = registerUnit(unit(unique("Balai Versi")));
        String partner = register(lks(unique("Yayasan Versi")));
        Map<String, Object> request = agreement(unitId, partner, 1);
        String id = draft(request);

        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(request)
                .when().put("/api/v1/agreements/{id}", id)
                .then().statusCode(428).contentType("application/problem+json");
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).header("If-Match", "\"3\"").body(request)
                .when().put("/api/v1/agreements/{id}", id)
                .then().statusCode(412).contentType("application/problem+json");
    }

    @Test
    void aReplacedDraftFollowsTheRulesOfANewOne() {
        String unitId = registerUnit(unit(unique("Balai Aturan")));
        String partner = register(lks(unique("Yayasan Aturan")));
        Map<String, Object> taken = agreement(unitId, partner, 1);
        draft(taken);
        String id = draft(agreement(unitId, partner, 1));

        Map<String, Object> backwards = agreement(unitId, partner, 1, today(), today().minusDays(1));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).header("If-Match", "\"0\"").body(backwards)
                .when().put("/api/v1/agreements/{id}", id)
                .then().statusCode(400).body("errors.field", hasItem("endsOn"));
        Map<String, Object> duplicate = agreement(unitId, partner, 1);
        duplicate.put("number", taken.get("number"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).header("If-Match", "\"0\"").body(duplicate)
                .when().put("/api/v1/agreements/{id}", id)
                .then().statusCode(409).body("code", equalTo("conflict"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(agreement(unitId, "5b1f3b0e-3f39-4c8e-9d7e-000000000009", 1))
                .when().put("/api/v1/agreements/{id}", id)
                .then().statusCode(422).body("unknownIds", equalTo(List.of("5b1f3b0e-3f39-4c8e-9d7e-000000000009")));
    }

    @Test
    void aSignedAgreementIsNotRedraftedButAmended() {
        String unitId = registerUnit(unit(unique("Balai Tertanda")));
        String partner = register(lks(unique("Yayasan Tertanda")));
        Map<String, Object> request = agreement(unitId, partner, 1);
        String id = draft(request);
        sign(id, unitId);

        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).header("If-Match", "\"1\"").body(request)
                .when().put("/api/v1/agreements/{id}", id)
                .then().statusCode(409)
                .body("detail", containsString("addendum"))
                .body("currentStatus", equalTo("SIGNED"));
    }

    @Test
    void anAddendumChangesPeriodScopeAndCommitmentsAndTheHistoryKeepsBeforeAndAfter() {
        String[] ids = activeAgreement(100_000_000);
        String secondUnit = registerUnit(unit(unique("Loka Tambahan")));
        Map<String, Object> addendum = json("number", unique("ADD"), "title", "Addendum I", "signedOn", today().toString(),
                "summary", "Adds Banten and a second unit, therapy, and a family-support budget; one more year",
                "startsOn", today().minusDays(10).toString(), "endsOn", today().plusYears(2).toString(),
                "scope", json("services", List.of("VOCATIONAL_TRAINING_AND_ENTREPRENEURSHIP", "THERAPY"),
                        "clusters", List.of("PERSONS_WITH_DISABILITIES"), "regionCodes", List.of("32", "36"),
                        "serviceUnitIds", List.of(ids[0], secondUnit)),
                "commitments", List.of(json("partnerId", ids[1], "kind", "MONEY", "amountIdr", 25_000_000L, "description", "Family support")));

        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(addendum)
                .when().post("/api/v1/agreements/{id}/addenda", ids[2])
                .then().statusCode(201)
                .body("changedFields", equalTo(List.of("startsOn", "endsOn", "services", "regionCodes", "serviceUnitIds", "commitments")));

        given().auth().oauth2(ADMIN).when().get("/api/v1/agreements/{id}", ids[2])
                .then().statusCode(200)
                .body("startsOn", equalTo(today().minusDays(10).toString()))
                .body("endsOn", equalTo(today().plusYears(2).toString()))
                .body("scope.services", equalTo(List.of("THERAPY", "VOCATIONAL_TRAINING_AND_ENTREPRENEURSHIP")))
                .body("scope.regionCodes", equalTo(List.of("32", "36")))
                .body("scope.serviceUnitIds", hasItem(secondUnit))
                .body("committedIdr", equalTo(125_000_000));
        given().auth().oauth2(ADMIN).when().get("/api/v1/agreements/{id}/addenda", ids[2])
                .then().statusCode(200)
                .body("[0].before.endsOn", equalTo(today().plusYears(1).toString()))
                .body("[0].after.endsOn", equalTo(today().plusYears(2).toString()))
                .body("[0].before.regionCodes", equalTo(List.of("32")))
                .body("[0].after.regionCodes", equalTo(List.of("32", "36")))
                .body("[0].before.committedIdr", equalTo(100_000_000))
                .body("[0].after.committedIdr", equalTo(125_000_000))
                .body("[0].after.commitments[1].addendumNumber", equalTo(addendum.get("number")));
    }

    @Test
    void anAddendumOnlyInWordsChangesNoTerms() {
        String[] ids = activeAgreement(1);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(json("number", unique("ADD"), "title", "Clarification", "signedOn", today().toString(), "summary", "Names the liaison officers"))
                .when().post("/api/v1/agreements/{id}/addenda", ids[2])
                .then().statusCode(201)
                .body("changedFields", equalTo(List.of()))
                .body("endsOn", equalTo(today().plusYears(1).toString()));
    }

    @Test
    void anAddendumThatBreaksThePeriodOrNamesUnknownScopeIsRefused() {
        String[] ids = activeAgreement(1);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(json("number", unique("ADD"), "title", "Backwards", "signedOn", today().toString(), "summary", "Starts after it ends",
                        "startsOn", today().plusYears(3).toString()))
                .when().post("/api/v1/agreements/{id}/addenda", ids[2])
                .then().statusCode(400).body("errors.field", hasItem("startsOn"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(json("number", unique("ADD"), "title", "Nowhere", "signedOn", today().toString(), "summary", "Unknown region",
                        "scope", json("regionCodes", List.of("99"))))
                .when().post("/api/v1/agreements/{id}/addenda", ids[2])
                .then().statusCode(400).body("errors.field", hasItem("scope.regionCodes"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(json("number", unique("ADD"), "title", "Ghost unit", "signedOn", today().toString(), "summary", "Unknown unit",
                        "scope", json("serviceUnitIds", List.of("5b1f3b0e-3f39-4c8e-9d7e-000000000010"))))
                .when().post("/api/v1/agreements/{id}/addenda", ids[2])
                .then().statusCode(422).body("unknownIds", equalTo(List.of("5b1f3b0e-3f39-4c8e-9d7e-000000000010")));
        given().auth().oauth2(ADMIN).when().get("/api/v1/agreements/{id}/addenda", ids[2]).then().body("size()", equalTo(0));
    }

    @Test
    void transitionsTakeAnOptionalIfMatchAndRefuseAStaleOne() {
        String unitId = registerUnit(unit(unique("Balai Urutan")));
        String partner = register(lks(unique("Yayasan Urutan")));
        String id = draft(agreement(unitId, partner, 1));
        Map<String, Object> signature = json("signedOn", today().toString(),
                "signatories", List.of(json("name", "Budi Santoso", "title", "Head", "partyId", unitId)));

        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).header("If-Match", "\"4\"").body(signature)
                .when().post("/api/v1/agreements/{id}/signature", id)
                .then().statusCode(412).contentType("application/problem+json");
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).header("If-Match", "\"0\"").body(signature)
                .when().post("/api/v1/agreements/{id}/signature", id)
                .then().statusCode(200).header("ETag", equalTo("\"1\""));
        given().auth().oauth2(ADMIN).header("If-Match", "\"0\"")
                .when().post("/api/v1/agreements/{id}/activation", id)
                .then().statusCode(412);
        given().auth().oauth2(ADMIN)
                .when().post("/api/v1/agreements/{id}/activation", id)
                .then().statusCode(200).header("ETag", equalTo("\"2\""));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(json("number", unique("ADD"), "title", "Late", "signedOn", today().toString(), "summary", "Stale"))
                .when().post("/api/v1/agreements/{id}/addenda", id)
                .then().statusCode(412);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).header("If-Match", "\"1\"").body(json("reason", "Stale"))
                .when().post("/api/v1/agreements/{id}/termination", id)
                .then().statusCode(412);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).header("If-Match", "\"2\"").body(json("reason", "Programme closed"))
                .when().post("/api/v1/agreements/{id}/termination", id)
                .then().statusCode(200).body("status", equalTo("TERMINATED"));
    }

    @Test
    void deactivatingAPartnerTakesAnOptionalIfMatchAndRefusesAStaleOne() {
        String id = register(lks(unique("Yayasan Tutup")));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).header("If-Match", "\"1\"").body(json("reason", "Closed"))
                .when().post("/api/v1/partners/{id}/deactivation", id)
                .then().statusCode(412);
        given().auth().oauth2(ADMIN).when().get("/api/v1/partners/{id}", id).then().body("status", equalTo("ACTIVE"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).header("If-Match", "\"0\"").body(json("reason", "Closed"))
                .when().post("/api/v1/partners/{id}/deactivation", id)
                .then().statusCode(200).body("status", equalTo("INACTIVE"));
    }

    @Test
    void aNetworkLinksDetailsAreEditedWithIfMatch() {
        String unitId = registerUnit(unit(unique("Balai Catatan")));
        String partner = register(lks(unique("Yayasan Catatan")));
        PartnerFixtures.linkPartners(unitId, partner);
        String officer = TestTokens.officer(unitId);
        Map<String, Object> details = json("since", "2019-06-01", "focus", "Family involvement in rehabilitation",
                "notes", "Ran family-support groups for 40 residents in 2020");

        given().auth().oauth2(officer).when().get("/api/v1/service-units/{id}/partners/{partnerId}", unitId, partner)
                .then().statusCode(200).header("ETag", equalTo("\"0\"")).body("notes", nullValue());
        given().auth().oauth2(officer).contentType(ContentType.JSON).body(details)
                .when().put("/api/v1/service-units/{id}/partners/{partnerId}", unitId, partner)
                .then().statusCode(428);
        given().auth().oauth2(officer).contentType(ContentType.JSON).header("If-Match", "\"0\"").body(details)
                .when().put("/api/v1/service-units/{id}/partners/{partnerId}", unitId, partner)
                .then().statusCode(200)
                .header("ETag", equalTo("\"1\""))
                .body("since", equalTo("2019-06-01"))
                .body("focus", equalTo("Family involvement in rehabilitation"))
                .body("notes", containsString("40 residents"));
        given().auth().oauth2(officer).contentType(ContentType.JSON).header("If-Match", "\"0\"").body(details)
                .when().put("/api/v1/service-units/{id}/partners/{partnerId}", unitId, partner)
                .then().statusCode(412);
        given().auth().oauth2(officer).contentType(ContentType.JSON).header("If-Match", "\"1\"").body(json("since", "2019-06-01", "focus", " "))
                .when().put("/api/v1/service-units/{id}/partners/{partnerId}", unitId, partner)
                .then().statusCode(400).body("errors.field", hasItem("focus"));
        given().auth().oauth2(officer).when().get("/api/v1/service-units/{id}/partners", unitId)
                .then().body("[0].notes", containsString("40 residents"));
    }

    @Test
    void editingALinkThatDoesNotExistIsNotFound() {
        String unitId = registerUnit(unit(unique("Balai Kosong")));
        String stranger = register(lks(unique("Yayasan Asing")));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).header("If-Match", "\"0\"").body(link(stranger))
                .when().put("/api/v1/service-units/{id}/partners/{partnerId}", unitId, stranger)
                .then().statusCode(404).contentType("application/problem+json");
    }
}
