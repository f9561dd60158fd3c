package id.atensi.beneficiary.rest;

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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "beneficiary"))
class DuplicateCandidateTest {

    private static String candidateOf(String beneficiaryId) {
        return given().auth().oauth2(TestTokens.admin()).queryParam("beneficiaryId", beneficiaryId)
                .when().get("/api/v1/duplicate-candidates")
                .then().statusCode(200)
                .body("items", hasSize(1))
                .extract().path("items[0].id");
    }

    @BeforeEach
    void serviceUnitsAreKnown() {
        ServiceUnitFixtures.standard();
    }

    @Test
    void aSimilarNameWithTheSameBirthDateAndRegionIsACandidateAndCanBeMerged() {
        String unit = ServiceUnitFixtures.fresh();
        String partnerA = PartnerFixtures.fresh();
        String partnerB = PartnerFixtures.fresh();
        String first = BeneficiaryFixtures.registerFull("Siti Rohmah Wulandari", NikFixtures.woman(), unit, partnerA).path("id");
        String second = BeneficiaryFixtures.registerFull("Siti Rochmah Woelandari", NikFixtures.woman(), unit, partnerB).path("id");
        String candidate = candidateOf(second);

        try (TopicReader topic = TopicReader.of("atensi.beneficiary.events")) {
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                    .body("{\"survivorId\": \"" + first + "\"}")
                    .when().post("/api/v1/duplicate-candidates/{id}/merge", candidate)
                    .then().statusCode(200)
                    .body("status", equalTo("MERGED"))
                    .body("survivorId", equalTo(first));
            ConsumerRecord<String, byte[]> record = topic.await(r -> second.equals(r.key())
                    && "atensi.beneficiary.merged.v1".equals(TopicReader.header(r, "ce_type")), Duration.ofSeconds(20));
            assertTrue(TopicReader.value(record).contains(first));
        }
        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/beneficiaries/{id}", second)
                .then().statusCode(200).body("mergedInto", equalTo(first));
        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/beneficiaries/{id}", first)
                .then().statusCode(200).body("partnerIds", containsInAnyOrder(partnerA, partnerB));
        given().auth().oauth2(TestTokens.admin()).queryParam("serviceUnitId", unit)
                .when().get("/api/v1/beneficiaries")
                .then().statusCode(200).body("items.id", org.hamcrest.Matchers.contains(first));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"survivorId\": \"" + first + "\"}")
                .when().post("/api/v1/duplicate-candidates/{id}/merge", candidate)
                .then().statusCode(409)
                .body("currentStatus", equalTo("MERGED"))
                .body("requestedStatus", equalTo("MERGED"))
                .body("allowedTransitions", hasSize(0));
        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/beneficiaries/{id}/timeline", second)
                .then().body("kind", hasItem("merged"));
    }

    @Test
    void aDismissedPairIsNotProposedAgain() {
        String unit = ServiceUnitFixtures.fresh();
        String nik = NikFixtures.woman();
        BeneficiaryFixtures.registerFull("Nur Aini Kusuma", NikFixtures.woman(), unit);
        String second = BeneficiaryFixtures.registerFull("Nur Aeni Kusuma", nik, unit).path("id");
        String candidate = candidateOf(second);
        given().auth().oauth2(TestTokens.admin()).when().post("/api/v1/duplicate-candidates/{id}/dismiss", candidate)
                .then().statusCode(200).body("status", equalTo("DISMISSED"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(BeneficiaryFixtures.fullRecord("Nur Aeni Kusumah", nik, "3201010101200001", "32.01.01.1001", unit))
                .when().put("/api/v1/beneficiaries/{id}", second)
                .then().statusCode(200);
        given().auth().oauth2(TestTokens.admin()).queryParam("beneficiaryId", second)
                .when().get("/api/v1/duplicate-candidates")
                .then().statusCode(200).body("items", hasSize(0));
        given().auth().oauth2(TestTokens.admin()).when().post("/api/v1/duplicate-candidates/{id}/dismiss", candidate)
                .then().statusCode(409)
                .body("currentStatus", equalTo("DISMISSED"))
                .body("requestedStatus", equalTo("DISMISSED"))
                .body("allowedTransitions", hasSize(0));
    }

    @Test
    void differentNamesAreNoCandidatesAndTheSurvivorMustBeOfThePair() {
        String unit = ServiceUnitFixtures.fresh();
        String a = BeneficiaryFixtures.registerFull("Rukmini Sastrawidjaja", NikFixtures.woman(), unit).path("id");
        given().auth().oauth2(TestTokens.admin()).queryParam("beneficiaryId", a)
                .when().get("/api/v1/duplicate-candidates")
                .then().statusCode(200).body("items", hasSize(0));
        String b = BeneficiaryFixtures.registerFull("Rukmini Sastrawijaya", NikFixtures.woman(), unit).path("id");
        String candidate = candidateOf(b);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"survivorId\": \"" + UUID.randomUUID() + "\"}")
                .when().post("/api/v1/duplicate-candidates/{id}/merge", candidate)
                .then().statusCode(400).body("errors.field", hasItem("survivorId"));
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/duplicate-candidates").then().statusCode(403);
        given().auth().oauth2(TestTokens.partner(UUID.randomUUID().toString())).when().post("/api/v1/duplicate-candidates/{id}/dismiss", candidate)
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.admin()).when().post("/api/v1/duplicate-candidates/{id}/dismiss", UUID.randomUUID())
                .then().statusCode(404);
    }
}
