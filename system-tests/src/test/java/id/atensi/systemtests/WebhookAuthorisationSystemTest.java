package id.atensi.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import static id.atensi.systemtests.PlatformFixtures.A_YEAR_AGO;
import static id.atensi.systemtests.PlatformFixtures.IN_A_YEAR;
import static id.atensi.systemtests.PlatformFixtures.agreement;
import static id.atensi.systemtests.PlatformFixtures.as;
import static id.atensi.systemtests.PlatformFixtures.eventually;
import static id.atensi.systemtests.PlatformFixtures.lksPartner;
import static id.atensi.systemtests.PlatformFixtures.openClass;
import static id.atensi.systemtests.PlatformFixtures.serviceUnit;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19's matrix, through the gateway against the running services: partners A and B each register, with their
 * own tokens, a webhook endpoint for every event family; then each gets a world of its own — an agreement signed, a
 * person served (with consent to sharing), a class provided with the person enrolled, a distribution channelled and
 * approved. Each receiver must get events of every family about its own partner's objects, and never one that names
 * any of the other partner's ids.
 */
@ExtendWith(SharedPlatform.class)
class WebhookAuthorisationSystemTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FAMILIES = List.of("atensi.beneficiary.", "atensi.partner.", "atensi.training.", "atensi.aid.");

    private static Receiver receiverA;
    private static Receiver receiverB;
    private static World a;
    private static World b;

    /** One partner's ids: none of them may appear in the other partner's deliveries. */
    private record World(String partnerId, String unitId, String agreementId, String personId, String classId, String enrolmentId,
                         String distributionId) {
        Set<String> ids() {
            return Set.of(partnerId, unitId, agreementId, personId, classId, enrolmentId, distributionId);
        }
    }

    /** A partner's receiving system on this machine (the launcher lets webhook-service deliver to loopback over http). */
    private static final class Receiver {
        final HttpServer server;
        final ConcurrentLinkedQueue<JsonNode> events = new ConcurrentLinkedQueue<>();

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                events.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/atensi";
        }

        Set<String> families() {
            return events.stream().map(event -> event.path("type").asText())
                    .flatMap(type -> FAMILIES.stream().filter(type::startsWith)).collect(Collectors.toSet());
        }
    }

    @BeforeAll
    static void twoPartnersWithEndpointsAndWorlds() throws IOException {
        receiverA = new Receiver();
        receiverB = new Receiver();
        String trainingProgramme = as(KeycloakTokens.admin()).body(Map.of("title", "Webhook matrix " + UUID.randomUUID(),
                        "skillAreas", List.of("SEWING")))
                .post("/api/v1/training/programmes").then().statusCode(201).extract().path("id");
        var aid = as(KeycloakTokens.admin()).body(Map.of("name", "Webhook matrix aid " + UUID.randomUUID(), "kind", "SOCIAL_AID",
                        "periodStart", A_YEAR_AGO, "periodEnd", IN_A_YEAR,
                        "fundingSources", List.of(Map.of("kind", "STATE_BUDGET", "amountIdr", 100_000_000L))))
                .post("/api/v1/aid/programmes").then().statusCode(201).extract();
        String item = as(KeycloakTokens.admin()).body(Map.of("code", "WH-" + UUID.randomUUID(), "name", "Sembako package", "unit", "package",
                        "category", "STAPLE_FOOD_PACKAGE", "amountIdr", 300_000L))
                .post("/api/v1/aid/items").then().statusCode(201).extract().path("id");
        a = world("A", receiverA, trainingProgramme, aid.path("id"), aid.path("fundingSources[0].id"), item);
        b = world("B", receiverB, trainingProgramme, aid.path("id"), aid.path("fundingSources[0].id"), item);
    }

    @AfterAll
    static void stopReceivers() {
        for (Receiver receiver : new Receiver[] {receiverA, receiverB}) {
            if (receiver != null) {
                receiver.server.stop(0);
            }
        }
    }

    private static World world(String name, Receiver receiver, String trainingProgramme, String aidProgramme, String fundingSource, String item) {
        String suffix = name + " " + UUID.randomUUID().toString().substring(0, 8);
        String unitId = serviceUnit("Webhook " + suffix);
        String partnerId = lksPartner("Webhook " + suffix);
        String officer = KeycloakTokens.officer(unitId);
        String partner = KeycloakTokens.partner(partnerId);

        // The partner registers for itself once webhook-service has learnt of it from the partner events (422 until then).
        eventually(() -> as(partner).body(Map.of("url", receiver.url(), "eventTypes", List.of("atensi.beneficiary.*", "atensi.partner.*",
                        "atensi.training.*", "atensi.aid.*"), "description", "Matrix " + suffix))
                .post("/api/v1/webhooks/endpoints").then().statusCode(201).extract().path("id"));

        String agreementId = agreement(officer, unitId, partnerId, "Webhooks " + suffix);
        as(officer).body(Map.of("signedOn", A_YEAR_AGO, "signatories", List.of(Map.of("name", "Kepala Balai", "partyId", unitId),
                        Map.of("name", "Ketua Yayasan", "partyId", partnerId))))
                .post("/api/v1/agreements/{id}/signature", agreementId).then().statusCode(200);

        String personId = eventually(() -> as(officer).body(person(unitId, partnerId))
                .post("/api/v1/beneficiaries").then().statusCode(201).extract().path("id"));
        as(officer).body(Map.of("purpose", "PARTNER_SHARING", "given", true, "evidence", Map.of("formReference", "WEBHOOK/" + suffix)))
                .post("/api/v1/beneficiaries/{id}/consents", personId).then().statusCode(201);

        String classId = openClass(officer, trainingProgramme, unitId, partnerId, "Webhook class " + suffix);
        String enrolmentId = eventually(() -> as(officer).body(Map.of("beneficiaryId", personId, "audience", "BENEFICIARY"))
                .post("/api/v1/training/classes/{id}/enrolments", classId).then().statusCode(201).extract().path("id"));

        String distributionId = eventually(() -> as(officer).body(Map.of("programmeId", aidProgramme, "fundingSourceId", fundingSource,
                        "recipientKind", "PERSON", "recipientId", personId, "channellingPartnerId", partnerId,
                        "lines", List.of(Map.of("itemId", item, "quantity", 2))))
                .post("/api/v1/aid/distributions").then().statusCode(201).extract().path("id"));
        as(KeycloakTokens.admin()).post("/api/v1/aid/distributions/{id}/approve", distributionId).then().statusCode(200);
        return new World(partnerId, unitId, agreementId, personId, classId, enrolmentId, distributionId);
    }

    @Test
    void eachPartnerReceivesEveryFamilyAboutItsOwnObjectsAndNothingOfTheOther() {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertTrue(receiverA.families().containsAll(FAMILIES), "partner A's receiver got " + receiverA.families());
            assertTrue(receiverB.families().containsAll(FAMILIES), "partner B's receiver got " + receiverB.families());
        });
        assertOnlyOwn(receiverA, a, b);
        assertOnlyOwn(receiverB, b, a);
    }

    @Test
    void aPartnerNeitherSeesNorChangesAnotherPartnersEndpoints() {
        String partnerA = KeycloakTokens.partner(a.partnerId());
        String endpointB = as(KeycloakTokens.partner(b.partnerId())).get("/api/v1/webhooks/endpoints").then().statusCode(200)
                .extract().path("items[0].id");
        as(partnerA).get("/api/v1/webhooks/endpoints/{id}", endpointB).then().statusCode(404);
        as(partnerA).get("/api/v1/webhooks/endpoints/{id}/deliveries", endpointB).then().statusCode(404);
        as(partnerA).post("/api/v1/webhooks/endpoints/{id}/ping", endpointB).then().statusCode(404);
        as(partnerA).post("/api/v1/webhooks/endpoints/{id}/secret/rotation", endpointB).then().statusCode(404);
        as(partnerA).delete("/api/v1/webhooks/endpoints/{id}", endpointB).then().statusCode(404);
        as(partnerA).body(Map.of("partnerId", b.partnerId(), "url", receiverA.url(), "eventTypes", List.of("atensi.aid.*")))
                .post("/api/v1/webhooks/endpoints").then().statusCode(404);
        List<String> listedToA = as(partnerA).queryParam("partnerId", b.partnerId()).get("/api/v1/webhooks/endpoints").then()
                .extract().path("items.id");
        assertFalse(listedToA != null && listedToA.contains(endpointB), "partner A listed partner B's endpoint");
    }

    private static void assertOnlyOwn(Receiver receiver, World own, World other) {
        for (JsonNode event : receiver.events) {
            String body = event.toString();
            for (String id : other.ids()) {
                assertFalse(body.contains(id), event.path("type").asText() + " to partner " + own.partnerId() + " names the other partner's " + id);
            }
        }
        Set<String> seen = receiver.events.stream().map(JsonNode::toString).flatMap(body -> own.ids().stream().filter(body::contains))
                .collect(Collectors.toSet());
        assertTrue(seen.containsAll(Set.of(own.agreementId(), own.personId(), own.classId(), own.distributionId())),
                "partner " + own.partnerId() + "'s own objects in its deliveries: " + seen);
    }

    private static Map<String, Object> person(String unitId, String partnerId) {
        int day = ThreadLocalRandom.current().nextInt(1, 29);
        String nik = "320101%02d0890%04d".formatted(day, ThreadLocalRandom.current().nextInt(1, 10_000));
        return Map.of("fullName", "Webhook Person " + UUID.randomUUID().toString().substring(0, 6), "nik", nik,
                "birthDate", "1990-08-%02d".formatted(day), "sex", "MALE", "serviceUnitId", unitId, "partnerIds", List.of(partnerId));
    }


}
