package id.atensi.aid;

import id.atensi.testing.TestTokens;
import id.atensi.testing.TopicWriter;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Test fixtures of the aid service: programmes, items, beneficiaries and distributions through the API. */
final class Aid {

    static final String APPROVER = TestTokens.forRoles("approver-officer", null, "officer");
    static final String PROOF_SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private Aid() {
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType("application/json");
    }

    static Map<String, Object> share(String kind, long amount) {
        return Map.of("kind", kind, "amountIdr", amount);
    }

    /** Opens a programme funded by the state budget alone; answers its id and its funding source's id. */
    static String[] programme(long budget) {
        var response = as(TestTokens.officer()).body(Map.of("name", "Programme " + UUID.randomUUID(), "kind", "SOCIAL_AID",
                        "periodStart", "2026-01-01", "periodEnd", "2026-12-31", "fundingSources", List.of(share("STATE_BUDGET", budget))))
                .post("/api/v1/aid/programmes").then().statusCode(201).extract();
        return new String[] {response.path("id"), response.path("fundingSources[0].id")};
    }

    static String item(String category, long amount) {
        return as(TestTokens.officer()).body(Map.of("code", "IT-" + UUID.randomUUID(), "name", "Item", "unit", "unit",
                        "category", category, "amountIdr", amount))
                .post("/api/v1/aid/items").then().statusCode(201).extract().path("id");
    }

    static Map<String, Object> proposal(String[] programme, String kind, String recipientId, String itemId, long quantity) {
        return Map.of("programmeId", programme[0], "fundingSourceId", programme[1], "recipientKind", kind,
                "recipientId", recipientId, "lines", List.of(Map.of("itemId", itemId, "quantity", quantity)));
    }

    static ValidatableResponse propose(String token, Map<String, Object> proposal) {
        return as(token).body(proposal).post("/api/v1/aid/distributions").then();
    }

    /** A household distribution proposed by the officer: households are accepted unverified. */
    static String proposed(String[] programme, String itemId, long quantity) {
        return propose(TestTokens.officer(), proposal(programme, "HOUSEHOLD", UUID.randomUUID().toString(), itemId, quantity))
                .statusCode(201).extract().path("id");
    }

    static ValidatableResponse act(String token, String distributionId, String action) {
        return as(token).post("/api/v1/aid/distributions/{id}/" + action, distributionId).then();
    }

    static ValidatableResponse act(String token, String distributionId, String action, Object body) {
        return as(token).body(body).post("/api/v1/aid/distributions/{id}/" + action, distributionId).then();
    }

    static Map<String, Object> proof() {
        return Map.of("receivedBy", "Ketua kelompok", "receivedAt", "2026-03-05T10:00:00+07:00", "place", "Bantargebang, Bekasi",
                "latitude", -6.35, "longitude", 106.99, "fileReference", "s3://atensi-proofs/photo-1.jpg", "fileSha256", PROOF_SHA);
    }

    static Map<String, Object> delivery() {
        return Map.of("proof", proof());
    }

    static ValidatableResponse programmeView(String programmeId) {
        return as(TestTokens.officer()).get("/api/v1/aid/programmes/{id}", programmeId).then().statusCode(200);
    }

    /** Registers a beneficiary through the beneficiary topic and waits until the aid service knows it. */
    static String beneficiary(String status) {
        String id = UUID.randomUUID().toString();
        try (TopicWriter topic = TopicWriter.create()) {
            topic.cloudEvent("atensi.beneficiary.events", UUID.randomUUID().toString(), "atensi.beneficiary.registered.v1",
                    "/atensi/beneficiary", id, """
                            {"beneficiaryId":"%s","fullName":"Penerima","status":"%s","registeredAt":"2026-01-05T08:00:00+07:00"}
                            """.formatted(id, status).strip());
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(TestTokens.officer())
                .get("/api/v1/aid/recipients/beneficiaries/{id}", id).then().statusCode(200));
        return id;
    }
}
