package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.ConsentFixtures;
import id.atensi.beneficiary.BeneficiaryFixtures;
import id.atensi.beneficiary.NikFixtures;
import id.atensi.beneficiary.PartnerFixtures;
import id.atensi.beneficiary.ServiceUnitFixtures;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import id.atensi.testing.TopicReader;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "beneficiary"))
class PersonRecordTest {

    @BeforeEach
    void serviceUnitsAreKnown() {
        ServiceUnitFixtures.standard();
    }

    @Test
    void theFullRecordIsKeptAndReadBack() {
        String nik = NikFixtures.woman();
        String unit = ServiceUnitFixtures.fresh();
        String partner = PartnerFixtures.fresh();
        String id = BeneficiaryFixtures.registerFull("Sri Wahyuni", nik, unit, partner).path("id");

        given().auth().oauth2(TestTokens.admin())
                .when().get("/api/v1/beneficiaries/{id}", id)
                .then().statusCode(200)
                .header("ETag", equalTo("\"0\""))
                .body("nik", equalTo(nik))
                .body("kkNumber", equalTo("3201010101200001"))
                .body("birthPlace", equalTo("Bogor"))
                .body("address.villageCode", equalTo("32.01.01.1001"))
                .body("address.line", equalTo("Jl. Merdeka 1"))
                .body("phone", equalTo("+6281234567890"))
                .body("welfareId", equalTo("DTSEN-001"))
                .body("clusters", contains("ELDERLY", "PERSONS_WITH_DISABILITIES"))
                .body("disabilityTypes", contains("SENSORY_BLIND"))
                .body("approach", equalTo("FAMILY"))
                .body("serviceUnitId", equalTo(unit))
                .body("partnerIds", contains(partner));
    }

    @Test
    void aVillageOutsideItsDistrictIsAFieldError() {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(BeneficiaryFixtures.fullRecord("Sri Wahyuni", NikFixtures.woman(), "3201010101200001", "32.01.02.1001", ServiceUnitFixtures.fresh()))
                .when().post("/api/v1/beneficiaries")
                .then().statusCode(400)
                .body("errors.field", hasItem("address.villageCode"));
    }

    @Test
    void anUnknownVillageAndABadKkNumberAreBothReported() {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(BeneficiaryFixtures.fullRecord("Sri Wahyuni", NikFixtures.woman(), "9901010101200001", "32.01.01.9999", ServiceUnitFixtures.fresh()))
                .when().post("/api/v1/beneficiaries")
                .then().statusCode(400)
                .body("errors.field", hasItem("address.villageCode"))
                .body("errors.field", hasItem("kkNumber"));
    }

    @Test
    void disabilityTypesNeedTheDisabilityCluster() {
        String body = BeneficiaryFixtures.fullRecord("Sri Wahyuni", NikFixtures.woman(), "3201010101200001", "32.01.01.1001", ServiceUnitFixtures.fresh())
                .replace("[\"PERSONS_WITH_DISABILITIES\", \"ELDERLY\"]", "[\"ELDERLY\"]");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/beneficiaries")
                .then().statusCode(400)
                .body("errors.field", hasItem("disabilityTypes"));
    }

    @Test
    void theRetiredClusterNamesAreRefusedWith400() {
        String body = BeneficiaryFixtures.fullRecord("Sri Wahyuni", NikFixtures.woman(), "3201010101200001", "32.01.01.1001", ServiceUnitFixtures.fresh())
                .replace("PERSONS_WITH_DISABILITIES", "DISABILITY");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/beneficiaries")
                .then().statusCode(400)
                .body("errors.field", hasItem(startsWith("clusters")));
    }

    @Test
    void updateWithoutIfMatchIsRefusedWith428() {
        String id = BeneficiaryFixtures.registerFull("Ani Suryani", NikFixtures.woman(), ServiceUnitFixtures.fresh()).path("id");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(BeneficiaryFixtures.fullRecord("Ani Suryani", NikFixtures.woman(), "3201010101200001", "32.01.01.1001", ServiceUnitFixtures.fresh()))
                .when().put("/api/v1/beneficiaries/{id}", id)
                .then().statusCode(428)
                .body("code", equalTo("precondition-required"));
    }

