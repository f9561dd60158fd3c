package id.atensi.partner.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import id.atensi.partner.PartnerFixtures;
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

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static id.atensi.partner.PartnerFixtures.json;
import static id.atensi.partner.PartnerFixtures.lks;
import static id.atensi.partner.PartnerFixtures.register;
import static id.atensi.partner.PartnerFixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "partner"))
@WithTestResource(KeycloakTestResource.class)
class PartnerResourceTest {

    @Test
    void registeredLksCanBeReadBackWithItsETag() {
        Map<String, Object> kumala = lks("Yayasan Kumala");
        ExtractableResponse<Response> created = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(kumala)
                .when().post("/api/v1/partners")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/partners/"))
                .header("ETag", equalTo("\"0\""))
                .body("status", equalTo("ACTIVE"))
                .body("npwp", equalTo("010000131093000"))
                .extract();

        given().auth().oauth2(TestTokens.auditor())
                .when().get("/api/v1/partners/{id}", created.path("id").toString())
                .then().statusCode(200)
                .header("ETag", equalTo("\"0\""))
                .body("legalName", equalTo("Yayasan Kumala"))
                .body("accreditationGrade", equalTo("A"))
                .body("accreditationLapsed", equalTo(false))
                .body("regencyCode", equalTo("32.02"))
                .body("contacts[0].email", equalTo("rina@example.org"))
                .body("clusters", hasItem("PERSONS_WITH_DISABILITIES"));
    }

    @Test
    void aPartOfAnotherOrganisationNamesItsParent() {
        String pertamina = register(PartnerFixtures.company("PT Pertamina (Persero)", "STATE_OWNED_COMPANY"));
        Map<String, Object> lubricants = PartnerFixtures.company("PT Pertamina Lubricants", "CSR_COMPANY");
        lubricants.put("parentId", pertamina);

        String id = register(lubricants);

        given().auth().oauth2(TestTokens.admin())
                .when().get("/api/v1/partners/{id}", id)
                .then().statusCode(200)
                .body("parentId", equalTo(pertamina));
    }

