package id.atensi.beneficiary;

import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import id.atensi.testing.TopicReader;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "beneficiary"))
class PersonalDataProtectionTest {

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void serviceUnitsAreKnown() {
        ServiceUnitFixtures.standard();
    }

    @Test
    void nikAndKkAreStoredOnlyEncryptedWithTheirKeyId() throws Exception {
        String nik = NikFixtures.woman();
        String id = BeneficiaryFixtures.registerFull("Wulan Sari", nik, TestTokens.UNIT_A).path("id");

        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT * FROM beneficiary WHERE id = ?")) {
            select.setObject(1, UUID.fromString(id));
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next());
                ResultSetMetaData columns = row.getMetaData();
                for (int i = 1; i <= columns.getColumnCount(); i++) {
                    String value = row.getString(i);
                    assertFalse(value != null && (value.contains(nik) || value.contains("3201010101200001")),
                            "column " + columns.getColumnName(i) + " holds a personal number in clear");
                }
                assertEquals("test-1", row.getString("nik_key_id"));
                assertEquals("test-1", row.getString("kk_key_id"));
                assertEquals(64, row.getString("nik_hash").length());
            }
        }
    }

    @Test
    void everyUnmaskedReadIsAuditedWithWhoWhatAndTheRequestId() {
        String id = BeneficiaryFixtures.registerFull("Nining Kurnia", NikFixtures.woman(), TestTokens.UNIT_A).path("id");
        String requestId = "audit-" + UUID.randomUUID();
        given().auth().oauth2(TestTokens.officer()).header("X-Request-Id", requestId)
                .when().get("/api/v1/beneficiaries/{id}", id)
                .then().statusCode(200);

        given().auth().oauth2(TestTokens.auditor())
                .queryParam("beneficiaryId", id)
                .when().get("/api/v1/beneficiaries/audit")
                .then().statusCode(200)
                .body("total", equalTo(2))
                .body("items.action", contains("read", "register"))
                .body("items[0].requestId", equalTo(requestId))
                .body("items[0].roles", hasItem("officer"))
                .body("items[0].fields", hasItem("nik"))
                .body("items[0].fields", hasItem("kkNumber"))
                .body("items.accessedBy", everyItem(notNullValue()));
    }

    @Test
    void aRegistrationIsAuditedWithItsRequestAndEachReplayAgainButARefusedOneNot() {
        String key = UUID.randomUUID().toString();
        String requestId = "register-" + UUID.randomUUID();
        String body = BeneficiaryFixtures.fullRecord("Ratna Dewi", NikFixtures.woman(), "3201010101200001", "32.01.01.1001",
                ServiceUnitFixtures.fresh());
        String id = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .header("X-Request-Id", requestId).body(body)
                .when().post("/api/v1/beneficiaries")
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(TestTokens.auditor()).queryParam("beneficiaryId", id)
                .when().get("/api/v1/beneficiaries/audit")
                .then().statusCode(200)
                .body("items.action", contains("register"))
                .body("items[0].requestId", equalTo(requestId))
                .body("items[0].fields", contains("nik", "kkNumber", "phone", "address"));

        // the replay shows the same numbers again; a refused registration shows nothing
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .when().post("/api/v1/beneficiaries")
                .then().statusCode(201).header("Idempotent-Replayed", equalTo("true")).body("id", equalTo(id));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/beneficiaries")
                .then().statusCode(409).body("existingId", equalTo(id));
        given().auth().oauth2(TestTokens.auditor()).queryParam("beneficiaryId", id)
                .when().get("/api/v1/beneficiaries/audit")
                .then().statusCode(200)
                .body("total", equalTo(2))
                .body("items.action", contains("register", "register"));
    }

    @Test
    void aMaskedReadLeavesNoAuditEntry() {
        String id = BeneficiaryFixtures.registerFull("Euis Rohaeti", NikFixtures.woman(), TestTokens.UNIT_A).path("id");
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/beneficiaries/{id}", id).then().statusCode(200);
        given().auth().oauth2(TestTokens.auditor()).queryParam("beneficiaryId", id)
                .when().get("/api/v1/beneficiaries/audit")
                .then().statusCode(200)
                .body("items.action", contains("register"));
    }

    @Test
    void anUnmaskedListAuditsEachPersonShown() {
        String unit = ServiceUnitFixtures.fresh();
        String id = BeneficiaryFixtures.registerFull("Cucu Sumarni", NikFixtures.woman(), unit).path("id");
        given().auth().oauth2(TestTokens.officer(unit)).queryParam("serviceUnitId", unit)
                .when().get("/api/v1/beneficiaries").then().statusCode(200).body("items", hasSize(1));
        given().auth().oauth2(TestTokens.auditor()).queryParam("beneficiaryId", id)
                .when().get("/api/v1/beneficiaries/audit")
                .then().statusCode(200)
                .body("items.action", contains("list", "register"))
                .body("items[0].fields", contains("nik", "kkNumber", "phone", "address"));
        String plain = BeneficiaryFixtures.register("Cucu Polos", NikFixtures.woman(), NikFixtures.WOMAN_BIRTH_DATE, "FEMALE");
        given().auth().oauth2(TestTokens.officer()).when().get("/api/v1/beneficiaries/{id}", plain).then().statusCode(200);
        given().auth().oauth2(TestTokens.auditor()).queryParam("beneficiaryId", plain)
                .when().get("/api/v1/beneficiaries/audit")
                .then().statusCode(200)
                .body("items[0].fields", contains("nik"));
    }

    @Test
    void onlyAuditorsAndAdminsReadTheAuditTrail() {
        given().auth().oauth2(TestTokens.officer()).when().get("/api/v1/beneficiaries/audit").then().statusCode(403);
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/beneficiaries/audit").then().statusCode(403);
        given().auth().oauth2(TestTokens.admin()).queryParam("size", 500).when().get("/api/v1/beneficiaries/audit")
                .then().statusCode(400);
    }

    @Test
    void aPartnerReadsOnlyThePeopleItServes() {
        String partner = PartnerFixtures.fresh();
        String other = PartnerFixtures.fresh();
        String unit = ServiceUnitFixtures.fresh();
        String nik = NikFixtures.woman();
        String own = BeneficiaryFixtures.registerFull("Dedeh Kurniasih", nik, unit, partner).path("id");
        String foreign = BeneficiaryFixtures.registerFull("Enok Rahayu", NikFixtures.woman(), unit, other).path("id");
        ConsentFixtures.give(own, "PARTNER_SHARING");
        ConsentFixtures.give(foreign, "PARTNER_SHARING");

        given().auth().oauth2(TestTokens.partner(partner)).when().get("/api/v1/beneficiaries/{id}", own)
                .then().statusCode(200).body("nik", equalTo(nik));
        given().auth().oauth2(TestTokens.partner(partner)).when().get("/api/v1/beneficiaries/{id}", foreign)
                .then().statusCode(404).body("code", equalTo("not-found"));
        given().auth().oauth2(TestTokens.partner(partner)).when().get("/api/v1/beneficiaries/{id}/timeline", foreign)
                .then().statusCode(404);
        given().auth().oauth2(TestTokens.partner(partner)).queryParam("serviceUnitId", unit)
                .when().get("/api/v1/beneficiaries")
                .then().statusCode(200).body("items.id", contains(own));
        given().auth().oauth2(TestTokens.partner(partner)).queryParam("serviceUnitId", unit).queryParam("partnerId", other)
                .when().get("/api/v1/beneficiaries")
                .then().statusCode(200).body("items", hasSize(0));
        given().auth().oauth2(TestTokens.partner(partner)).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(BeneficiaryFixtures.fullRecord("Enok", NikFixtures.woman(), "3201010101200001", "32.01.01.1001", unit, partner))
                .when().put("/api/v1/beneficiaries/{id}", foreign)
                .then().statusCode(404);
    }

    @Test
    void aPartnerRegisteringBecomesOneOfThePersonsPartners() {
        String partner = PartnerFixtures.fresh();
        given().auth().oauth2(TestTokens.partner(partner)).contentType(ContentType.JSON)
                .body(BeneficiaryFixtures.registration("Ijah Sutijah", NikFixtures.woman(), NikFixtures.WOMAN_BIRTH_DATE, "FEMALE"))
                .when().post("/api/v1/beneficiaries")
                .then().statusCode(201)
                .body("partnerIds", contains(partner));
    }

    @Test
    void consentIsRecordedGivenThenWithdrawnAndPublished() {
        String id = BeneficiaryFixtures.registerFull("Imas Masitoh", NikFixtures.woman(), TestTokens.UNIT_A).path("id");
        try (TopicReader topic = TopicReader.of("atensi.beneficiary.events")) {
            given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON)
                    .body(ConsentFixtures.body("PARTNER_SHARING", true))
                    .when().post("/api/v1/beneficiaries/{id}/consents", id)
                    .then().statusCode(201).body("given", equalTo(true));
            given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON)
                    .body("{\"purpose\": \"PARTNER_SHARING\", \"given\": false, \"note\": \"asked by phone\","
                            + " \"evidence\": {\"documentSha256\": \"" + "ab".repeat(32) + "\"}}")
                    .when().post("/api/v1/beneficiaries/{id}/consents", id)
                    .then().statusCode(201);

            ConsumerRecord<String, byte[]> record = topic.await(r -> id.equals(r.key())
                    && "atensi.beneficiary.consent-changed.v1".equals(TopicReader.header(r, "ce_type"))
                    && TopicReader.value(r).contains("false"), Duration.ofSeconds(20));
            assertTrue(TopicReader.value(record).contains("PARTNER_SHARING"));
        }
        given().auth().oauth2(TestTokens.auditor()).when().get("/api/v1/beneficiaries/{id}/consents", id)
                .then().statusCode(200)
                .body("given", contains(true, false))
                .body("recordedBy", everyItem(notNullValue()))
                .body("evidence.formReference", contains("FORM/2026/GIVEN", null))
                .body("evidence.documentSha256", contains(null, "ab".repeat(32)));
    }

    @Test
    void consentWithoutPurposeOrAnswerIsAFieldError() {
        String id = BeneficiaryFixtures.registerFull("Iis Dahlia", NikFixtures.woman(), TestTokens.UNIT_A).path("id");
        given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/beneficiaries/{id}/consents", id)
                .then().statusCode(400)
                .body("errors.field", hasItem("purpose"))
                .body("errors.field", hasItem("given"));
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON)
                .body(ConsentFixtures.body("PARTNER_SHARING", true))
                .when().post("/api/v1/beneficiaries/{id}/consents", id)
                .then().statusCode(403);
    }
}