    @Test
    void updateOnAStaleVersionIsRefusedWith412() {
        String nik = NikFixtures.woman();
        String unit = ServiceUnitFixtures.fresh();
        String id = BeneficiaryFixtures.registerFull("Ani Suryani", nik, unit).path("id");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(BeneficiaryFixtures.fullRecord("Ani Suryani Putri", nik, "3201010101200001", "32.01.01.1001", unit))
                .when().put("/api/v1/beneficiaries/{id}", id)
                .then().statusCode(200).header("ETag", equalTo("\"1\""));

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(BeneficiaryFixtures.fullRecord("Ani S.", nik, "3201010101200001", "32.01.01.1001", unit))
                .when().put("/api/v1/beneficiaries/{id}", id)
                .then().statusCode(412)
                .body("code", equalTo("precondition-failed"));
    }

    @Test
    void anUpdatePublishesTheChangedFieldsWithoutPersonalNumbers() {
        String nik = NikFixtures.woman();
        String unit = ServiceUnitFixtures.fresh();
        String newUnit = ServiceUnitFixtures.fresh();
        String id = BeneficiaryFixtures.registerFull("Rina Marlina", nik, unit).path("id");
        try (TopicReader topic = TopicReader.of("atensi.beneficiary.events")) {
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                    .body(BeneficiaryFixtures.fullRecord("Rina Marlina", nik, "3201010101200002", "32.01.01.1002", newUnit))
                    .when().put("/api/v1/beneficiaries/{id}", id)
                    .then().statusCode(200)
                    .body("serviceUnitId", equalTo(newUnit))
                    .body("address.villageCode", equalTo("32.01.01.1002"));

            ConsumerRecord<String, byte[]> record = topic.await(r -> id.equals(r.key())
                    && "atensi.beneficiary.updated.v1".equals(TopicReader.header(r, "ce_type")), Duration.ofSeconds(20));
            String data = TopicReader.value(record);
            assertTrue(data.contains("kkNumber") && data.contains("address") && data.contains("serviceUnitId"), data);
            assertFalse(data.contains(nik) || data.contains("3201010101200002"), data);
        }
    }

    @Test
    void changingTheNikToAnotherPersonsConflicts() {
        String otherNik = NikFixtures.woman();
        String other = BeneficiaryFixtures.registerFull("Yuni Astuti", otherNik, ServiceUnitFixtures.fresh()).path("id");
        String id = BeneficiaryFixtures.registerFull("Yanti Astuti", NikFixtures.woman(), ServiceUnitFixtures.fresh()).path("id");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(BeneficiaryFixtures.fullRecord("Yanti Astuti", otherNik, "3201010101200001", "32.01.01.1001", ServiceUnitFixtures.fresh()))
                .when().put("/api/v1/beneficiaries/{id}", id)
                .then().statusCode(409)
                .body("existingId", equalTo(other));
    }

    @Test
    void nameSearchIgnoresCaseAndSpelling() {
        String unit = ServiceUnitFixtures.fresh();
        String id = BeneficiaryFixtures.registerFull("Siti Nurhaliza", NikFixtures.woman(), unit).path("id");

        given().auth().oauth2(TestTokens.admin())
                .queryParam("name", "siti nurhaliza").queryParam("serviceUnitId", unit)
                .when().get("/api/v1/beneficiaries")
                .then().statusCode(200)
                .body("items.id", contains(id))
                .body("total", equalTo(1));
        given().auth().oauth2(TestTokens.admin())
                .queryParam("name", "SITI NURHALIZZA").queryParam("serviceUnitId", unit)
                .when().get("/api/v1/beneficiaries")
                .then().statusCode(200)
                .body("items.id", contains(id));
    }

    @Test
    void nikSearchIsExact() {
        String nik = NikFixtures.woman();
        String id = BeneficiaryFixtures.registerFull("Lilis Suryani", nik, ServiceUnitFixtures.fresh()).path("id");
        given().auth().oauth2(TestTokens.admin()).queryParam("nik", nik)
                .when().get("/api/v1/beneficiaries")
                .then().statusCode(200)
                .body("items.id", contains(id));
        given().auth().oauth2(TestTokens.admin()).queryParam("nik", nik.substring(0, 15) + (nik.endsWith("9") ? "8" : "9"))
                .when().get("/api/v1/beneficiaries")
                .then().statusCode(200)
                .body("items.id", not(hasItem(id)));
    }

