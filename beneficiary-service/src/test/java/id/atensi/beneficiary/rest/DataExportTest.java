package id.atensi.beneficiary.rest;

import com.sun.net.httpserver.HttpServer;
import id.atensi.beneficiary.BeneficiaryFixtures;
import id.atensi.beneficiary.NikFixtures;
import id.atensi.beneficiary.ServiceUnitFixtures;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The right of access: the export gathers this service's part and the parts of the training and aid services. Those two
 * are stood in for by HTTP servers on the addresses the test profile names (the system tests ask the real ones); they
 * answer only with the bearer token the export was requested with.
 */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "beneficiary"))
class DataExportTest {

    private static final Map<String, Integer> STATUS_BY_HOLDER = new ConcurrentHashMap<>();
    private static final Map<String, String> TOKEN_SEEN_BY_HOLDER = new ConcurrentHashMap<>();
    private static HttpServer training;
    private static HttpServer aid;

    @BeforeAll
    static void holdersAnswer() throws IOException {
        training = holder("training", 18931, "{\"enrolments\": [{\"classId\": \"c-1\", \"note\": \"<script>alert(1)</script>\"}]}");
        aid = holder("aid", 18932, "{\"distributions\": [{\"amountIdr\": 325000}]}");
    }

    @AfterAll
    static void holdersStop() {
        training.stop(0);
        aid.stop(0);
    }

