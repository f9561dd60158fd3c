package id.atensi.aid.events;

import id.atensi.aid.DistributionFixtures;
import id.atensi.aid.ProgrammeFixtures;
import id.atensi.aid.ReadModelFixtures;
import id.atensi.aid.events.KnownCollective;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.EventTopic;
import id.atensi.testing.TestTokens;
import id.atensi.testing.TopicReader;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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

    private static final EventTopic BENEFICIARIES = new EventTopic("atensi.beneficiary.events", "/atensi/beneficiary");
    private static final String REGISTERED = "atensi.beneficiary.registered.v1";

    @Test
    void registeredBeneficiaryBecomesAKnownRecipient() {
        String beneficiaryId = UUID.randomUUID().toString();
        BENEFICIARIES.publish(UUID.randomUUID().toString(), REGISTERED, beneficiaryId,
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
        BENEFICIARIES.publish(eventId, REGISTERED, beneficiaryId, registered(beneficiaryId, "First Delivery"));
        awaitKnown(beneficiaryId, "First Delivery");

        // The same event id again, as after a producer retry or a rewound offset; its data would change the record if applied.
        BENEFICIARIES.publish(eventId, REGISTERED, beneficiaryId, registered(beneficiaryId, "Second Delivery"));
        String marker = UUID.randomUUID().toString();
        BENEFICIARIES.publish(UUID.randomUUID().toString(), REGISTERED, marker, registered(marker, "Marker"));
        awaitKnown(marker, "Marker");

        given().auth().oauth2(TestTokens.officer())
                .when().get("/api/v1/aid/recipients/beneficiaries/{id}", beneficiaryId)
                .then().statusCode(200).body("fullName", equalTo("First Delivery"));
    }

    @Test
    void aPoisonRecordIsDeadLetteredWithItsReasonAndConsumptionGoesOn() {
        try (TopicReader deadLetters = BENEFICIARIES.deadLetters()) {
            String poisonKey = UUID.randomUUID().toString();
            BENEFICIARIES.raw(poisonKey, "not a cloud event".getBytes(StandardCharsets.UTF_8));
            String incompleteId = UUID.randomUUID().toString();
            BENEFICIARIES.publish(UUID.randomUUID().toString(), REGISTERED, incompleteId,
                    "{\"beneficiaryId\":\"" + incompleteId + "\"}");
            String nextId = UUID.randomUUID().toString();
            BENEFICIARIES.publish(UUID.randomUUID().toString(), REGISTERED, nextId, registered(nextId, "After The Poison"));

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
        BENEFICIARIES.publish(UUID.randomUUID().toString(), REGISTERED, beneficiaryId, json);

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

    @Test
    void updatesStatusChangesAndMergersDecideWhoMayReceiveAid() {
        String[] programme = ProgrammeFixtures.programme(10_000_000);
        String item = ProgrammeFixtures.item("STAPLE_FOOD_PACKAGE", 300_000);
        String moved = ReadModelFixtures.beneficiary("ACTIVE");
        BENEFICIARIES.publish(UUID.randomUUID().toString(), "atensi.beneficiary.updated.v1", moved, """
                {"beneficiaryId":"%s","fullName":"Penerima","serviceUnitId":"%s","partnerIds":[],"changedFields":["serviceUnitId"],
                 "updatedAt":"2026-02-01T08:00:00Z","provinceCode":"18","regencyCode":"18.71"}""".formatted(moved, TestTokens.UNIT_B));
        awaitKnown(moved, "serviceUnitId", TestTokens.UNIT_B);
        DistributionFixtures.propose(TestTokens.officer(), DistributionFixtures.proposal(programme, "PERSON", moved, item, 1)).statusCode(403).body("rule", equalTo("other-unit"));
        DistributionFixtures.propose(TestTokens.officer(TestTokens.UNIT_B), DistributionFixtures.proposal(programme, "PERSON", moved, item, 1)).statusCode(201)
                .body("serviceUnitId", equalTo(TestTokens.UNIT_B)).body("provinceCode", equalTo("18")).body("regencyCode", equalTo("18.71"));

        String terminated = ReadModelFixtures.beneficiary("ACTIVE");
        BENEFICIARIES.publish(UUID.randomUUID().toString(), "atensi.beneficiary.status-changed.v1", terminated, """
                {"beneficiaryId":"%s","fromStatus":"ACTIVE","toStatus":"TERMINATED","decisionNumber":"SK-1","decisionDate":"2026-02-01",
                 "reason":"meninggal","changedAt":"2026-02-01T08:00:00Z"}""".formatted(terminated));
        awaitKnown(terminated, "status", "TERMINATED");
        DistributionFixtures.propose(TestTokens.officer(), DistributionFixtures.proposal(programme, "PERSON", terminated, item, 1))
                .statusCode(422).body("rule", equalTo("ineligible-recipient"));

        String mergedAway = ReadModelFixtures.beneficiary("ACTIVE");
        String survivor = ReadModelFixtures.beneficiary("ACTIVE");
        String earlier = DistributionFixtures.propose(TestTokens.officer(), DistributionFixtures.proposal(programme, "PERSON", mergedAway, item, 1)).statusCode(201).extract().path("id");
        BENEFICIARIES.publish(UUID.randomUUID().toString(), "atensi.beneficiary.merged.v1", mergedAway, """
                {"beneficiaryId":"%s","survivorId":"%s","mergedAt":"2026-02-01T08:00:00Z"}""".formatted(mergedAway, survivor));
        awaitKnown(mergedAway, "mergedInto", survivor);
        DistributionFixtures.propose(TestTokens.officer(), DistributionFixtures.proposal(programme, "PERSON", mergedAway, ProgrammeFixtures.item("CASH", 1), 1))
                .statusCode(422).body("rule", equalTo("merged-recipient")).body("survivorId", equalTo(survivor));
        // the merged-away person's aid is the survivor's now: its history shows it, and the duplicate guard counts it
        ProgrammeFixtures.as(TestTokens.officer()).get("/api/v1/aid/distributions?recipientKind=PERSON&recipientId={r}", survivor).then()
                .body("total", equalTo(1)).body("items[0].id", equalTo(earlier));
        // moving it to the survivor is a change: what was read before the merge is stale
        ProgrammeFixtures.as(TestTokens.officer()).get("/api/v1/aid/distributions/{id}", earlier).then().header("ETag", equalTo("\"1\""));
        DistributionFixtures.propose(TestTokens.officer(), DistributionFixtures.proposal(programme, "PERSON", survivor, item, 1)).statusCode(409)
                .body("rule", equalTo("duplicate-aid")).body("existingId", equalTo(earlier));
    }

    @Test
    void householdAndGroupUpdatesOverwriteWhatIsKnown() {
        String[] programme = ProgrammeFixtures.programme(10_000_000);
        String item = ProgrammeFixtures.item("STAPLE_FOOD_PACKAGE", 300_000);
        String household = ReadModelFixtures.household();
        String group = ReadModelFixtures.group();
        BENEFICIARIES.publish(UUID.randomUUID().toString(), "atensi.beneficiary.household.updated.v1", household, """
                {"householdId":"%s","headBeneficiaryId":"%s","memberIds":[],"serviceUnitId":"%s","provinceCode":"32",
                 "regencyCode":"32.01","active":false,"updatedAt":"2026-02-01T08:00:00Z"}""".formatted(household, UUID.randomUUID(), TestTokens.UNIT_A));
        BENEFICIARIES.publish(UUID.randomUUID().toString(), "atensi.beneficiary.group.updated.v1", group, """
                {"groupId":"%s","name":"Pemulung Bantargebang","coachingPartnerId":null,"coordinatorBeneficiaryId":null,"memberIds":[],
                 "serviceUnitId":"%s","provinceCode":"32","regencyCode":"32.75","active":true,"updatedAt":"2026-02-01T08:00:00Z"}"""
                .formatted(group, TestTokens.UNIT_A));
        await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                !KnownCollective.<KnownCollective>findById(UUID.fromString(household)).active
                        && "32.75".equals(KnownCollective.<KnownCollective>findById(UUID.fromString(group)).regencyCode)));
        DistributionFixtures.propose(TestTokens.officer(), DistributionFixtures.proposal(programme, "HOUSEHOLD", household, item, 1))
                .statusCode(422).body("rule", equalTo("ineligible-recipient"));
        DistributionFixtures.propose(TestTokens.officer(), DistributionFixtures.proposal(programme, "COMMUNITY_GROUP", group, item, 1))
                .statusCode(201).body("provinceCode", equalTo("32")).body("regencyCode", equalTo("32.75"));
    }

    @Test
    void aHouseholdEventWithoutItsIdIsDeadLettered() {
        try (TopicReader deadLetters = BENEFICIARIES.deadLetters()) {
            String key = UUID.randomUUID().toString();
            BENEFICIARIES.publish(UUID.randomUUID().toString(), "atensi.beneficiary.household.registered.v1", key,
                    "{\"active\":true}");
            ConsumerRecord<String, byte[]> dead = deadLetters.await(r -> key.equals(r.key()), Duration.ofSeconds(20));
            assertTrue(TopicReader.header(dead, "atensi-dlq-reason").contains("lacks"), TopicReader.header(dead, "atensi-dlq-reason"));
        }
    }

    private static void awaitKnown(String beneficiaryId, String field, String value) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(TestTokens.admin())
                .when().get("/api/v1/aid/recipients/beneficiaries/{id}", beneficiaryId)
                .then().statusCode(200).body(field, equalTo(value)));
    }

    private static void awaitKnown(String beneficiaryId, String fullName) {
        awaitKnown(beneficiaryId, "fullName", fullName);
    }

    private static String registered(String beneficiaryId, String fullName) {
        return """
                {"beneficiaryId":"%s","fullName":"%s","status":"REGISTERED","registeredAt":"2026-11-23T08:00:00+07:00"}
                """.formatted(beneficiaryId, fullName).strip();
    }
}