    @Test
    void filtersCombineAndSortingIsStable() {
        String unit = ServiceUnitFixtures.fresh();
        String b = BeneficiaryFixtures.registerFull("Bunga Citra", NikFixtures.woman(), unit).path("id");
        String a = BeneficiaryFixtures.registerFull("Ayu Lestari", NikFixtures.woman(), unit).path("id");
        given().auth().oauth2(TestTokens.admin())
                .queryParam("serviceUnitId", unit).queryParam("cluster", "PERSONS_WITH_DISABILITIES").queryParam("status", "REGISTERED")
                .queryParam("villageCode", "32.01.01.1001").queryParam("size", 1)
                .when().get("/api/v1/beneficiaries")
                .then().statusCode(200)
                .body("total", equalTo(2))
                .body("items.id", contains(a));
        given().auth().oauth2(TestTokens.admin())
                .queryParam("serviceUnitId", unit).queryParam("sort", "-fullName")
                .when().get("/api/v1/beneficiaries")
                .then().statusCode(200)
                .body("items.id", contains(b, a));
        given().auth().oauth2(TestTokens.admin())
                .queryParam("serviceUnitId", unit).queryParam("cluster", "CHILDREN")
                .when().get("/api/v1/beneficiaries")
                .then().statusCode(200)
                .body("items", hasSize(0));
    }

    @Test
    void peopleAreCountedByClusterAndAPartnerCountsOnlyItsOwn() {
        String partner = PartnerFixtures.fresh();
        String hana = BeneficiaryFixtures.registerFull("Hana Pertiwi", NikFixtures.woman(), ServiceUnitFixtures.fresh(), partner).path("id");
        String hani = BeneficiaryFixtures.registerFull("Hani Pertiwi", NikFixtures.woman(), ServiceUnitFixtures.fresh(), partner).path("id");
        ConsentFixtures.give(hana, "PARTNER_SHARING");
        ConsentFixtures.give(hani, "PARTNER_SHARING");
        given().auth().oauth2(TestTokens.partner(partner)).queryParam("by", "cluster")
                .when().get("/api/v1/beneficiaries/counts")
                .then().statusCode(200)
                .body("counts.key", containsInAnyOrder("PERSONS_WITH_DISABILITIES", "ELDERLY"))
                .body("counts.count", contains(2, 2));
        given().auth().oauth2(TestTokens.partner(partner)).queryParam("by", "province")
                .when().get("/api/v1/beneficiaries/counts")
                .then().statusCode(200)
                .body("counts.key", contains("32"))
                .body("counts.count", contains(2));
        given().auth().oauth2(TestTokens.viewer()).queryParam("by", "status")
                .when().get("/api/v1/beneficiaries/counts")
                .then().statusCode(200)
                .body("counts.key", hasItem("REGISTERED"));
        given().auth().oauth2(TestTokens.viewer()).queryParam("by", "nik")
                .when().get("/api/v1/beneficiaries/counts")
                .then().statusCode(400)
                .body("errors.field", hasItem("by"));
    }

    @Test
    void aRetriedRegistrationWithItsIdempotencyKeyAnswersTheFirstRecord() {
        String key = UUID.randomUUID().toString();
        String body = BeneficiaryFixtures.fullRecord("Retno Wulan", NikFixtures.woman(), "3201010101200001", "32.01.01.1001", ServiceUnitFixtures.fresh());
        String id = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .when().post("/api/v1/beneficiaries")
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .when().post("/api/v1/beneficiaries")
                .then().statusCode(201)
                .header("Idempotent-Replayed", equalTo("true"))
                .body("id", equalTo(id));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(body.replace("Retno Wulan", "Retno Wulandari"))
                .when().post("/api/v1/beneficiaries")
                .then().statusCode(422);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/beneficiaries")
                .then().statusCode(409).body("existingId", equalTo(id));
    }