    private static HttpServer holder(String name, int port, String part) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/internal/v1/data-subjects/", exchange -> {
            TOKEN_SEEN_BY_HOLDER.put(name, String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = part.getBytes(StandardCharsets.UTF_8);
            int status = STATUS_BY_HOLDER.getOrDefault(name, 200);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    @BeforeEach
    void everyHolderAnswers() {
        ServiceUnitFixtures.standard();
        STATUS_BY_HOLDER.clear();
        TOKEN_SEEN_BY_HOLDER.clear();
    }

    private static ExtractableResponse<Response> finished(String beneficiaryId, String exportId) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            ExtractableResponse<Response> export = given().auth().oauth2(TestTokens.officer())
                    .when().get("/api/v1/beneficiaries/{id}/data-exports/{exportId}", beneficiaryId, exportId)
                    .then().statusCode(200).extract();
            if (!"RUNNING".equals(export.path("status")) || Instant.now().isAfter(deadline)) {
                return export;
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }

    @Test
    void theCopyHoldsEveryServicesPartAndPrintsSafely() {
        String nik = NikFixtures.woman();
        String id = BeneficiaryFixtures.registerFull("Sumirah Salinan", nik, TestTokens.UNIT_A).path("id");
        String officer = TestTokens.officer();
        String exportId = given().auth().oauth2(officer)
                .when().post("/api/v1/beneficiaries/{id}/data-exports", id)
                .then().statusCode(202).header("Location", containsString("/data-exports/"))
                .body("status", equalTo("RUNNING")).body("partsTotal", equalTo(3))
                .extract().path("id");

        ExtractableResponse<Response> export = finished(id, exportId);
        assertEquals("DONE", export.path("status"), export.asString());
        assertEquals(3, (int) export.path("partsDone"));
        assertEquals("Bearer " + officer, TOKEN_SEEN_BY_HOLDER.get("training"));
        assertEquals("Bearer " + officer, TOKEN_SEEN_BY_HOLDER.get("aid"));

        given().auth().oauth2(officer).accept("application/json")
                .when().get("/api/v1/beneficiaries/{id}/data-exports/{exportId}/document", id, exportId)
                .then().statusCode(200)
                .body("beneficiary.record.fullName", equalTo("Sumirah Salinan"))
                .body("beneficiary.record.nik", equalTo(nik))
                .body("beneficiary.record", not(org.hamcrest.Matchers.hasKey("nikCipher")))
                .body("beneficiary.timeline.kind", hasItem("registered"))
                .body("training.enrolments[0].classId", equalTo("c-1"))
                .body("aid.distributions[0].amountIdr", equalTo(325000));
        given().auth().oauth2(officer).accept("text/html")
                .when().get("/api/v1/beneficiaries/{id}/data-exports/{exportId}/document", id, exportId)
                .then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("Sumirah Salinan"))
                .body(containsString("&lt;script&gt;"))
                .body(not(containsString("<script>")));
        Map<String, String> answerByAccept = new TreeMap<>();
        for (String accept : List.of("TEXT/HTML", "application/json;q=0.5, text/html", "text/*, application/json;q=0.9",
                "*/*", "text/html;q=0.2, application/*", "application/json, text/html", "application/json;q=0, */*;q=0.1")) {
            Response answer = given().auth().oauth2(officer).header("Accept", accept)
                    .when().get("/api/v1/beneficiaries/{id}/data-exports/{exportId}/document", id, exportId);
            answerByAccept.put(accept, answer.statusCode() + " " + answer.contentType().replaceFirst(";.*", ""));
        }
        assertEquals(new TreeMap<>(Map.of(
                "TEXT/HTML", "200 text/html",
                "application/json;q=0.5, text/html", "200 text/html",
                "text/*, application/json;q=0.9", "200 text/html",
                "*/*", "200 application/json",
                "text/html;q=0.2, application/*", "200 application/json",
                "application/json, text/html", "200 application/json",
                "application/json;q=0, */*;q=0.1", "200 text/html")), answerByAccept);
        for (String neither : List.of("application/pdf", "application/json;q=0, text/html;q=0")) {
            given().auth().oauth2(officer).header("Accept", neither)
                    .when().get("/api/v1/beneficiaries/{id}/data-exports/{exportId}/document", id, exportId)
                    .then().statusCode(406).contentType("application/problem+json").body("code", equalTo("not-acceptable"))
                    .header("Vary", containsString("Accept"));
        }
        for (String badQuality : List.of("text/html;q=2", "application/json;q=0.5000")) {
            given().auth().oauth2(officer).header("Accept", badQuality)
                    .when().get("/api/v1/beneficiaries/{id}/data-exports/{exportId}/document", id, exportId)
                    .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("Accept"))
                    .header("Vary", containsString("Accept"));
        }
        given().auth().oauth2(officer).header("Accept", "text/html")
                .when().get("/api/v1/beneficiaries/{id}/data-exports/{exportId}/document", id, exportId)
                .then().statusCode(200).header("Vary", containsString("Accept"));
        given().auth().oauth2(TestTokens.auditor()).queryParam("beneficiaryId", id)
                .when().get("/api/v1/beneficiaries/audit")
                .then().statusCode(200).body("items.action", hasItem("data-export"));
    }

    @Test
    void aServiceThatCannotGiveItsPartFailsTheJobNamingIt() {
        STATUS_BY_HOLDER.put("aid", 503);
        String id = BeneficiaryFixtures.registerFull("Sumirah Gagal", NikFixtures.woman(), TestTokens.UNIT_A).path("id");
        String exportId = given().auth().oauth2(TestTokens.officer())
                .when().post("/api/v1/beneficiaries/{id}/data-exports", id).then().statusCode(202).extract().path("id");

        ExtractableResponse<Response> export = finished(id, exportId);
        assertEquals("FAILED", export.path("status"), export.asString());
        assertEquals("the aid service answered 503", export.path("failure"));
        assertEquals(2, (int) export.path("partsDone"));
        given().auth().oauth2(TestTokens.officer())
                .when().get("/api/v1/beneficiaries/{id}/data-exports/{exportId}/document", id, exportId)
                .then().statusCode(409).body("currentStatus", equalTo("FAILED"));
    }

    @Test
    void aServiceHoldingNothingOnThePersonSaysSoInItsPart() {
        STATUS_BY_HOLDER.put("training", 404);
        String id = BeneficiaryFixtures.registerFull("Sumirah Kosong", NikFixtures.woman(), TestTokens.UNIT_A).path("id");
        String exportId = given().auth().oauth2(TestTokens.officer())
                .when().post("/api/v1/beneficiaries/{id}/data-exports", id).then().statusCode(202).extract().path("id");
        assertEquals("DONE", finished(id, exportId).path("status"));
        given().auth().oauth2(TestTokens.officer()).accept("application/json")
                .when().get("/api/v1/beneficiaries/{id}/data-exports/{exportId}/document", id, exportId)
                .then().statusCode(200)
                .body("training.nothingHeld", equalTo(true))
                .body("aid.distributions[0].amountIdr", equalTo(325000));
    }

    @Test
    void onlyTheServingUnitAndAdminsAskAndNoOneElseSeesTheExport() {
        String id = BeneficiaryFixtures.registerFull("Sumirah Rahasia", NikFixtures.woman(), TestTokens.UNIT_A).path("id");
        for (String caller : List.of(TestTokens.viewer(), TestTokens.auditor(), TestTokens.partner(ServiceUnitFixtures.fresh()))) {
            given().auth().oauth2(caller).when().post("/api/v1/beneficiaries/{id}/data-exports", id).then().statusCode(403);
        }
        given().auth().oauth2(TestTokens.officer(TestTokens.UNIT_B))
                .when().post("/api/v1/beneficiaries/{id}/data-exports", id).then().statusCode(404);
        String exportId = given().auth().oauth2(TestTokens.admin())
                .when().post("/api/v1/beneficiaries/{id}/data-exports", id).then().statusCode(202).extract().path("id");
        given().auth().oauth2(TestTokens.officer(TestTokens.UNIT_B))
                .when().get("/api/v1/beneficiaries/{id}/data-exports/{exportId}", id, exportId).then().statusCode(404);
        String other = BeneficiaryFixtures.registerFull("Sumirah Lain", NikFixtures.woman(), TestTokens.UNIT_A).path("id");
        given().auth().oauth2(TestTokens.officer())
                .when().get("/api/v1/beneficiaries/{id}/data-exports/{exportId}", other, exportId).then().statusCode(404);
        finished(id, exportId);
    }
}
