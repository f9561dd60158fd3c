package id.atensi.beneficiary;

import id.atensi.testing.TestTokens;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;

/** Consent records as the serving unit's officer makes them, with a signed form as evidence. */
public final class ConsentFixtures {

    private ConsentFixtures() {
    }

    public static String body(String purpose, boolean given) {
        return """
                {"purpose": "%s", "given": %s, "evidence": {"formReference": "FORM/2026/%s"}}
                """.formatted(purpose, given, given ? "GIVEN" : "WITHDRAWN");
    }

    public static void give(String beneficiaryId, String purpose) {
        record(beneficiaryId, purpose, true);
    }

    public static void withdraw(String beneficiaryId, String purpose) {
        record(beneficiaryId, purpose, false);
    }

    private static void record(String beneficiaryId, String purpose, boolean given) {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(body(purpose, given))
                .when().post("/api/v1/beneficiaries/{id}/consents", beneficiaryId)
                .then().statusCode(201);
    }
}
