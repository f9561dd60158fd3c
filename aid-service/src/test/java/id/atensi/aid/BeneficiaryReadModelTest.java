package id.atensi.aid;

import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import id.atensi.testing.TopicReader;
import id.atensi.testing.TopicWriter;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "aid"))
class BeneficiaryReadModelTest {

    private static final String TOPIC = "atensi.beneficiary.events";
    private static final String REGISTERED = "atensi.beneficiary.registered.v1";
    private static final String SOURCE = "/atensi/beneficiary";
    private static TopicWriter topic;

    @BeforeAll
    static void openTopic() {
        topic = TopicWriter.create();
    }

    @AfterAll
    static void closeTopic() {
        topic.close();
    }

    @Test
    void registeredBeneficiaryBecomesAKnownRecipient() {
        String beneficiaryId = UUID.randomUUID().toString();
        topic.cloudEvent(TOPIC, UUID.randomUUID().toString(), REGISTERED, SOURCE, beneficiaryId,
                registered(beneficiaryId, "Siti Aminah"));

        awaitKnown(beneficiaryId, "Siti Aminah");
        given().auth().oauth2(TestTokens.officer())
                .when().get("/api/v1/aid/recipients/beneficiaries/{id}", beneficiaryId)
                .then().statusCode(200).body("status", equalTo("REGISTERED"));
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        String beneficiaryId = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        topic.cloudEvent(TOPIC, eventId, REGISTERED, SOURCE, beneficiaryId, registered(beneficiaryId, "First Delivery"));
        awaitKnown(beneficiaryId, "First Delivery");

        // The same event id again, as after a producer retry or a rewound offset; its data would change the record if applied.
        topic.cloudEvent(TOPIC, eventId, REGISTERED, SOURCE, beneficiaryId, registered(beneficiaryId, "Second Delivery"));
        String marker = UUID.randomUUID().toString();
        topic.cloudEvent(TOPIC, UUID.randomUUID().toString(), REGISTERED, SOURCE, marker, registered(marker, "Marker"));
        awaitKnown(marker, "Marker");

        given().auth().oauth2(TestTokens.officer())
                .when().get("/api/v1/aid/recipients/beneficiaries/{id}", beneficiaryId)
                .then().statusCode(200).body("fullName", equalTo("First Delivery"));
    }

    @Test
    void aPoisonRecordIsDeadLetteredWithItsReasonAndConsumptionGoesOn() {
        try (TopicReader deadLetters = TopicReader.of(TOPIC + ".dlq")) {
            String poisonKey = UUID.randomUUID().toString();
            topic.raw(TOPIC, poisonKey, "not a cloud event".getBytes(StandardCharsets.UTF_8));
            String incompleteId = UUID.randomUUID().toString();
            topic.cloudEvent(TOPIC, UUID.randomUUID().toString(), REGISTERED, SOURCE, incompleteId,
                    "{\"beneficiaryId\":\"" + incompleteId + "\"}");
            String nextId = UUID.randomUUID().toString();
            topic.cloudEvent(TOPIC, UUID.randomUUID().toString(), REGISTERED, SOURCE, nextId, registered(nextId, "After The Poison"));

            awaitKnown(nextId, "After The Poison");
            ConsumerRecord<String, byte[]> poison = deadLetters.await(r -> poisonKey.equals(r.key()), Duration.ofSeconds(20));
            ConsumerRecord<String, byte[]> incomplete = deadLetters.await(r -> incompleteId.equals(r.key()), Duration.ofSeconds(20));

            assertEquals("not a cloud event", TopicReader.value(poison));
            assertEquals("beneficiary-read-model", TopicReader.header(poison, "atensi-dlq-consumer"));
            assertTrue(TopicReader.header(poison, "atensi-dlq-reason").contains("not a readable CloudEvent"));
            assertTrue(TopicReader.header(incomplete, "atensi-dlq-reason").contains("lacks"),
                    TopicReader.header(incomplete, "atensi-dlq-reason"));
            given().auth().oauth2(TestTokens.officer())
                    .when().get("/api/v1/aid/recipients/beneficiaries/{id}", incompleteId)
                    .then().statusCode(404);
        }
    }

    @Test
    void unknownFieldsInAPayloadAreIgnored() {
        String beneficiaryId = UUID.randomUUID().toString();
        String json = registered(beneficiaryId, "Future Field").replace("}", ", \"addedInV1Later\": {\"x\": 1}}");
        topic.cloudEvent(TOPIC, UUID.randomUUID().toString(), REGISTERED, SOURCE, beneficiaryId, json);

        awaitKnown(beneficiaryId, "Future Field");
    }

    @Test
    void readModelIsNotForViewersOrStrangers() {
        given().auth().oauth2(TestTokens.viewer())
                .when().get("/api/v1/aid/recipients/beneficiaries/{id}", UUID.randomUUID())
                .then().statusCode(403);
        given().when().get("/api/v1/aid/recipients/beneficiaries/{id}", UUID.randomUUID())
                .then().statusCode(401);
    }

    @Test
    void pageSizeAboveTheMaximumIsAFieldError() {
        given().auth().oauth2(TestTokens.officer())
                .when().get("/api/v1/aid/recipients/beneficiaries?size=500")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("size"));
    }

    private static void awaitKnown(String beneficiaryId, String fullName) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(TestTokens.officer())
                .when().get("/api/v1/aid/recipients/beneficiaries/{id}", beneficiaryId)
                .then().statusCode(200).body("fullName", equalTo(fullName)));
    }

    private static String registered(String beneficiaryId, String fullName) {
        return """
                {"beneficiaryId":"%s","fullName":"%s","status":"REGISTERED","registeredAt":"2026-11-23T08:00:00+07:00"}
                """.formatted(beneficiaryId, fullName).strip();
    }
}