    @Test
    void aParentThatDoesNotExistIsUnprocessable() {
        Map<String, Object> partner = PartnerFixtures.company("PT Tanpa Induk", "CSR_COMPANY");
        partner.put("parentId", "5b1f3b0e-3f39-4c8e-9d7e-000000000001");

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(partner)
                .when().post("/api/v1/partners")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("parentId"));
    }

    @Test
    void aPartnerCannotBecomeItsOwnAncestor() {
        String parent = register(PartnerFixtures.company("PT Induk Siklus", "STATE_OWNED_COMPANY"));
        Map<String, Object> child = PartnerFixtures.company("PT Anak Siklus", "CSR_COMPANY");
        child.put("parentId", parent);
        String childId = register(child);

        given().auth().oauth2(TestTokens.admin()).contentType("application/merge-patch+json").header("If-Match", "\"0\"")
                .body(json("parentId", childId))
                .when().patch("/api/v1/partners/{id}", parent)
                .then().statusCode(422)
                .body("errors.message", hasItem(containsString("its own parent")));
    }

    @Test
    void duplicateRegistrationNumberConflictsAndNamesTheExistingPartner() {
        Map<String, Object> first = lks("Yayasan Balarenik");
        String id = register(first);
        Map<String, Object> second = lks("Yayasan Balarenik Kedua");
        second.put("registrationNumber", " " + first.get("registrationNumber").toString().toLowerCase() + " ");

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(second)
                .when().post("/api/v1/partners")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("conflict"))
                .body("existingId", equalTo(id));
    }

    @Test
    void npwpInAnUnofficialFormIsAFieldError() {
        Map<String, Object> partner = lks("Yayasan Salah Ketik");
        partner.put("npwp", "01-000-013-1-093-000");

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(partner)
                .when().post("/api/v1/partners")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("npwp"))
                .body("errors.message", hasItem(containsString("99.999.999.9-999.999")));
    }

    @Test
    void npwpIsNotRefusedOnTheUnpublishedNinthDigit() {
        Map<String, Object> partner = lks(unique("Yayasan Digit Sembilan"));
        partner.put("npwp", "01.000.013.2-093.000");
        String id = register(partner);

        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/partners/{id}", id)
                .then().body("npwp", equalTo("010000132093000"));
    }

    @Test
    void npwpOfTheWrongLengthOrAPersonsNikIsAFieldError() {
        Map<String, Object> shortNpwp = lks("Yayasan Pendek");
        shortNpwp.put("npwp", "0100001310930");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(shortNpwp)
                .when().post("/api/v1/partners")
                .then().statusCode(400)
                .body("errors.message", hasItem(containsString("15 digits")));

        Map<String, Object> nikAsNpwp = lks("Yayasan NIK");
        nikAsNpwp.put("npwp", "3201014508900001");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(nikAsNpwp)
                .when().post("/api/v1/partners")
                .then().statusCode(400)
                .body("errors.message", hasItem(containsString("starts with 0")));
    }

    @Test
    void sixteenDigitNpwpOfAnOrganisationIsAccepted() {
        Map<String, Object> partner = lks("Yayasan NPWP Baru");
        partner.put("npwp", "0010000131093000");
        String id = register(partner);

        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/partners/{id}", id)
                .then().body("npwp", equalTo("0010000131093000"));
    }

    @Test
    void regionCodesAreCheckedAgainstTheMinistryList() {
        Map<String, Object> unknownProvince = lks("Yayasan Provinsi Fiktif");
        unknownProvince.put("provinceCode", "99");
        unknownProvince.put("regencyCode", null);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(unknownProvince)
                .when().post("/api/v1/partners")
                .then().statusCode(400)
                .body("errors.field", hasItem("provinceCode"));

        Map<String, Object> regencyElsewhere = lks("Yayasan Kabupaten Salah");
        regencyElsewhere.put("regencyCode", "36.01");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(regencyElsewhere)
                .when().post("/api/v1/partners")
                .then().statusCode(400)
                .body("errors.field", hasItem("regencyCode"))
                .body("errors.message", hasItem(containsString("36.01 lies in 36")));
    }

    @Test
    void onlyAnLksCarriesAnAccreditation() {
        Map<String, Object> company = PartnerFixtures.company("PT Berakreditasi", "CSR_COMPANY");
        company.put("accreditationGrade", "B");
        company.put("accreditationExpiresOn", "2030-01-01");

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(company)
                .when().post("/api/v1/partners")
                .then().statusCode(400)
                .body("errors.field", hasItem("accreditationGrade"));
    }

    @Test
    void missingFieldsAreEachReported() {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(json("shortName", "x"))
                .when().post("/api/v1/partners")
                .then().statusCode(400)
                .body("errors.field", hasItem("type"))
                .body("errors.field", hasItem("legalName"))
                .body("errors.field", hasItem("provinceCode"));
    }

    @Test
    void anLksWhoseAccreditationExpiredIsFlaggedAndCanBeListed() {
        Map<String, Object> lapsed = lks(unique("Yayasan Lewat"));
        lapsed.put("accreditationExpiresOn", PartnerFixtures.today().minusDays(1).toString());
        String id = register(lapsed);

        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/partners/{id}", id)
                .then().body("accreditationLapsed", equalTo(true));
        given().auth().oauth2(TestTokens.admin()).queryParam("accreditationLapsed", true).queryParam("size", 200)
                .when().get("/api/v1/partners")
                .then().statusCode(200)
                .body("items.id", hasItem(id))
                .body("items.accreditationLapsed", everyItem(equalTo(true)));
    }

    @Test
    void updateNeedsIfMatchAndAnswersTheNewETag() {
        Map<String, Object> partner = lks(unique("Yayasan ERBE"));
        String id = register(partner);
        partner.put("shortName", "ERBE");

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(partner)
                .when().put("/api/v1/partners/{id}", id)
                .then().statusCode(428)
                .body("code", equalTo("precondition-required"));

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).header("If-Match", "\"0\"").body(partner)
                .when().put("/api/v1/partners/{id}", id)
                .then().statusCode(200)
                .header("ETag", equalTo("\"1\""))
                .body("shortName", equalTo("ERBE"));
    }

    @Test
    void staleIfMatchIsRefusedAndChangesNothing() {
        Map<String, Object> partner = lks(unique("Yayasan Suara Peduli"));
        String id = register(partner);
        partner.put("shortName", "first change");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).header("If-Match", "\"0\"").body(partner)
                .when().put("/api/v1/partners/{id}", id).then().statusCode(200);

        partner.put("shortName", "second change from a stale read");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).header("If-Match", "\"0\"").body(partner)
                .when().put("/api/v1/partners/{id}", id)
                .then().statusCode(412)
                .contentType("application/problem+json")
                .body("code", equalTo("precondition-failed"));

        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/partners/{id}", id)
                .then().body("shortName", equalTo("first change"));
    }

    @Test
    void ifMatchThatNamesNoVersionOfOursIsAnsweredOnlyOnceThePartnerIsFound() {
        Map<String, Object> partner = lks(unique("Yayasan Tanda"));
        String id = register(partner);
        partner.put("shortName", "Tanda");

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).header("If-Match", "*").body(partner)
                .when().put("/api/v1/partners/{id}", id)
                .then().statusCode(428).body("code", equalTo("precondition-required")).body("detail", containsString("names no version"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).header("If-Match", "*").body(partner)
                .when().put("/api/v1/partners/{id}", UUID.randomUUID())
                .then().statusCode(404).body("code", equalTo("not-found"));
        for (String foreign : List.of("\"not-ours\"", "\"0\", \"1\"", "\"+0\"")) {
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).header("If-Match", foreign).body(partner)
                    .when().put("/api/v1/partners/{id}", id)
                    .then().statusCode(412).body("code", equalTo("precondition-failed"))
                    .body("detail", containsString("not an ETag this service issued"));
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).header("If-Match", foreign).body(partner)
                    .when().put("/api/v1/partners/{id}", UUID.randomUUID())
                    .then().statusCode(404).body("code", equalTo("not-found"));
            given().auth().oauth2(TestTokens.admin()).contentType("application/merge-patch+json").header("If-Match", foreign)
                    .body(json("shortName", "Tanda"))
                    .when().patch("/api/v1/partners/{id}", UUID.randomUUID())
                    .then().statusCode(404).body("code", equalTo("not-found"));
        }
        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/partners/{id}", id)
                .then().header("ETag", equalTo("\"0\"")).body("shortName", not(equalTo("Tanda")));

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).header("If-Match", "*")
                .body(Map.of("reason", "Dissolved"))
                .when().post("/api/v1/partners/{id}/deactivation", id)
                .then().statusCode(200).body("status", equalTo("INACTIVE"));
    }

    /** JSON is UTF-8 and its media type has no charset parameter (RFC 8259, 8.1 and 11): one sent is ignored. */
    @Test
    void aBodyThatIsNotUtf8IsRefusedWhateverItsCharsetSaysAndNothingIsStored() throws Exception {
        Map<String, Object> partner = lks(unique("Yayasan Aksara"));
        String id = register(partner);
        byte[] latin1Patch = "{\"shortName\": \"Caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        partner.put("shortName", "Caf\u00e9");
        byte[] latin1Replacement = new ObjectMapper().writeValueAsString(partner).getBytes(StandardCharsets.ISO_8859_1);

        for (String charset : List.of("", "; charset=ISO-8859-1")) {
            given().auth().oauth2(TestTokens.admin()).contentType("application/merge-patch+json" + charset).header("If-Match", "\"0\"")
                    .body(latin1Patch)
                    .when().patch("/api/v1/partners/{id}", id)
                    .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("malformed-request"));
            given().auth().oauth2(TestTokens.admin()).contentType("application/json" + charset).header("If-Match", "\"0\"")
                    .body(latin1Replacement)
                    .when().put("/api/v1/partners/{id}", id)
                    .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("malformed-request"));
        }
        byte[] utf32 = {0, 0, 0, '{', '{', '!', '@', 'c'};
        byte[] utf16 = "{\"shortName\": \"Caf\u00e9\"}".getBytes(StandardCharsets.UTF_16BE);
        for (byte[] notUtf8Json : List.of(utf32, utf16)) {
            given().auth().oauth2(TestTokens.admin()).contentType("application/merge-patch+json").header("If-Match", "\"0\"")
                    .body(notUtf8Json)
                    .when().patch("/api/v1/partners/{id}", id)
                    .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("malformed-request"));
        }
        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/partners/{id}", id)
                .then().header("ETag", equalTo("\"0\"")).body("shortName", not(equalTo("Caf\u00e9")));

        given().auth().oauth2(TestTokens.admin()).contentType("application/merge-patch+json; charset=ISO-8859-1").header("If-Match", "\"0\"")
                .body("\uFEFF{\"shortName\": \"Caf\u00e9\"}".getBytes(StandardCharsets.UTF_8))
                .when().patch("/api/v1/partners/{id}", id)
                .then().statusCode(200).body("shortName", equalTo("Caf\u00e9"));
    }

    @Test
    void theMergePatchIsDocumentedAsAnObjectWithNoMemberRequired() {
        given().when().get("/q/openapi?format=json")
                .then().statusCode(200)
                .rootPath("paths.'/api/v1/partners/{id}'.patch.requestBody")
                .body("required", equalTo(true))
                .body("content.'application/merge-patch+json'.schema.type", equalTo("object"))
                .body("content.'application/merge-patch+json'.schema.required", nullValue())
                .body("content.'application/merge-patch+json'.schema.properties", nullValue());
    }

    @Test
    void aMergePatchWithAFieldOfTheWrongTypeIsRefusedNamingTheField() {
        String id = register(lks(unique("Yayasan Salah Ketik")));
        for (Map.Entry<String, ?> wrong : List.<Map.Entry<String, ?>>of(Map.entry("clusters", "text"), Map.entry("accreditationExpiresOn", "2024-02-30"),
                Map.entry("type", "NO_SUCH_VALUE"), Map.entry("shortName", Map.of()))) {
            given().auth().oauth2(TestTokens.admin()).contentType("application/merge-patch+json").header("If-Match", "\"0\"")
                    .body(json(wrong.getKey(), wrong.getValue()))
                    .when().patch("/api/v1/partners/{id}", id)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem(wrong.getKey()));
        }
        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/partners/{id}", id).then().header("ETag", equalTo("\"0\""));
    }

    @Test
    void mergePatchChangesOnlyTheNamedMembers() {
        String id = register(lks(unique("Yayasan Tambal")));

        given().auth().oauth2(TestTokens.admin()).contentType("application/merge-patch+json").header("If-Match", "\"0\"")
                .body(json("shortName", "Tambal", "addressLine", null))
                .when().patch("/api/v1/partners/{id}", id)
                .then().statusCode(200)
                .header("ETag", equalTo("\"1\""))
                .body("shortName", equalTo("Tambal"))
                .body("addressLine", nullValue())
                .body("accreditationGrade", equalTo("A"))
                .body("contacts", hasSize(1));
    }

    @Test
    void mergePatchThatBreaksARuleIsAFieldError() {
        String id = register(lks(unique("Yayasan Tambal Salah")));

        given().auth().oauth2(TestTokens.admin()).contentType("application/merge-patch+json").header("If-Match", "\"0\"")
                .body(json("legalName", null))
                .when().patch("/api/v1/partners/{id}", id)
                .then().statusCode(400)
                .body("errors.field", hasItem("legalName"));
    }

    @Test
    void listFiltersByTypeRegionAndName() {
        String marker = unique("Cortezian");
        String csr = register(PartnerFixtures.company("PT " + marker + " Indonesia", "CSR_COMPANY"));
        register(lks("Yayasan " + marker));

        given().auth().oauth2(TestTokens.viewer())
                .queryParam("type", "CSR_COMPANY").queryParam("region", "31.74").queryParam("q", marker.toLowerCase())
                .when().get("/api/v1/partners")
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].id", equalTo(csr))
                .body("page", equalTo(0));

        given().auth().oauth2(TestTokens.viewer()).queryParam("q", marker).queryParam("region", "32")
                .when().get("/api/v1/partners")
                .then().body("total", equalTo(1))
                .body("items[0].type", equalTo("LKS"));
    }

    @Test
    void pageSizeAboveTheLimitIsAFieldError() {
        given().auth().oauth2(TestTokens.admin()).queryParam("size", 500)
                .when().get("/api/v1/partners")
                .then().statusCode(400)
                .body("errors.field", hasItem("size"));
    }

    @Test
    void deactivationKeepsTheRecordAndHappensOnce() {
        String id = register(lks(unique("Yayasan Bubar")));

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(json("reason", "Dissolved"))
                .when().post("/api/v1/partners/{id}/deactivation", id)
                .then().statusCode(200)
                .body("status", equalTo("INACTIVE"))
                .body("deactivationReason", equalTo("Dissolved"))
                .body("deactivatedAt", notNullValue());

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(json("reason", "Again"))
                .when().post("/api/v1/partners/{id}/deactivation", id)
                .then().statusCode(409)
                .body("currentStatus", equalTo("INACTIVE"))
                .body("requestedStatus", equalTo("INACTIVE"))
                .body("allowedTransitions", equalTo(List.of()));
    }

    @Test
    void retryWithTheSameIdempotencyKeyAnswersTheFirstResult() {
        Map<String, Object> partner = lks(unique("Yayasan Ulang"));
        String key = unique("key");
        ExtractableResponse<Response> first = given().auth().oauth2(TestTokens.admin()).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(partner)
                .when().post("/api/v1/partners").then().statusCode(201).extract();
        ExtractableResponse<Response> retry = given().auth().oauth2(TestTokens.admin()).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(partner)
                .when().post("/api/v1/partners").then().statusCode(201).extract();

        assertEquals(first.<String>path("id"), retry.path("id"));
        assertEquals(first.header("Location"), retry.header("Location"));
        given().auth().oauth2(TestTokens.admin()).queryParam("q", partner.get("legalName"))
                .when().get("/api/v1/partners").then().body("total", equalTo(1));
    }

    @Test
    void idempotencyKeysBelongToTheirCaller() {
        String key = unique("key");
        String first = given().auth().oauth2(TestTokens.officer()).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(lks(unique("Yayasan Satu")))
                .when().post("/api/v1/partners").then().statusCode(201).extract().path("id");
        String other = given().auth().oauth2(TestTokens.admin()).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(lks(unique("Yayasan Dua")))
                .when().post("/api/v1/partners").then().statusCode(201).extract().path("id");

        assertNotEquals(first, other);
    }

    @Test
    void theSameIdempotencyKeyWithAnotherRequestIsRefused() {
        String key = unique("key");
        given().auth().oauth2(TestTokens.admin()).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(lks(unique("Yayasan Pertama")))
                .when().post("/api/v1/partners").then().statusCode(201);

        given().auth().oauth2(TestTokens.admin()).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(lks(unique("Yayasan Lain")))
                .when().post("/api/v1/partners")
                .then().statusCode(422)
                .body("detail", containsString("Idempotency-Key"));
    }

    @Test
    void viewerSeesContactsMasked() {
        String id = register(lks(unique("Yayasan Rahasia")));

        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/partners/{id}", id)
                .then().statusCode(200)
                .body("contacts[0].name", equalTo("R***"))
                .body("contacts[0].email", equalTo("r***@example.org"))
                .body("contacts[0].phone", equalTo("****0101"));
    }

    @Test
    void onlyAdminsAndOfficersChangePartners() {
        String id = register(lks(unique("Yayasan Terkunci")));
        for (String token : List.of(TestTokens.viewer(), TestTokens.auditor(), TestTokens.partner(id))) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(lks(unique("Yayasan Baru")))
                    .when().post("/api/v1/partners")
                    .then().statusCode(403);
            given().auth().oauth2(token).contentType(ContentType.JSON).body(json("reason", "no"))
                    .when().post("/api/v1/partners/{id}/deactivation", id)
                    .then().statusCode(403);
        }
    }

    @Test
    void aPartnerReadsItsOwnOrganisationButOnlyOthersNames() {
        String own = register(lks(unique("Yayasan Sendiri")));
        String marker = unique("Tetangga");
        String other = register(lks("Yayasan " + marker));

        given().auth().oauth2(TestTokens.partner(own)).when().get("/api/v1/partners/{id}", own)
                .then().statusCode(200)
                .body("contacts[0].email", equalTo("rina@example.org"));
        given().auth().oauth2(TestTokens.partner(own)).when().get("/api/v1/partners/{id}", other)
                .then().statusCode(404);
        given().auth().oauth2(TestTokens.partner(own)).queryParam("q", marker)
                .when().get("/api/v1/partners")
                .then().statusCode(200)
                .body("items[0].legalName", equalTo("Yayasan " + marker))
                .body("items[0]", not(org.hamcrest.Matchers.hasKey("regencyCode")))
                .body("items[0]", not(org.hamcrest.Matchers.hasKey("accreditationGrade")));
    }

    @Test
    void aPartnerTokenWithoutPartnerIdIsRefused() {
        given().auth().oauth2(TestTokens.forRoles("partner-without-id", null, "partner"))
                .when().get("/api/v1/partners")
                .then().statusCode(403);
    }

    @Test
    void unknownPartnerIsNotFoundAndNoTokenIsUnauthenticated() {
        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/partners/{id}", "5b1f3b0e-3f39-4c8e-9d7e-000000000000")
                .then().statusCode(404).body("code", equalTo("not-found"));
        given().when().get("/api/v1/partners").then().statusCode(401);
    }

    @Test
    void partnersAreCountedByTypeAndProvince() {
        int before = countIn("UNIVERSITY", "65");
        Map<String, Object> university = PartnerFixtures.company(unique("Universitas Borneo Tarakan"), "UNIVERSITY");
        university.put("provinceCode", "65");
        university.put("regencyCode", null);
        register(university);

        assertEquals(before + 1, countIn("UNIVERSITY", "65"));
        given().auth().oauth2(TestTokens.auditor()).when().get("/api/v1/partners/reports/by-type-and-region")
                .then().statusCode(200)
                .body("find { it.provinceCode == '65' && it.type == 'UNIVERSITY' }.provinceName", equalTo("KALIMANTAN UTARA"));
    }

    private static int countIn(String type, String province) {
        List<Map<String, Object>> rows = given().auth().oauth2(TestTokens.admin())
                .when().get("/api/v1/partners/reports/by-type-and-region")
                .then().statusCode(200).extract().path("$");
        return rows.stream().filter(row -> type.equals(row.get("type")) && province.equals(row.get("provinceCode")))
                .mapToInt(row -> ((Number) row.get("partners")).intValue()).sum();
    }
}