    @Test
    void aPartnerTheReadModelKnowsAsInactiveIsRefused() throws InterruptedException {
        String partner = PartnerFixtures.fresh();
        try (id.atensi.testing.TopicWriter writer = id.atensi.testing.TopicWriter.create()) {
            writer.cloudEvent("atensi.partner.events", UUID.randomUUID().toString(), "atensi.partner.deactivated.v1", "/atensi/partner",
                    partner, """
                            {"partnerId": "%s", "legalName": "Yayasan Tutup", "status": "INACTIVE", "reason": "dissolved",
                             "deactivatedAt": "2025-01-01T00:00:00Z"}""".formatted(partner));
        }
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(30);
        while (java.time.Instant.now().isBefore(deadline)) {
            String body = BeneficiaryFixtures.fullRecord("Sinta Dewi", NikFixtures.woman(), "3201010101200001", "32.01.01.1001", ServiceUnitFixtures.fresh(), partner);
            ExtractableResponse<Response> answer = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body)
                    .when().post("/api/v1/beneficiaries").then().extract();
            if (answer.statusCode() == 422) {
                given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body)
                        .when().post("/api/v1/beneficiaries")
                        .then().statusCode(422)
                        .body("errors.field", contains("partnerIds"))
                        .body("errors.message", contains("partner " + partner + " is inactive"));
                return;
            }
            org.junit.jupiter.api.Assertions.assertEquals(201, answer.statusCode(), "only a known, active partner is accepted");
            Thread.sleep(300);
        }
        org.junit.jupiter.api.Assertions.fail("the partner's deactivation did not reach the read model");
    }

    @Test
    void aPartnerTheReadModelHasNotHeardOfIsRefused() {
        String unheardOf = UUID.randomUUID().toString();
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(BeneficiaryFixtures.fullRecord("Sinta Dewi", NikFixtures.woman(), "3201010101200001", "32.01.01.1001", ServiceUnitFixtures.fresh(), unheardOf))
                .when().post("/api/v1/beneficiaries")
                .then().statusCode(422)
                .body("code", equalTo("unprocessable"))
                .body("errors.field", contains("partnerIds"))
                .body("errors.message", contains("partner " + unheardOf + " is not known"));
        given().auth().oauth2(TestTokens.partner(unheardOf)).contentType(ContentType.JSON)
                .body(BeneficiaryFixtures.registration("Sinta Dewi", NikFixtures.woman(), NikFixtures.WOMAN_BIRTH_DATE, "FEMALE"))
                .when().post("/api/v1/beneficiaries")
                .then().statusCode(422)
                .body("errors.message", contains("partner " + unheardOf + " is not known"));
    }

    @Test
    void anUnknownSortIsAFieldError() {
        given().auth().oauth2(TestTokens.admin()).queryParam("sort", "nik")
                .when().get("/api/v1/beneficiaries")
                .then().statusCode(400)
                .body("errors.field", hasItem("sort"));
    }

    @Test
    void viewerSeesEveryPersonalNumberMaskedInTheList() {
        String unit = ServiceUnitFixtures.fresh();
        String nik = NikFixtures.woman();
        BeneficiaryFixtures.registerFull("Tuti Handayani", nik, unit);
        given().auth().oauth2(TestTokens.viewer()).queryParam("serviceUnitId", unit)
                .when().get("/api/v1/beneficiaries")
                .then().statusCode(200)
                .body("items[0].nik", equalTo(nik.substring(0, 4) + "********" + nik.substring(12)))
                .body("items[0].kkNumber", equalTo("3201********0001"))
                .body("items[0].phone", equalTo("+628******7890"))
                .body("items[0].address.line", nullValue())
                .body("items.nik", everyItem(containsString("*")));
    }

    @Test
    void auditorCannotRegisterOrUpdate() {
        given().auth().oauth2(TestTokens.auditor()).contentType(ContentType.JSON)
                .body(BeneficiaryFixtures.fullRecord("Tuti", NikFixtures.woman(), "3201010101200001", "32.01.01.1001", ServiceUnitFixtures.fresh()))
                .when().post("/api/v1/beneficiaries")
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.auditor()).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(BeneficiaryFixtures.fullRecord("Tuti", NikFixtures.woman(), "3201010101200001", "32.01.01.1001", ServiceUnitFixtures.fresh()))
                .when().put("/api/v1/beneficiaries/{id}", UUID.randomUUID())
                .then().statusCode(403);
    }
}
