package id.atensi.partner.events;

import id.atensi.partner.MovableClock;
import id.atensi.partner.PartnerFixtures;
import id.atensi.partner.service.AgreementExpiryJob;
import id.atensi.partner.KeycloakTestResource;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import id.atensi.testing.TopicReader;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static id.atensi.partner.PartnerFixtures.agreement;
import static id.atensi.partner.PartnerFixtures.draft;
import static id.atensi.partner.PartnerFixtures.json;
import static id.atensi.partner.PartnerFixtures.lks;
import static id.atensi.partner.PartnerFixtures.register;
import static id.atensi.partner.PartnerFixtures.registerUnit;
import static id.atensi.partner.PartnerFixtures.sign;
import static id.atensi.partner.PartnerFixtures.today;
import static id.atensi.partner.PartnerFixtures.unique;
import static id.atensi.partner.PartnerFixtures.unit;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "partner"))
@WithTestResource(KeycloakTestResource.class)
class PartnerEventsTest {

    private static final String TOPIC = "atensi.partner.events";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    AgreementExpiryJob expiryJob;

    @Inject
    MovableClock clock;

    @AfterEach
    void backToToday() {
        clock.reset();
    }

    @Test
    void partnerLifecyclePublishesRegisteredUpdatedAndDeactivatedWithoutContacts() {
        try (TopicReader topic = TopicReader.of(TOPIC)) {
            Map<String, Object> partner = lks(unique("Yayasan Berita"));
            String id = register(partner);
            partner.put("shortName", "Berita");
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).header("If-Match", "\"0\"").body(partner)
                    .when().put("/api/v1/partners/{id}", id).then().statusCode(200);
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(json("reason", "Merged"))
                    .when().post("/api/v1/partners/{id}/deactivation", id).then().statusCode(200);

            ConsumerRecord<String, byte[]> registered = await(topic, id, "atensi.partner.registered.v2");
            assertEquals("/atensi/partner", TopicReader.header(registered, "ce_source"));
            assertEquals(id, TopicReader.header(registered, "ce_subject"));
            String data = TopicReader.value(registered);
            assertTrue(data.contains(partner.get("legalName").toString()), data);
            assertTrue(data.contains("\"LKS\""), data);
            assertFalse(data.contains("Rina") || data.contains("rina@") || data.contains("555"), "contacts must not leave the service: " + data);
            assertTrue(TopicReader.value(await(topic, id, "atensi.partner.updated.v2")).contains("Berita"));
            assertTrue(TopicReader.value(await(topic, id, "atensi.partner.deactivated.v1")).contains("INACTIVE"));
        }
    }

    /** A caller reaching the service directly, not through the gateway, sends what it likes as traceparent. */
    @Test
    void anEventCarriesTheCallersTraceparentOnlyWhenItIsAValidOne() {
        String valid = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        Map<String, String> sentToExpected = new LinkedHashMap<>();
        sentToExpected.put(valid, valid);
        sentToExpected.put("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra", "none");
        sentToExpected.put("00-00000000000000000000000000000000-00f067aa0ba902b7-01", "none");
        sentToExpected.put("zz-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "none");
        sentToExpected.put("00-4bf92f3577b34da6a3ce929d0e0e473g-00f067aa0ba902b7-01", "none");
        Map<String, String> sentToCarried = new LinkedHashMap<>();
        try (TopicReader topic = TopicReader.of(TOPIC)) {
            for (String sent : sentToExpected.keySet()) {
                String id = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).header("traceparent", sent)
                        .body(lks(unique("Yayasan Jejak"))).when().post("/api/v1/partners")
                        .then().statusCode(201).extract().path("id");
                String carried = TopicReader.header(await(topic, id, "atensi.partner.registered.v2"), "ce_traceparent");
                sentToCarried.put(sent, carried == null ? "none" : carried);
            }
        }
        assertEquals(sentToExpected, sentToCarried);
    }

    @Test
    void partnerAndUnitEventsCarryTheProgrammesClustersAsV2Only() {
        try (TopicReader topic = TopicReader.of(TOPIC)) {
            String partner = register(PartnerFixtures.company(unique("PT Kosakata"), "CSR_COMPANY"));
            Map<String, Object> unit = unit(unique("Balai Kosakata"));
            unit.put("clusters", List.of("SOCIAL_EXCLUSION", "DISASTER_AFFECTED"));
            String unitId = registerUnit(unit);

            String registered = TopicReader.value(await(topic, partner, "atensi.partner.registered.v2")).replace(" ", "");
            assertTrue(registered.contains("\"SOCIAL_EXCLUSION\"") && registered.contains("\"TRAFFICKING_VICTIMS\""), registered);
            String unitRegistered = TopicReader.value(await(topic, unitId, "atensi.partner.service-unit.registered.v2")).replace(" ", "");
            assertTrue(unitRegistered.contains("\"DISASTER_AFFECTED\""), unitRegistered);
            assertEquals(0, topic.drain(Duration.ofSeconds(2)).stream()
                    .filter(r -> partner.equals(r.key()) || unitId.equals(r.key()))
                    .filter(r -> TopicReader.header(r, "ce_type").endsWith(".v1")).count(), "no v1 of a changed event is published any more");
        }
    }

    @Test
    void serviceUnitRegistrationAndUpdatePublishTheirEvents() {
        try (TopicReader topic = TopicReader.of(TOPIC)) {
            Map<String, Object> unit = unit(unique("Balai Berita"));
            String id = registerUnit(unit);
            unit.put("residentialCapacity", 80);
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).header("If-Match", "\"0\"").body(unit)
                    .when().put("/api/v1/service-units/{id}", id).then().statusCode(200);

            String registered = TopicReader.value(await(topic, id, "atensi.partner.service-unit.registered.v2")).replace(" ", "");
            assertTrue(registered.contains("BALAI"));
            assertTrue(registered.contains("\"status\":\"ACTIVE\""), registered);
            String updated = TopicReader.value(await(topic, id, "atensi.partner.service-unit.updated.v2")).replace(" ", "");
            assertTrue(updated.contains("80"));
            assertTrue(updated.contains("\"status\":\"ACTIVE\""), updated);
        }
    }

    @Test
    void closingAndReopeningAUnitPublishItsWholeStateWithTheStatus() {
        try (TopicReader topic = TopicReader.of(TOPIC)) {
            String id = registerUnit(unit(unique("Balai Berita Tutup")));
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(json("reason", "Closed for renovation"))
                    .when().post("/api/v1/service-units/{id}/deactivate", id).then().statusCode(200);
            given().auth().oauth2(TestTokens.admin()).when().post("/api/v1/service-units/{id}/reactivate", id).then().statusCode(200);

            await(topic, id, "atensi.partner.service-unit.registered.v2");
            ConsumerRecord<String, byte[]> closed = awaitUnitStatus(topic, id, "INACTIVE");
            ConsumerRecord<String, byte[]> reopened = awaitUnitStatus(topic, id, "ACTIVE");
            assertTrue(closed.offset() < reopened.offset(), "the closing comes before the reopening");
            assertTrue(TopicReader.value(closed).contains("Balai Berita Tutup"));
        }
    }

    @Test
    void aRefusedStatusChangePublishesNothing() {
        try (TopicReader topic = TopicReader.of(TOPIC)) {
            String id = registerUnit(unit(unique("Balai Tetap Buka")));
            given().auth().oauth2(TestTokens.admin()).when().post("/api/v1/service-units/{id}/reactivate", id).then().statusCode(409);

            await(topic, id, "atensi.partner.service-unit.registered.v2");
            assertEquals(0, topic.drain(Duration.ofSeconds(2)).stream().filter(r -> id.equals(r.key()))
                    .filter(r -> "atensi.partner.service-unit.updated.v2".equals(TopicReader.header(r, "ce_type"))).count());
        }
    }

    @Test
    void agreementLifecyclePublishesSignedActivatedAmendedAndTerminatedWithoutSignatories() {
        try (TopicReader topic = TopicReader.of(TOPIC)) {
            String[] ids = PartnerFixtures.activeAgreement(325_000_000);
            String id = ids[2];
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                    .body(json("number", unique("ADD"), "title", "Extension", "signedOn", today().toString(), "summary", "Longer",
                            "endsOn", today().plusYears(3).toString()))
                    .when().post("/api/v1/agreements/{id}/addenda", id).then().statusCode(201);
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(json("reason", "Funding withdrawn"))
                    .when().post("/api/v1/agreements/{id}/termination", id).then().statusCode(200);

            String signed = TopicReader.value(await(topic, id, "atensi.partner.agreement.signed.v1"));
            assertTrue(signed.contains(ids[1]) && signed.contains("SECOND_PARTY"), signed);
            assertTrue(signed.contains("325000000"), signed);
            assertFalse(signed.contains("Budi Santoso"), "signatories' names must not leave the service: " + signed);
            await(topic, id, "atensi.partner.agreement.activated.v1");
            String amended = TopicReader.value(await(topic, id, "atensi.partner.agreement.amended.v2")).replace(" ", "");
            assertTrue(amended.contains(today().plusYears(3).toString()), amended);
            assertTrue(amended.contains("\"changedFields\":[\"endsOn\"]"), amended);
            assertTrue(amended.contains("\"serviceUnitIds\":[\"" + ids[0] + "\"]"), amended);
            assertTrue(TopicReader.value(await(topic, id, "atensi.partner.agreement.terminated.v1")).contains("Funding withdrawn"));
        }
    }

    @Test
    void expiryPublishesAnExpiredEvent() {
        try (TopicReader topic = TopicReader.of(TOPIC)) {
            String unitId = registerUnit(unit(unique("Balai Habis")));
            String id = draft(agreement(unitId, register(lks(unique("Yayasan Habis"))), 1, today().minusYears(1), today()));
            sign(id, unitId);

            clock.moveForward(Duration.ofDays(1));
            expiryJob.run();

            assertTrue(TopicReader.value(await(topic, id, "atensi.partner.agreement.expired.v1")).contains("EXPIRED"));
        }
    }

    @Test
    void aRejectedChangePublishesNothing() {
        try (TopicReader topic = TopicReader.of(TOPIC)) {
            Map<String, Object> partner = lks(unique("Yayasan Sunyi"));
            String id = register(partner);
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).header("If-Match", "\"7\"").body(partner)
                    .when().put("/api/v1/partners/{id}", id).then().statusCode(412);

            await(topic, id, "atensi.partner.registered.v2");
            List<ConsumerRecord<String, byte[]>> records = topic.drain(Duration.ofSeconds(2));
            assertEquals(0, records.stream().filter(r -> id.equals(r.key()))
                    .filter(r -> "atensi.partner.updated.v2".equals(TopicReader.header(r, "ce_type"))).count());
        }
    }

    private static ConsumerRecord<String, byte[]> awaitUnitStatus(TopicReader topic, String id, String status) {
        return topic.await(r -> id.equals(r.key()) && "atensi.partner.service-unit.updated.v2".equals(TopicReader.header(r, "ce_type"))
                && TopicReader.value(r).replace(" ", "").contains("\"status\":\"" + status + "\""), WAIT);
    }

    private static ConsumerRecord<String, byte[]> await(TopicReader topic, String key, String type) {
        return topic.await(r -> key.equals(r.key()) && type.equals(TopicReader.header(r, "ce_type")), WAIT);
    }
}
