package id.atensi.partner.rest;

import id.atensi.partner.KeycloakTestResource;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static id.atensi.partner.PartnerFixtures.json;
import static id.atensi.partner.PartnerFixtures.link;
import static id.atensi.partner.PartnerFixtures.lks;
import static id.atensi.partner.PartnerFixtures.register;
import static id.atensi.partner.PartnerFixtures.registerUnit;
import static id.atensi.partner.PartnerFixtures.unique;
import static id.atensi.partner.PartnerFixtures.unit;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "partner"))
@WithTestResource(KeycloakTestResource.class)
class ServiceUnitResourceTest {

    @Test
    void phalaMarthaLinksTwentyOneLksInOneCall() {
        String phalaMartha = registerUnit(unit(unique("Balai Disabilitas \"Phala Martha\" Sukabumi")));
        List<String> lksIds = new ArrayList<>();
        List<Map<String, Object>> links = new ArrayList<>();
        for (int i = 1; i <= 21; i++) {
            Map<String, Object> lks = lks(unique("Yayasan Jiwa Sehat " + i));
            if (i > 15) {
                lks.put("provinceCode", "36");
                lks.put("regencyCode", "36.01");
            }
            String id = register(lks);
            lksIds.add(id);
            links.add(json("partnerId", id, "since", "2020-11-10", "focus", "Rehabilitation of persons with mental disabilities",
                    "notes", "Track record in family-based rehabilitation"));
        }

        given().auth().oauth2(TestTokens.officer(phalaMartha)).contentType(ContentType.JSON).body(json("partners", links))
                .when().post("/api/v1/service-units/{id}/partners", phalaMartha)
                .then().statusCode(201)
                .body("", hasSize(21));

        given().auth().oauth2(TestTokens.auditor()).when().get("/api/v1/service-units/{id}/partners", phalaMartha)
                .then().statusCode(200)
                .body("", hasSize(21))
                .body("partnerId", containsInAnyOrder(lksIds.toArray()))
                .body("[0].since", equalTo("2020-11-10"))
                .body("[0].serviceUnitName", containsString("Phala Martha"))
                .body("[0].partnerType", equalTo("LKS"));
    }

    @Test
    void oneUnknownPartnerRejectsTheWholeBatch() {
        String unitId = registerUnit(unit(unique("Balai Pangudi Luhur")));
        String known = register(lks(unique("Yayasan Ada")));
        String unknown = "5b1f3b0e-3f39-4c8e-9d7e-000000000002";

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(json("partners", List.of(link(known), link(unknown))))
                .when().post("/api/v1/service-units/{id}/partners", unitId)
                .then().statusCode(422)
                .body("unknownPartnerIds", equalTo(List.of(unknown)));

        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/service-units/{id}/partners", unitId)
                .then().body("", empty());
    }

    @Test
    void anInactivePartnerCannotJoinANetwork() {
        String unitId = registerUnit(unit(unique("Sentra Mulya Jaya")));
        String partner = register(lks(unique("Yayasan Tutup")));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(json("reason", "Closed"))
                .when().post("/api/v1/partners/{id}/deactivation", partner).then().statusCode(200);

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(json("partners", List.of(link(partner))))
                .when().post("/api/v1/service-units/{id}/partners", unitId)
                .then().statusCode(422)
                .body("unknownPartnerIds", hasItem(partner));
    }

    @Test
    void aPartnerLinkedAlreadyConflicts() {
        String unitId = registerUnit(unit(unique("Sentra Budi Perkasa")));
        String partner = register(lks(unique("Yayasan Dua Kali")));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(json("partners", List.of(link(partner))))
                .when().post("/api/v1/service-units/{id}/partners", unitId).then().statusCode(201);

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(json("partners", List.of(link(partner))))
                .when().post("/api/v1/service-units/{id}/partners", unitId)
                .then().statusCode(409)
                .body("alreadyLinkedPartnerIds", equalTo(List.of(partner)));
    }

    @Test
    void theSamePartnerTwiceInOneBatchIsAFieldError() {
        String unitId = registerUnit(unit(unique("Loka Ganda")));
        String partner = register(lks(unique("Yayasan Ganda")));

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(json("partners", List.of(link(partner), link(partner))))
                .when().post("/api/v1/service-units/{id}/partners", unitId)
                .then().statusCode(400)
                .body("errors.field", hasItem("partners[1].partnerId"));
    }

    @Test
    void aPartnerSeesItsOwnUnitLinksOnly() {
        String unitId = registerUnit(unit(unique("Balai Besar Kartini")));
        String own = register(lks(unique("Yayasan Milik")));
        String other = register(lks(unique("Yayasan Orang Lain")));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(json("partners", List.of(link(own), link(other))))
                .when().post("/api/v1/service-units/{id}/partners", unitId).then().statusCode(201);

        given().auth().oauth2(TestTokens.partner(own)).when().get("/api/v1/partners/{id}/service-units", own)
                .then().statusCode(200)
                .body("serviceUnitId", equalTo(List.of(unitId)));
        given().auth().oauth2(TestTokens.partner(own)).when().get("/api/v1/partners/{id}/service-units", other)
                .then().statusCode(404);
        given().auth().oauth2(TestTokens.partner(own)).when().get("/api/v1/service-units/{id}/partners", unitId)
                .then().statusCode(403);
    }

