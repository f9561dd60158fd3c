package id.atensi.aid.events;

import id.atensi.aid.events.KnownBeneficiary;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import id.atensi.testing.TopicWriter;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "aid"))
class ReplayTest {

    @Test
    void replayRebuildsALostReadModelFromTheTopic() {
        String beneficiaryId = UUID.randomUUID().toString();
        try (TopicWriter topic = TopicWriter.create()) {
            topic.cloudEvent("atensi.beneficiary.events", UUID.randomUUID().toString(), "atensi.beneficiary.registered.v1",
                    "/atensi/beneficiary", beneficiaryId, """
                            {"beneficiaryId":"%s","fullName":"Replayed Person","status":"REGISTERED","registeredAt":"2026-11-23T08:00:00Z"}
                            """.formatted(beneficiaryId));
        }
        awaitKnown(beneficiaryId, 200);
        QuarkusTransaction.requiringNew().run(() -> KnownBeneficiary.deleteById(UUID.fromString(beneficiaryId)));
        awaitKnown(beneficiaryId, 404);

        given().auth().oauth2(TestTokens.admin())
                .when().post("/admin/event-consumers/{name}/replay", "beneficiary-read-model")
                .then().statusCode(204);

        awaitKnown(beneficiaryId, 200);
        given().auth().oauth2(TestTokens.officer())
                .when().get("/api/v1/aid/recipients/beneficiaries/{id}", beneficiaryId)
                .then().body("fullName", equalTo("Replayed Person"));
    }

    @Test
    void consumersAreListedForAdmins() {
        given().auth().oauth2(TestTokens.admin())
                .when().get("/admin/event-consumers")
                .then().statusCode(200)
                .body("name", hasItem("beneficiary-read-model"))
                .body("group", hasItem("atensi.aid.beneficiary-read-model"));
    }

    @Test
    void replayOfAnUnknownConsumerIsNotFound() {
        given().auth().oauth2(TestTokens.admin())
                .when().post("/admin/event-consumers/{name}/replay", "no-such-consumer")
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void onlyAdminsMayReplay() {
        given().auth().oauth2(TestTokens.officer())
                .when().post("/admin/event-consumers/{name}/replay", "beneficiary-read-model")
                .then().statusCode(403);
    }

    private static void awaitKnown(String beneficiaryId, int status) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestTokens.officer())
                .when().get("/api/v1/aid/recipients/beneficiaries/{id}", beneficiaryId)
                .then().statusCode(status));
    }
}
