package id.atensi.beneficiary;

import id.atensi.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

import static io.restassured.RestAssured.given;

/** People registered through the API as tests need them: the four required fields, or the whole record. */
public final class BeneficiaryFixtures {

    private BeneficiaryFixtures() {
    }

    /** Registers a person by an officer of {@code TestTokens.UNIT_A}, with the four required fields; answers the id. */
    public static String register(String name, String nik, String birthDate, String sex) {
        return given().auth().oauth2(TestTokens.officer())
                .contentType(ContentType.JSON)
                .body(registration(name, nik, birthDate, sex))
                .when().post("/api/v1/beneficiaries")
                .then().statusCode(201)
                .extract().path("id");
    }

    public static String registration(String name, String nik, String birthDate, String sex) {
        return """
                {"fullName": "%s", "nik": "%s", "birthDate": "%s", "sex": "%s"}
                """.formatted(name, nik, birthDate, sex);
    }

    /** A woman's whole record, as the request of a registration or an update; {@code kk} and the village vary. */
    public static String fullRecord(String name, String nik, String kk, String village, String unit, String... partners) {
        String partnerIds = partners.length == 0 ? "[]" : "[\"" + String.join("\",\"", partners) + "\"]";
        return """
                {"fullName": "%s", "nik": "%s", "kkNumber": "%s", "birthPlace": "Bogor", "birthDate": "%s", "sex": "FEMALE",
                 "address": {"provinceCode": "32", "regencyCode": "32.01", "districtCode": "32.01.01", "villageCode": "%s",
                             "line": "Jl. Merdeka 1"},
                 "phone": "+6281234567890", "welfareId": "DTSEN-001", "clusters": ["PERSONS_WITH_DISABILITIES", "ELDERLY"],
                 "disabilityTypes": ["SENSORY_BLIND"], "approach": "FAMILY", "serviceUnitId": "%s", "partnerIds": %s}
                """.formatted(name, nik, kk, NikFixtures.WOMAN_BIRTH_DATE, village, unit, partnerIds);
    }

    public static ExtractableResponse<Response> registerFull(String name, String nik, String unit, String... partners) {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(fullRecord(name, nik, "3201010101200001", "32.01.01.1001", unit, partners))
                .when().post("/api/v1/beneficiaries")
                .then().statusCode(201).extract();
    }
}
