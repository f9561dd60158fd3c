package id.atensi.beneficiary.service;

import id.atensi.beneficiary.ConsentFixtures;
import id.atensi.beneficiary.BeneficiaryFixtures;
import id.atensi.beneficiary.NikFixtures;
import id.atensi.beneficiary.PartnerFixtures;
import id.atensi.beneficiary.ServiceUnitFixtures;
import id.atensi.local.Tokens;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Object-level access (issue 9): an officer of UNIT_A and a partner reach only their own people, households, groups,
 * imports and duplicate pairs; out of reach is 404 (no existence leak) and filtered from lists; naming another unit
 * is 403; a unit the partner read model does not know, or knows as inactive, is a field error.
 */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "beneficiary"))
class BeneficiaryAccessTest {

    private static final String A = TestTokens.UNIT_A;
    private static final String B = TestTokens.UNIT_B;

    @BeforeEach
    void serviceUnitsAreKnown() {
        ServiceUnitFixtures.standard();
    }

    private static String person(String token, String name, String unitJson) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("""
                        {"fullName": "%s", "nik": "%s", "birthDate": "%s", "sex": "MALE", "serviceUnitId": %s}
                        """.formatted(name, NikFixtures.man(), NikFixtures.MAN_BIRTH_DATE, unitJson))
                .when().post("/api/v1/beneficiaries").then().statusCode(201).extract().path("id");
    }

    private static String inUnit(String unit, String name) {
        return person(TestTokens.admin(), name, "\"" + unit + "\"");
    }

    private static String kk() {
        return "3201" + "%012d".formatted(ThreadLocalRandom.current().nextLong(1, 999_999_999_999L));
    }

    @Test
    void anOfficerRegistersInItsOwnUnitByDefaultAndNeverForAnother() {
        String id = person(TestTokens.officer(), "Ujang Suparman", "null");
        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/beneficiaries/{id}", id)
                .then().statusCode(200).body("serviceUnitId", equalTo(A));
        given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON)
                .body(BeneficiaryFixtures.registration("Ujang Lain", NikFixtures.man(), NikFixtures.MAN_BIRTH_DATE, "MALE")
                        .replace("}", ", \"serviceUnitId\": \"" + B + "\"}"))
                .when().post("/api/v1/beneficiaries")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void anOfficerOfAnotherUnitGets404OnEveryOperationOnThePerson() {
        String theirs = inUnit(B, "Dadang Sunarya");
        String officerA = TestTokens.officer();
        given().auth().oauth2(officerA).when().get("/api/v1/beneficiaries/{id}", theirs)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(officerA).header("If-Match", "\"0\"").contentType(ContentType.JSON)
                .body(BeneficiaryFixtures.registration("Dadang Sunarya", NikFixtures.man(), NikFixtures.MAN_BIRTH_DATE, "MALE"))
                .when().put("/api/v1/beneficiaries/{id}", theirs).then().statusCode(404);
        given().auth().oauth2(officerA).contentType(ContentType.JSON)
                .body("{\"status\": \"TERMINATED\", \"reason\": \"not ours\"}")
                .when().post("/api/v1/beneficiaries/{id}/status", theirs).then().statusCode(404);
        given().auth().oauth2(officerA).contentType(ContentType.JSON)
                .body("{\"assessedOn\": \"2025-01-02\", \"needs\": [{\"service\": \"THERAPY\", \"need\": \"x\"}]}")
                .when().post("/api/v1/beneficiaries/{id}/assessments", theirs).then().statusCode(404);
        for (String part : new String[] {"timeline", "assessments", "consents", "intervention-plan", "transfers"}) {
            given().auth().oauth2(officerA).when().get("/api/v1/beneficiaries/{id}/" + part, theirs).then().statusCode(404);
        }
        given().auth().oauth2(TestTokens.officer(B)).when().get("/api/v1/beneficiaries/{id}", theirs).then().statusCode(200);
    }

    @Test
    void listsAndCountsShowAnOfficerOnlyItsUnit() {
        String ours = inUnit(A, "Cecep Gunawan Listed");
        String theirs = inUnit(B, "Cecep Gunawan Listed");
        given().auth().oauth2(TestTokens.officer()).queryParam("name", "cecep gunawan listed").queryParam("size", 200)
                .when().get("/api/v1/beneficiaries")
                .then().statusCode(200)
                .body("items.id", hasItem(ours))
                .body("items.id", not(hasItem(theirs)))
                .body("items.serviceUnitId", everyItem(equalTo(A)));
        given().auth().oauth2(TestTokens.officer()).queryParam("serviceUnitId", B).when().get("/api/v1/beneficiaries")
                .then().statusCode(200).body("total", equalTo(0));
        given().auth().oauth2(TestTokens.officer()).queryParam("by", "serviceUnit").when().get("/api/v1/beneficiaries/counts")
                .then().statusCode(200).body("counts.key", contains(A));
    }

    @Test
    void aPartnerReachesOnlyThePeopleItServes() {
        String partnerA = PartnerFixtures.fresh();
        String partnerB = PartnerFixtures.fresh();
        String ofB = person(TestTokens.partner(partnerB), "Asep Partner B", "null");
        String ofA = person(TestTokens.partner(partnerA), "Asep Partner A", "null");
        ConsentFixtures.give(ofA, "PARTNER_SHARING");
        ConsentFixtures.give(ofB, "PARTNER_SHARING");
        given().auth().oauth2(TestTokens.partner(partnerA)).when().get("/api/v1/beneficiaries/{id}", ofB).then().statusCode(404);
        given().auth().oauth2(TestTokens.partner(partnerA)).when().get("/api/v1/beneficiaries/{id}/timeline", ofB).then().statusCode(404);
        given().auth().oauth2(TestTokens.partner(partnerA)).queryParam("name", "asep partner").when().get("/api/v1/beneficiaries")
                .then().statusCode(200).body("items.id", contains(ofA));
    }

    @Test
    void theSendingOfficerTransfersAPersonWhoThenLeavesItsReach() {
        String id = inUnit(A, "Entis Sutisna");
        given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON)
                .body("{\"kind\": \"TRANSFER\", \"serviceUnitId\": \"" + B + "\"}")
                .when().post("/api/v1/beneficiaries/{id}/transfers", id)
                .then().statusCode(201).body("toUnitId", equalTo(B));
        given().auth().oauth2(TestTokens.officer()).when().get("/api/v1/beneficiaries/{id}", id).then().statusCode(404);
        given().auth().oauth2(TestTokens.officer(B)).when().get("/api/v1/beneficiaries/{id}/transfers", id)
                .then().statusCode(200).body("fromUnitId", contains(A));
    }

    @Test
    void anUnknownOrInactiveServiceUnitIsRefusedNamingTheField() {
        String unknown = UUID.randomUUID().toString();
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(BeneficiaryFixtures.registration("Odah Unknown", NikFixtures.woman(), NikFixtures.WOMAN_BIRTH_DATE, "FEMALE")
                        .replace("}", ", \"serviceUnitId\": \"" + unknown + "\"}"))
                .when().post("/api/v1/beneficiaries")
                .then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("unprocessable"))
                .body("errors.field", contains("serviceUnitId"))
                .body("errors.message", contains("service unit " + unknown + " is not known"));
        String inactive = ServiceUnitFixtures.inactive();
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(BeneficiaryFixtures.registration("Odah Inactive", NikFixtures.woman(), NikFixtures.WOMAN_BIRTH_DATE, "FEMALE")
                        .replace("}", ", \"serviceUnitId\": \"" + inactive + "\"}"))
                .when().post("/api/v1/beneficiaries")
                .then().statusCode(422).body("errors.message", contains("service unit " + inactive + " is inactive"));
        String id = inUnit(A, "Odah Transfer");
        given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON)
                .body("{\"kind\": \"REFERRAL\", \"serviceUnitId\": \"" + unknown + "\"}")
                .when().post("/api/v1/beneficiaries/{id}/transfers", id)
                .then().statusCode(422).body("errors.field", contains("serviceUnitId"));
    }

    @Test
    void householdsBelongToTheOfficersUnitAndAreHiddenFromOthers() {
        String head = person(TestTokens.officer(), "Karta Kepala", "null");
        String id = given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON)
                .body("{\"kkNumber\": \"" + kk() + "\", \"members\": [{\"beneficiaryId\": \"" + head + "\", \"relationship\": \"HEAD\"}]}")
                .when().post("/api/v1/households").then().statusCode(201).body("serviceUnitId", equalTo(A)).extract().path("id");
        String officerB = TestTokens.officer(B);
        given().auth().oauth2(officerB).when().get("/api/v1/households/{id}", id).then().statusCode(404);
        given().auth().oauth2(officerB).contentType(ContentType.JSON)
                .body("{\"beneficiaryId\": \"" + inUnit(B, "Karta Anak") + "\", \"relationship\": \"CHILD\"}")
                .when().post("/api/v1/households/{id}/members", id).then().statusCode(404);
        given().auth().oauth2(officerB).when().delete("/api/v1/households/{id}/members/{b}", id, head).then().statusCode(404);
        given().auth().oauth2(TestTokens.officer()).when().get("/api/v1/households/{id}", id).then().statusCode(200);
        String other = person(TestTokens.officer(), "Karta Lain", "null");
        given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON)
                .body("{\"kkNumber\": \"" + kk() + "\", \"serviceUnitId\": \"" + B + "\", \"members\": [{\"beneficiaryId\": \"" + other
                        + "\", \"relationship\": \"HEAD\"}]}")
                .when().post("/api/v1/households").then().statusCode(403);
    }

    @Test
    void communityGroupsAreScopedToTheOfficersUnitAndTheCoachingPartner() {
        String partner = PartnerFixtures.fresh();
        String coordinator = person(TestTokens.officer(), "Komar Koordinator", "null");
        String id = given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON)
                .body("""
                        {"name": "Komunitas Akses", "coachingPartnerId": "%s", "memberIds": ["%s"], "coordinatorId": "%s"}"""
                        .formatted(partner, coordinator, coordinator))
                .when().post("/api/v1/community-groups").then().statusCode(201).body("serviceUnitId", equalTo(A)).extract().path("id");
        String officerB = TestTokens.officer(B);
        given().auth().oauth2(officerB).when().get("/api/v1/community-groups/{id}", id).then().statusCode(404);
        given().auth().oauth2(officerB).contentType(ContentType.JSON).body("{\"beneficiaryId\": \"" + inUnit(B, "Komar B") + "\"}")
                .when().post("/api/v1/community-groups/{id}/members", id).then().statusCode(404);
        given().auth().oauth2(officerB).queryParam("coachingPartnerId", partner).when().get("/api/v1/community-groups")
                .then().statusCode(200).body("total", equalTo(0));
        given().auth().oauth2(TestTokens.officer()).queryParam("coachingPartnerId", partner).when().get("/api/v1/community-groups")
                .then().statusCode(200).body("items.id", contains(id));
        given().auth().oauth2(TestTokens.partner(partner)).when().get("/api/v1/community-groups/{id}", id).then().statusCode(200);
        given().auth().oauth2(TestTokens.partner(UUID.randomUUID().toString())).when().get("/api/v1/community-groups/{id}", id)
                .then().statusCode(404);
    }

    @Test
    void anImportBelongsToTheUploadingUnitAndRegistersItsRowsThere() throws InterruptedException {
        String name = "Impor Unit " + UUID.randomUUID().toString().substring(0, 6);
        String id = given().auth().oauth2(TestTokens.officer()).contentType("text/csv")
                .body("fullName,nik,birthDate,sex\n" + name + "," + NikFixtures.man() + "," + NikFixtures.MAN_BIRTH_DATE + ",MALE\n")
                .when().post("/api/v1/beneficiary-imports").then().statusCode(202).extract().path("id");
        given().auth().oauth2(TestTokens.officer(B)).when().get("/api/v1/beneficiary-imports/{id}", id).then().statusCode(404);
        Instant deadline = Instant.now().plusSeconds(30);
        while (!"DONE".equals(given().auth().oauth2(TestTokens.officer()).when().get("/api/v1/beneficiary-imports/{id}", id)
                .then().statusCode(200).extract().path("status"))) {
            if (Instant.now().isAfter(deadline)) {
                fail("import " + id + " did not finish");
            }
            Thread.sleep(100);
        }
        given().auth().oauth2(TestTokens.admin()).queryParam("name", name).when().get("/api/v1/beneficiaries")
                .then().statusCode(200).body("items.serviceUnitId", contains(A));
    }

    @Test
    void anOfficerSeesDuplicatePairsTouchingItsUnitButResolvesOnlyPairsWhollyInIt() {
        String suffix = ThreadLocalRandom.current().ints(6, 'a', 'z' + 1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        String mine = registeredFull("Rosita Anggraini " + suffix, A);
        registeredFull("Rosita Anggraeni " + suffix, B);
        String candidate = given().auth().oauth2(TestTokens.admin()).queryParam("beneficiaryId", mine)
                .when().get("/api/v1/duplicate-candidates").then().statusCode(200).body("total", equalTo(1))
                .extract().path("items[0].id");
        given().auth().oauth2(TestTokens.officer()).queryParam("beneficiaryId", mine).when().get("/api/v1/duplicate-candidates")
                .then().statusCode(200).body("items.id", contains(candidate));
        given().auth().oauth2(TestTokens.officer()).when().post("/api/v1/duplicate-candidates/{id}/dismiss", candidate)
                .then().statusCode(403).contentType("application/problem+json");
        String elsewhere = ServiceUnitFixtures.fresh();
        given().auth().oauth2(TestTokens.officer(elsewhere)).queryParam("beneficiaryId", mine).when().get("/api/v1/duplicate-candidates")
                .then().statusCode(200).body("total", equalTo(0));
        given().auth().oauth2(TestTokens.officer(elsewhere)).when().post("/api/v1/duplicate-candidates/{id}/dismiss", candidate)
                .then().statusCode(404);
        given().auth().oauth2(TestTokens.admin()).when().post("/api/v1/duplicate-candidates/{id}/dismiss", candidate)
                .then().statusCode(200);
    }

    private static String registeredFull(String name, String unit) {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(BeneficiaryFixtures.fullRecord(name, NikFixtures.woman(), "3201010101200001", "32.01.01.1001", unit))
                .when().post("/api/v1/beneficiaries").then().statusCode(201).extract().path("id");
    }

    @Test
    void theAuditTrailIsForAuditorsAndAdminsOnly() {
        given().auth().oauth2(TestTokens.officer()).when().get("/api/v1/beneficiaries/audit")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.auditor()).when().get("/api/v1/beneficiaries/audit").then().statusCode(200);
    }

    @Test
    void aTokenForAnotherAudienceIsRefusedWith401() {
        given().auth().oauth2(TestTokens.scoped("x", Tokens.Scope.none().withAudience("another-platform"), "admin"))
                .when().get("/api/v1/beneficiaries")
                .then().statusCode(401).contentType("application/problem+json");
    }
}
