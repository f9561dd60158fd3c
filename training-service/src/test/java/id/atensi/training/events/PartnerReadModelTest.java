package id.atensi.training.events;

import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import id.atensi.testing.TopicReader;
import id.atensi.testing.TopicWriter;
import id.atensi.training.ReadModelFixtures;
import id.atensi.training.events.KnownPartner;
import id.atensi.training.events.KnownServiceUnit;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static id.atensi.training.ClassFixtures.HOST_UNIT;
import static id.atensi.training.ReadModelFixtures.PARTNER_TOPIC;
import static id.atensi.training.ClassFixtures.PROVIDER;
import static id.atensi.training.ClassFixtures.as;
import static id.atensi.training.ClassFixtures.classBody;
import static id.atensi.training.ClassFixtures.officer;
import static id.atensi.training.ReadModelFixtures.partnerJson;
import static id.atensi.training.ClassFixtures.programme;
import static id.atensi.training.ClassFixtures.updateBody;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Providers and host units come from the partner service's events: a class names only known units and active partners. */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "training"))
class PartnerReadModelTest {

    private static final String SOURCE = "/atensi/partner";
    private static TopicWriter topic;

    @BeforeAll
    static void openTopic() {
        topic = TopicWriter.create();
        ReadModelFixtures.knowReferenceData();
    }

    @AfterAll
    static void closeTopic() {
        topic.close();
    }

