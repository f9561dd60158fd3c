package id.atensi.aid;

import id.atensi.testing.MovableClock;
import id.atensi.testing.TestTokens;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Aid programmes and catalogue items opened through the API as tests need them, and the call every test makes them with. */
public final class ProgrammeFixtures {

    private ProgrammeFixtures() {
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType("application/json");
    }

    public static Map<String, Object> share(String kind, long amount) {
        return Map.of("kind", kind, "amountIdr", amount);
    }

    /** Today in Jakarta, as the service sees it when no test moved its clock. */
    public static LocalDate today() {
        return LocalDate.now(MovableClock.ZONE);
    }

    /** A programme request running from a year ago to a year ahead: open whenever the tests run. */
    public static Map<String, Object> programmeRequest(String name, List<Map<String, Object>> shares) {
        return Map.of("name", name, "kind", "SOCIAL_AID", "periodStart", today().minusYears(1).toString(),
                "periodEnd", today().plusYears(1).toString(), "fundingSources", shares);
    }

    /** Opens a programme funded by the state budget alone; answers its id and its funding source's id. */
    public static String[] programme(long budget) {
        var response = as(TestTokens.admin()).body(programmeRequest("Programme " + UUID.randomUUID(), List.of(share("STATE_BUDGET", budget))))
                .post("/api/v1/aid/programmes").then().statusCode(201).extract();
        return new String[] {response.path("id"), response.path("fundingSources[0].id")};
    }

    public static String item(String category, long amount) {
        return as(TestTokens.officer()).body(Map.of("code", "IT-" + UUID.randomUUID(), "name", "Item", "unit", "unit",
                        "category", category, "amountIdr", amount))
                .post("/api/v1/aid/items").then().statusCode(201).extract().path("id");
    }

    public static ValidatableResponse programmeView(String programmeId) {
        return as(TestTokens.officer()).get("/api/v1/aid/programmes/{id}", programmeId).then().statusCode(200);
    }
}