    @Test
    void aLinkCanBeRemoved() {
        String unitId = registerUnit(unit(unique("Balai Lepas")));
        String partner = register(lks(unique("Yayasan Lepas")));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(json("partners", List.of(link(partner))))
                .when().post("/api/v1/service-units/{id}/partners", unitId).then().statusCode(201);

        given().auth().oauth2(TestTokens.admin()).when().delete("/api/v1/service-units/{id}/partners/{partnerId}", unitId, partner)
                .then().statusCode(204);
        given().auth().oauth2(TestTokens.admin()).when().delete("/api/v1/service-units/{id}/partners/{partnerId}", unitId, partner)
                .then().statusCode(404);
    }

    @Test
    void unitIsUpdatedWithIfMatchAndFoundByKindAndRegion() {
        String name = unique("Sentra Terpadu Inten Suweno");
        Map<String, Object> unit = unit(name);
        unit.put("kind", "SENTRA");
        unit.put("provinceCode", "31");
        unit.put("regencyCode", "31.75");
        String id = registerUnit(unit);

        unit.put("residentialCapacity", 250);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(unit)
                .when().put("/api/v1/service-units/{id}", id).then().statusCode(428);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).header("If-Match", "\"0\"").body(unit)
                .when().put("/api/v1/service-units/{id}", id)
                .then().statusCode(200).header("ETag", equalTo("\"1\"")).body("residentialCapacity", equalTo(250));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).header("If-Match", "\"0\"").body(unit)
                .when().put("/api/v1/service-units/{id}", id).then().statusCode(412);

        given().auth().oauth2(TestTokens.partner(id)).queryParam("kind", "SENTRA").queryParam("region", "31.75").queryParam("q", name)
                .when().get("/api/v1/service-units")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].residentialCapacity", equalTo(250));
    }

    @Test
    void unitWithAnUnknownRegencyOrNegativeCapacityIsRefused() {
        Map<String, Object> unit = unit(unique("Balai Salah"));
        unit.put("regencyCode", "32.99");
        unit.put("residentialCapacity", -1);

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(unit)
                .when().post("/api/v1/service-units")
                .then().statusCode(400)
                .body("errors.field", hasItem("residentialCapacity"));

        unit.put("residentialCapacity", 10);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(unit)
                .when().post("/api/v1/service-units")
                .then().statusCode(400)
                .body("errors.field", hasItem("regencyCode"));
    }

    @Test
    void aSecondUnitWithTheSameNameConflicts() {
        String name = unique("Balai Kembar");
        String id = registerUnit(unit(name));

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(unit(name.toUpperCase()))
                .when().post("/api/v1/service-units")
                .then().statusCode(409).body("existingId", equalTo(id));
    }

    @Test
    void anAdminClosesAUnitAndOpensItAgain() {
        String name = unique("Balai Tutup Sementara");
        String id = registerUnit(unit(name));

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(json("reason", "Closed for renovation of the dormitories"))
                .when().post("/api/v1/service-units/{id}/deactivate", id)
                .then().statusCode(200).header("ETag", equalTo("\"1\""))
                .body("status", equalTo("INACTIVE"))
                .body("deactivationReason", equalTo("Closed for renovation of the dormitories"))
                .body("deactivatedAt", notNullValue());
        given().auth().oauth2(TestTokens.viewer()).queryParam("q", name).queryParam("status", "INACTIVE")
                .when().get("/api/v1/service-units")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].status", equalTo("INACTIVE"));
        given().auth().oauth2(TestTokens.viewer()).queryParam("q", name).queryParam("status", "ACTIVE")
                .when().get("/api/v1/service-units")
                .then().statusCode(200).body("total", equalTo(0));

        given().auth().oauth2(TestTokens.admin()).when().post("/api/v1/service-units/{id}/reactivate", id)
                .then().statusCode(200).header("ETag", equalTo("\"2\""))
                .body("status", equalTo("ACTIVE"))
                .body("deactivationReason", nullValue())
                .body("deactivatedAt", nullValue());
        given().auth().oauth2(TestTokens.viewer()).queryParam("q", name).queryParam("status", "ACTIVE")
                .when().get("/api/v1/service-units")
                .then().statusCode(200).body("total", equalTo(1));
    }

    @Test
    void closingAClosedUnitOrOpeningAnOpenOneConflictsAndNamesWhatIsPossible() {
        String id = registerUnit(unit(unique("Loka Dua Kali")));
        given().auth().oauth2(TestTokens.admin()).when().post("/api/v1/service-units/{id}/reactivate", id)
                .then().statusCode(409).contentType("application/problem+json")
                .body("currentStatus", equalTo("ACTIVE"))
                .body("requestedStatus", equalTo("ACTIVE"))
                .body("allowedTransitions", equalTo(List.of("INACTIVE")));

        deactivate(id).then().statusCode(200);
        deactivate(id).then().statusCode(409).contentType("application/problem+json")
                .body("currentStatus", equalTo("INACTIVE"))
                .body("allowedTransitions", equalTo(List.of("ACTIVE")));
        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/service-units/{id}", id)
                .then().header("ETag", equalTo("\"1\""));
    }

    @Test
    void onlyAnAdminClosesOrOpensAUnitEvenItsOwnOfficerCannot() {
        String id = registerUnit(unit(unique("Sentra Milik Petugas")));
        given().auth().oauth2(TestTokens.officer(id)).contentType(ContentType.JSON).body(json("reason", "Not mine to close"))
                .when().post("/api/v1/service-units/{id}/deactivate", id)
                .then().statusCode(403);
        deactivate(id).then().statusCode(200);
        given().auth().oauth2(TestTokens.officer(id)).when().post("/api/v1/service-units/{id}/reactivate", id)
                .then().statusCode(403);
    }

    @Test
    void closingAnUnknownUnitIsNotFoundAndAReasonIsRequired() {
        deactivate("5b1f3b0e-3f39-4c8e-9d7e-000000000004").then().statusCode(404);
        given().auth().oauth2(TestTokens.admin()).when().post("/api/v1/service-units/{id}/reactivate", "5b1f3b0e-3f39-4c8e-9d7e-000000000004")
                .then().statusCode(404);
        String id = registerUnit(unit(unique("Balai Tanpa Alasan")));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(json("reason", " "))
                .when().post("/api/v1/service-units/{id}/deactivate", id)
                .then().statusCode(400).body("errors.field", hasItem("reason"));
    }

    @Test
    void aStaleIfMatchLeavesTheStatusAlone() {
        String id = registerUnit(unit(unique("Balai Versi Lama")));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).header("If-Match", "\"3\"")
                .body(json("reason", "Merged into another Balai"))
                .when().post("/api/v1/service-units/{id}/deactivate", id)
                .then().statusCode(412);
        deactivate(id).then().statusCode(200);
        given().auth().oauth2(TestTokens.admin()).header("If-Match", "\"0\"")
                .when().post("/api/v1/service-units/{id}/reactivate", id)
                .then().statusCode(412);
        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/service-units/{id}", id)
                .then().body("status", equalTo("INACTIVE"));
    }

    /**
     * Exhaustive over a unit's statuses and the transitions a request can ask for: a transition is accepted exactly
     * when the read just before offered it, a refusal repeats the read's status and offer, and a list item offers what
     * the read offers.
     */
    @Test
    void everyOfferedTransitionIsAcceptedAndEveryOtherRefusedWithTheReadsOwnOffer() {
        List<String> failures = new ArrayList<>();
        for (String state : List.of("ACTIVE", "INACTIVE")) {
            for (String target : List.of("ACTIVE", "INACTIVE")) {
                try {
                    checkTransition(state, target);
                } catch (AssertionError e) {
                    failures.add(state + " → " + target + ": " + e.getMessage());
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    private void checkTransition(String state, String target) {
        String name = unique("Balai Transisi " + state + " " + target);
        String id = registerUnit(unit(name));
        if (state.equals("INACTIVE")) {
            deactivate(id).then().statusCode(200);
        }
        ExtractableResponse<Response> before = given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/service-units/{id}", id)
                .then().statusCode(200).extract();
        assertEquals(state, before.path("status"));
        List<String> allowed = before.path("allowedTransitions");
        assertEquals(allowed, given().auth().oauth2(TestTokens.viewer()).queryParam("q", name).when().get("/api/v1/service-units")
                .then().statusCode(200).extract().path("items[0].allowedTransitions"), "the list item offers what the read offers");

        ExtractableResponse<Response> answer = (target.equals("INACTIVE") ? deactivate(id)
                : given().auth().oauth2(TestTokens.admin()).when().post("/api/v1/service-units/{id}/reactivate", id)).then().extract();
        if (allowed.contains(target)) {
            assertEquals(200, answer.statusCode(), "offered " + allowed + " but refused: " + answer.asString());
            assertEquals(target, answer.path("status"));
            ExtractableResponse<Response> reread = given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/service-units/{id}", id)
                    .then().statusCode(200).extract();
            assertEquals(answer.path("status"), (Object) reread.path("status"));
            assertEquals(answer.path("allowedTransitions"), (Object) reread.path("allowedTransitions"));
        } else {
            assertEquals(409, answer.statusCode(), "not offered " + allowed + " but answered: " + answer.asString());
            assertEquals(state, answer.path("currentStatus"));
            assertEquals(allowed, answer.path("allowedTransitions"));
        }
    }

    private static Response deactivate(String id) {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(json("reason", "Merged into another Balai"))
                .when().post("/api/v1/service-units/{id}/deactivate", id);
    }

    @Test
    void unknownUnitIsNotFound() {
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/service-units/{id}", "5b1f3b0e-3f39-4c8e-9d7e-000000000003")
                .then().statusCode(404);
    }
}