    @Test
    void classNamingAnUnknownProviderOrHostUnitIsUnprocessableAndNamesTheField() {
        String programme = programme("Automotive basics", "AUTOMOTIVE");
        officer().body(classBody(programme, "Unknown provider", 10, 1, HOST_UNIT, UUID.randomUUID(), "RESIDENT"))
                .when().post("/api/v1/training/classes")
                .then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("unprocessable"))
                .body("errors.field", hasItem("providerPartnerIds"));
        as(TestTokens.admin()).body(classBody(programme, "Unknown unit", 10, 1, UUID.randomUUID(), PROVIDER, "RESIDENT"))
                .when().post("/api/v1/training/classes")
                .then().statusCode(422)
                .body("errors.field", hasItem("hostUnitId"));
    }

    @Test
    void deactivatedProviderTakesNoNewClassesAndAnUpdateBringsItBack() {
        UUID partner = UUID.randomUUID();
        ReadModelFixtures.knownPartners(partner);
        String programme = programme("Grape seedlings", "AGRICULTURE");
        officer().body(classBody(programme, "Before deactivation", 10, 1, HOST_UNIT, partner, "RESIDENT"))
                .when().post("/api/v1/training/classes").then().statusCode(201);

        topic.cloudEvent(PARTNER_TOPIC, UUID.randomUUID().toString(), "atensi.partner.deactivated.v1", SOURCE, partner.toString(), """
                {"partnerId":"%s","legalName":"PT Mitra","status":"INACTIVE","reason":"MoU ended","deactivatedAt":"2024-02-01T09:00:00+07:00"}"""
                .formatted(partner));
        awaitStatus(partner, "INACTIVE");
        officer().body(classBody(programme, "After deactivation", 10, 1, HOST_UNIT, partner, "RESIDENT"))
                .when().post("/api/v1/training/classes")
                .then().statusCode(422).body("errors.field", hasItem("providerPartnerIds"));

        topic.cloudEvent(PARTNER_TOPIC, UUID.randomUUID().toString(), "atensi.partner.updated.v1", SOURCE, partner.toString(),
                partnerJson(partner, "ACTIVE"));
        awaitStatus(partner, "ACTIVE");
        officer().body(classBody(programme, "Reactivated", 10, 1, HOST_UNIT, partner, "RESIDENT"))
                .when().post("/api/v1/training/classes").then().statusCode(201);
    }

    @Test
    void aRedeliveredPartnerEventChangesNothing() {
        UUID partner = UUID.randomUUID();
        String registeredId = UUID.randomUUID().toString();
        topic.cloudEvent(PARTNER_TOPIC, registeredId, "atensi.partner.registered.v1", SOURCE, partner.toString(), partnerJson(partner, "ACTIVE"));
        awaitStatus(partner, "ACTIVE");
        String deactivatedId = UUID.randomUUID().toString();
        topic.cloudEvent(PARTNER_TOPIC, deactivatedId, "atensi.partner.deactivated.v1", SOURCE, partner.toString(), """
                {"partnerId":"%s","legalName":"PT Mitra","status":"INACTIVE"}""".formatted(partner));
        awaitStatus(partner, "INACTIVE");

        // The registration again, as after a producer retry or a rewound offset: applied, it would make the partner active.
        topic.cloudEvent(PARTNER_TOPIC, registeredId, "atensi.partner.registered.v1", SOURCE, partner.toString(), partnerJson(partner, "ACTIVE"));
        ReadModelFixtures.awaitConsumedAfter(topic, PARTNER_TOPIC, "partner-read-model", "atensi.partner.agreement.expired.v1", partner.toString());

        KnownPartner known = QuarkusTransaction.requiringNew().call(() -> KnownPartner.<KnownPartner>findById(partner));
        assertEquals("INACTIVE", known.status);
        assertEquals(deactivatedId, known.lastEventId);
    }

    @Test
    void aClosedUnitHostsNoNewClassesWhileItsClassesStayAndOpensThemAgainOnceReopened() {
        UUID unit = UUID.randomUUID();
        ReadModelFixtures.knownUnits(unit);
        String programme = programme("Bengkel rumahan", "AUTOMOTIVE");
        String planned = scheduleIn(unit, programme, "Planned before closing").then().statusCode(201).extract().path("id");
        String kept = scheduleIn(unit, programme, "Edited after closing").then().statusCode(201).extract().path("id");

        unitEvent(UUID.randomUUID().toString(), "atensi.partner.service-unit.updated.v1", unit, "INACTIVE");
        awaitUnitStatus(unit, "INACTIVE");

        scheduleIn(unit, programme, "Scheduled after closing")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("hostUnitId"))
                .body("errors.find { it.field == 'hostUnitId' }.message", containsString("INACTIVE"));
        as(TestTokens.admin()).when().post("/api/v1/training/classes/{id}/open", planned)
                .then().statusCode(422).body("errors.field", hasItem("hostUnitId"));
        as(TestTokens.admin()).when().get("/api/v1/training/classes/{id}", planned)
                .then().statusCode(200).body("status", equalTo("PLANNED"));
        as(TestTokens.admin()).header("If-Match", "\"0\"").body(updateBody(programme, "Edited after closing", 12, unit, PROVIDER))
                .when().put("/api/v1/training/classes/{id}", kept)
                .then().statusCode(200).body("capacity", equalTo(12));
        String elsewhere = scheduleIn(HOST_UNIT, programme, "Moving into a closed unit").then().statusCode(201).extract().path("id");
        as(TestTokens.admin()).header("If-Match", "\"0\"").body(updateBody(programme, "Moving into a closed unit", 10, unit, PROVIDER))
                .when().put("/api/v1/training/classes/{id}", elsewhere)
                .then().statusCode(422).body("errors.field", hasItem("hostUnitId"));

        unitEvent(UUID.randomUUID().toString(), "atensi.partner.service-unit.updated.v1", unit, "ACTIVE");
        awaitUnitStatus(unit, "ACTIVE");
        as(TestTokens.admin()).when().post("/api/v1/training/classes/{id}/open", planned).then().statusCode(200);
        scheduleIn(unit, programme, "Scheduled after reopening").then().statusCode(201);
    }

    @Test
    void aUnitEventWithoutStatusFromBeforeUnitsCouldCloseCountsAsActive() {
        UUID unit = UUID.randomUUID();
        ReadModelFixtures.knownUnits(unit);
        awaitUnitStatus(unit, "ACTIVE");
        scheduleIn(unit, programme("Sablon", "CRAFTS"), "In a unit announced without status").then().statusCode(201);
    }

    @Test
    void aRedeliveredUnitEventDoesNotReopenAClosedUnit() {
        UUID unit = UUID.randomUUID();
        String registeredId = UUID.randomUUID().toString();
        unitEvent(registeredId, "atensi.partner.service-unit.registered.v1", unit, "ACTIVE");
        awaitUnitStatus(unit, "ACTIVE");
        String closedId = UUID.randomUUID().toString();
        unitEvent(closedId, "atensi.partner.service-unit.updated.v1", unit, "INACTIVE");
        awaitUnitStatus(unit, "INACTIVE");

        // The registration again, as after a producer retry or a rewound offset: applied, it would reopen the unit.
        unitEvent(registeredId, "atensi.partner.service-unit.registered.v1", unit, "ACTIVE");
        ReadModelFixtures.awaitConsumedAfter(topic, PARTNER_TOPIC, "partner-read-model", "atensi.partner.agreement.expired.v1", unit.toString());

        KnownServiceUnit known = QuarkusTransaction.requiringNew().call(() -> KnownServiceUnit.<KnownServiceUnit>findById(unit));
        assertEquals("INACTIVE", known.status);
        assertEquals(closedId, known.lastEventId);
    }

    @Test
    void version2PartnerAndUnitEventsChangeTheReadModelAsVersion1Does() {
        UUID partner = UUID.randomUUID();
        UUID unit = UUID.randomUUID();
        // TRAFFICKING_VICTIMS exists only from v2 on: the cluster split is all that v2 changed.
        topic.cloudEvent(PARTNER_TOPIC, UUID.randomUUID().toString(), "atensi.partner.registered.v2", SOURCE, partner.toString(), """
                {"partnerId":"%s","type":"CSR","legalName":"PT Mitra Dua","shortName":"Mitra","status":"ACTIVE","provinceCode":"31",
                 "regencyCode":"31.75","clusters":["TRAFFICKING_VICTIMS","SOCIAL_EXCLUSION"]}""".formatted(partner));
        awaitStatus(partner, "ACTIVE");
        unitV2Event("atensi.partner.service-unit.registered.v2", unit, "ACTIVE");
        awaitUnitStatus(unit, "ACTIVE");
        String programme = programme("Tata boga", "COOKING");
        as(TestTokens.admin()).body(classBody(programme, "Announced by v2 events", 10, 1, unit, partner, "RESIDENT"))
                .when().post("/api/v1/training/classes").then().statusCode(201);

        topic.cloudEvent(PARTNER_TOPIC, UUID.randomUUID().toString(), "atensi.partner.updated.v2", SOURCE, partner.toString(), """
                {"partnerId":"%s","type":"CSR","legalName":"PT Mitra Dua Baru","shortName":"Mitra","status":"SUSPENDED","provinceCode":"31",
                 "regencyCode":"31.75","clusters":["TRAFFICKING_VICTIMS"]}""".formatted(partner));
        awaitStatus(partner, "SUSPENDED");
        unitV2Event("atensi.partner.service-unit.updated.v2", unit, "INACTIVE");
        awaitUnitStatus(unit, "INACTIVE");
        assertEquals("PT Mitra Dua Baru",
                QuarkusTransaction.requiringNew().call(() -> KnownPartner.<KnownPartner>findById(partner)).legalName);
        as(TestTokens.admin()).body(classBody(programme, "After v2 updates", 10, 1, unit, partner, "RESIDENT"))
                .when().post("/api/v1/training/classes")
                .then().statusCode(422).body("errors.field", hasItem("hostUnitId")).body("errors.field", hasItem("providerPartnerIds"));
    }

    @Test
    void aPoisonPartnerEventIsDeadLetteredAndConsumptionGoesOn() {
        try (TopicReader deadLetters = TopicReader.of(PARTNER_TOPIC + ".dlq")) {
            String poisonKey = UUID.randomUUID().toString();
            topic.raw(PARTNER_TOPIC, poisonKey, "not a cloud event".getBytes(StandardCharsets.UTF_8));
            UUID incomplete = UUID.randomUUID();
            topic.cloudEvent(PARTNER_TOPIC, UUID.randomUUID().toString(), "atensi.partner.service-unit.registered.v1", SOURCE,
                    incomplete.toString(), "{\"serviceUnitId\":\"%s\"}".formatted(incomplete));
            UUID next = UUID.randomUUID();
            ReadModelFixtures.knownUnits(next);

            ConsumerRecord<String, byte[]> poison = deadLetters.await(r -> poisonKey.equals(r.key()), Duration.ofSeconds(20));
            ConsumerRecord<String, byte[]> lacking = deadLetters.await(r -> incomplete.toString().equals(r.key()), Duration.ofSeconds(20));
            assertEquals("partner-read-model", TopicReader.header(poison, "atensi-dlq-consumer"));
            assertTrue(TopicReader.header(lacking, "atensi-dlq-reason").contains("lacks"), TopicReader.header(lacking, "atensi-dlq-reason"));
            as(TestTokens.admin()).body(classBody(programme("Waste", "WASTE_MANAGEMENT"), "In the unit no one announced", 10, 1,
                            incomplete, PROVIDER, "RESIDENT"))
                    .when().post("/api/v1/training/classes").then().statusCode(422).body("errors.field", hasItem("hostUnitId"));
        }
    }

    private static Response scheduleIn(UUID unit, String programme, String title) {
        return as(TestTokens.admin()).body(classBody(programme, title, 10, 1, unit, PROVIDER, "RESIDENT"))
                .when().post("/api/v1/training/classes");
    }

    private static void unitEvent(String eventId, String type, UUID unit, String status) {
        topic.cloudEvent(PARTNER_TOPIC, eventId, type, SOURCE, unit.toString(), """
                {"serviceUnitId":"%s","name":"Sentra %s","kind":"SENTRA","provinceCode":"16","regencyCode":"16.71",
                 "residentialCapacity":80,"clusters":["PERSONS_WITH_DISABILITIES"],"status":"%s"}""".formatted(unit, unit, status));
    }

    private static void unitV2Event(String type, UUID unit, String status) {
        topic.cloudEvent(PARTNER_TOPIC, UUID.randomUUID().toString(), type, SOURCE, unit.toString(), """
                {"serviceUnitId":"%s","name":"Sentra %s","kind":"SENTRA","provinceCode":"16","regencyCode":"16.71",
                 "residentialCapacity":80,"clusters":["SOCIAL_EXCLUSION","TRAFFICKING_VICTIMS"],"status":"%s"}""".formatted(unit, unit, status));
    }

    private static void awaitUnitStatus(UUID unit, String status) {
        await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew().call(() -> {
            KnownServiceUnit known = KnownServiceUnit.findById(unit);
            return known != null && status.equals(known.status);
        }));
    }

    private static void awaitStatus(UUID partner, String status) {
        await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew().call(() -> {
            KnownPartner known = KnownPartner.findById(partner);
            return known != null && status.equals(known.status);
        }));
    }
}
