package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.BeneficiaryFixtures;
import id.atensi.beneficiary.NikFixtures;
import id.atensi.beneficiary.ServiceUnitFixtures;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "beneficiary"))
class BeneficiaryResourceTest {

    @BeforeEach
    void serviceUnitsAreKnown() {
        ServiceUnitFixtures.standard();
    }

    @Test
    void registeredBeneficiaryCanBeReadBack() {
        String nik = NikFixtures.woman();
        String id = given().auth().oauth2(TestTokens.officer())
                .contentType(ContentType.JSON)
                .body(BeneficiaryFixtures.registration("Siti Aminah", nik, NikFixtures.WOMAN_BIRTH_DATE, "FEMALE"))
                .when().post("/api/v1/beneficiaries")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/beneficiaries/"))
                .body("status", equalTo("REGISTERED"))
                .body("nik", equalTo(nik))
                .extract().path("id");

        given().auth().oauth2(TestTokens.auditor())
                .when().get("/api/v1/beneficiaries/{id}", id)
                .then().statusCode(200)
                .body("fullName", equalTo("Siti Aminah"))
                .body("birthDate", equalTo(NikFixtures.WOMAN_BIRTH_DATE))
                .body("sex", equalTo("FEMALE"));
    }

    @Test
    void viewerSeesTheNikMasked() {
        String nik = NikFixtures.woman();
        String id = BeneficiaryFixtures.register("Dewi Lestari", nik, NikFixtures.WOMAN_BIRTH_DATE, "FEMALE");

        given().auth().oauth2(TestTokens.viewer())
                .when().get("/api/v1/beneficiaries/{id}", id)
                .then().statusCode(200)
                .body("nik", equalTo(nik.substring(0, 4) + "********" + nik.substring(12)));
    }

    @Test
    void nikOfFifteenDigitsIsAFieldError() {
        given().auth().oauth2(TestTokens.officer())
                .contentType(ContentType.JSON)
                .body(BeneficiaryFixtures.registration("Budi Santoso", "320101050590001", "1990-05-05", "MALE"))
                .when().post("/api/v1/beneficiaries")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("validation"))
                .body("errors.field", hasItem("nik"))
                .body("errors.message", hasItem("must be exactly 16 digits"));
    }

    @Test
    void nikWhoseBirthDigitsDisagreeWithTheBirthDateIsAFieldError() {
        given().auth().oauth2(TestTokens.officer())
                .contentType(ContentType.JSON)
                .body(BeneficiaryFixtures.registration("Budi Santoso", "3201010605900001", "1990-05-05", "MALE"))
                .when().post("/api/v1/beneficiaries")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("nik"))
                .body("errors.message", hasItem(containsString("do not match the birth date")));
    }

    @Test
    void missingFieldsAreEachReported() {
        given().auth().oauth2(TestTokens.officer())
                .contentType(ContentType.JSON)
                .body("{\"nik\":\"3201010505900001\"}")
                .when().post("/api/v1/beneficiaries")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("fullName"))
                .body("errors.field", hasItem("birthDate"))
                .body("errors.field", hasItem("sex"));
    }

    @Test
    void malformedJsonIsAProblemNotAStackTrace() {
        given().auth().oauth2(TestTokens.officer())
                .contentType(ContentType.JSON)
                .body("{\"fullName\": \"x\", \"sex\": \"UNKNOWN\"}")
                .when().post("/api/v1/beneficiaries")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("malformed-request"))
                .body("errors.field", hasItem("sex"));
    }

    @Test
    void sameNikTwiceConflictsAndNamesTheExistingRecord() {
        String nik = NikFixtures.man();
        String first = BeneficiaryFixtures.register("Agus Salim", nik, NikFixtures.MAN_BIRTH_DATE, "MALE");

        given().auth().oauth2(TestTokens.officer())
                .contentType(ContentType.JSON)
                .body(BeneficiaryFixtures.registration("Agus Salim", nik, NikFixtures.MAN_BIRTH_DATE, "MALE"))
                .when().post("/api/v1/beneficiaries")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("conflict"))
                .body("existingId", equalTo(first));
    }

    @Test
    void unknownBeneficiaryIsNotFound() {
        given().auth().oauth2(TestTokens.officer())
                .when().get("/api/v1/beneficiaries/{id}", "5b1f3b0e-3f39-4c8e-9d7e-000000000000")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("not-found"));
    }

    @Test
    void withoutATokenTheAnswerIs401() {
        given().contentType(ContentType.JSON)
                .body(BeneficiaryFixtures.registration("Siti Aminah", NikFixtures.woman(), NikFixtures.WOMAN_BIRTH_DATE, "FEMALE"))
                .when().post("/api/v1/beneficiaries")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("code", equalTo("unauthenticated"));
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefused() {
        given().auth().oauth2(NikFixtures.FOREIGN_TOKEN)
                .when().get("/api/v1/beneficiaries/{id}", "5b1f3b0e-3f39-4c8e-9d7e-000000000000")
                .then().statusCode(401);
    }

    @Test
    void viewerCannotRegister() {
        given().auth().oauth2(TestTokens.viewer())
                .contentType(ContentType.JSON)
                .body(BeneficiaryFixtures.registration("Siti Aminah", NikFixtures.woman(), NikFixtures.WOMAN_BIRTH_DATE, "FEMALE"))
                .when().post("/api/v1/beneficiaries")
                .then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void requestIdIsEchoedAndMadeWhenAbsent() {
        given().auth().oauth2(TestTokens.officer()).header("X-Request-Id", "req-123")
                .when().get("/api/v1/beneficiaries/{id}", "5b1f3b0e-3f39-4c8e-9d7e-000000000000")
                .then().header("X-Request-Id", equalTo("req-123"))
                .body("requestId", equalTo("req-123"));
        given().auth().oauth2(TestTokens.officer())
                .when().get("/api/v1/beneficiaries/{id}", "5b1f3b0e-3f39-4c8e-9d7e-000000000000")
                .then().header("X-Request-Id", notNullValue());
    }
}
