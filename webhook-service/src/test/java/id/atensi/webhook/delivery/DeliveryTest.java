package id.atensi.webhook.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import id.atensi.testing.TopicReader;
import id.atensi.webhook.Receiver;
import id.atensi.webhook.Receiver.Answer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static id.atensi.webhook.WebhookFixtures.ALL_FAMILIES;
import static id.atensi.webhook.WebhookFixtures.as;
import static id.atensi.webhook.WebhookFixtures.beneficiaryRegistered;
import static id.atensi.webhook.WebhookFixtures.endpoint;
import static id.atensi.webhook.WebhookFixtures.expectedSignature;
import static id.atensi.webhook.WebhookFixtures.partner;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deliveries to real receivers on 127.0.0.1 (allowed by the test configuration), with the test's retry schedule
 * (the same eight attempts, 0.3 s apart) and a 2 s timeout.
 */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "webhook"))
class DeliveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aDeliveryIsTheCloudEventSignedAsStandardWebhooksSays() throws Exception {
        String lks = partner();
        try (Receiver receiver = Receiver.start()) {
            String[] endpoint = endpoint(lks, receiver.url(), List.of("atensi.beneficiary.*"));
            String person = UUID.randomUUID().toString();
            String eventId = beneficiaryRegistered(person, "Siti Aminah", lks);

            Receiver.Request request = receiver.awaitRequests(1, WAIT).get(0);
            String webhookId = request.header("webhook-id");
            String timestamp = request.header("webhook-timestamp");
            assertEquals(expectedSignature(endpoint[1], webhookId, timestamp, request.body()), request.header("webhook-signature"));
            assertTrue(Math.abs(Long.parseLong(timestamp) - Instant.now().getEpochSecond()) < 60, "timestamp is now, in seconds");
            assertTrue(request.header("content-type").startsWith("application/json"));
            JsonNode event = JSON.readTree(request.body());
            assertEquals("1.0", event.get("specversion").asText());
            assertEquals(eventId, event.get("id").asText());
            assertEquals("atensi.beneficiary.registered.v1", event.get("type").asText());
            assertEquals("/atensi/beneficiary", event.get("source").asText());
            assertEquals(person, event.get("subject").asText());
            assertEquals(person, event.get("data").get("beneficiaryId").asText());

            JsonPath log = as(TestTokens.partner(lks)).get("/api/v1/webhooks/endpoints/" + endpoint[0] + "/deliveries")
                    .then().statusCode(200).body("total", equalTo(1)).extract().jsonPath();
            assertEquals(webhookId, log.getString("items[0].webhookId"));
            await().atMost(WAIT).untilAsserted(() -> as(TestTokens.partner(lks))
                    .get("/api/v1/webhooks/endpoints/" + endpoint[0] + "/deliveries/" + log.getString("items[0].id"))
                    .then().statusCode(200).body("delivery.status", equalTo("DELIVERED")).body("attempts", hasSize(1))
                    .body("attempts[0].statusCode", equalTo(204)).body("attempts[0].outcome", equalTo("ANSWERED")));
        }
    }

    @Test
    void aReceiverFailingThreeTimesGetsTheSameWebhookIdUntilItSucceedsAndTheLogShowsEveryAttempt() {
        String lks = partner();
        try (Receiver receiver = Receiver.start()) {
            receiver.thenAnswer(Answer.status(500), Answer.status(502), Answer.status(503)).otherwise(Answer.status(200));
            String[] endpoint = endpoint(lks, receiver.url(), List.of("atensi.beneficiary.registered.v1"));
            beneficiaryRegistered(UUID.randomUUID().toString(), "Budi Santoso", lks);

            List<Receiver.Request> requests = receiver.awaitRequests(4, WAIT);
            assertEquals(1, requests.stream().map(request -> request.header("webhook-id")).distinct().count());
            String deliveryId = as(TestTokens.admin()).get("/api/v1/webhooks/endpoints/" + endpoint[0] + "/deliveries")
                    .then().extract().jsonPath().getString("items[0].id");
            await().atMost(WAIT).untilAsserted(() -> as(TestTokens.admin())
                    .get("/api/v1/webhooks/endpoints/" + endpoint[0] + "/deliveries/" + deliveryId).then().statusCode(200)
                    .body("delivery.status", equalTo("DELIVERED")).body("delivery.attempts", equalTo(4))
                    .body("attempts.statusCode", equalTo(List.of(500, 502, 503, 200)))
                    .body("attempts[3].responseExcerpt", equalTo("thanks")));
            as(TestTokens.admin()).get("/api/v1/webhooks/endpoints/" + endpoint[0]).then().body("containsKey('failingSince')", equalTo(false));
        }
    }

    @Test
    void aDeliveryThatFailsEveryAttemptOfTheScheduleEndsFailed() {
        String lks = partner();
        try (Receiver receiver = Receiver.start()) {
            receiver.otherwise(Answer.status(500));
            String[] endpoint = endpoint(lks, receiver.url(), List.of("atensi.beneficiary.*"));
            beneficiaryRegistered(UUID.randomUUID().toString(), "Rina", lks);
            receiver.awaitRequests(8, WAIT);
            await().atMost(WAIT).untilAsserted(() -> as(TestTokens.admin()).get("/api/v1/webhooks/endpoints/" + endpoint[0] + "/deliveries")
                    .then().body("items[0].status", equalTo("FAILED")).body("items[0].attempts", equalTo(8)));
            assertEquals(8, receiver.received().size(), "no ninth attempt");
            as(TestTokens.admin()).get("/api/v1/webhooks/endpoints/" + endpoint[0]).then()
                    .body("status", equalTo("ENABLED")).body("containsKey('failingSince')", equalTo(true));
        }
    }

    @Test
    void goneDisablesTheEndpointAndTellsThePartnerByAnEvent() throws Exception {
        String lks = partner();
        try (Receiver receiver = Receiver.start(); TopicReader topic = TopicReader.of("atensi.webhook.events")) {
            receiver.otherwise(Answer.status(410));
            String[] endpoint = endpoint(lks, receiver.url(), List.of("atensi.beneficiary.*"));
            String person = UUID.randomUUID().toString();
            beneficiaryRegistered(person, "Dewi", lks);
            receiver.awaitRequests(1, WAIT);
            await().atMost(WAIT).untilAsserted(() -> as(TestTokens.partner(lks)).get("/api/v1/webhooks/endpoints/" + endpoint[0])
                    .then().body("status", equalTo("DISABLED")).body("disabledReason", equalTo("GONE"))
                    .body("allowedTransitions", equalTo(List.of("ENABLED"))));
            var record = topic.await(r -> endpoint[0].equals(r.key()), WAIT);
            assertEquals("atensi.webhook.endpoint.disabled.v1", TopicReader.header(record, "ce_type"));
            JsonNode data = JSON.readTree(TopicReader.value(record));
            assertEquals("GONE", data.get("reason").asText());
            assertEquals(lks, data.get("partnerId").asText());

            beneficiaryRegistered(UUID.randomUUID().toString(), "Dewi Dua", lks);
            Thread.sleep(1_500);
            assertEquals(1, receiver.received().size(), "a disabled endpoint receives nothing more");
        }
    }

    @Test
    void aReceiverThatNeverAnswersTimesOutWithoutDelayingAnotherEndpoint() {
        String lks = partner();
        try (Receiver hanging = Receiver.start(); Receiver healthy = Receiver.start()) {
            hanging.otherwise(Answer.never());
            String[] slow = endpoint(lks, hanging.url(), List.of("atensi.beneficiary.*"));
            endpoint(lks, healthy.url(), List.of("atensi.beneficiary.*"));
            List<String> people = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String person = UUID.randomUUID().toString();
                people.add(person);
                beneficiaryRegistered(person, "Orang " + i, lks);
            }
            List<Receiver.Request> delivered = healthy.awaitRequests(6, Duration.ofSeconds(10));
            Instant firstHang = hanging.awaitRequests(1, WAIT).get(0).at();
            // Held behind the hang, the sixth would leave only once the first hanging request timed out: the bound is
            // that time-out itself, the most room a loaded machine can be given without letting a held delivery pass.
            Duration timeout = ConfigProvider.getConfig().getValue("atensi.webhook.outbound.timeout", Duration.class);
            Duration spread = Duration.between(firstHang, delivered.get(5).at());
            assertTrue(spread.compareTo(timeout) < 0, "the healthy endpoint got its six deliveries " + spread
                    + " after the hanging one's first request, not within its " + timeout + " time-out");
            assertTrue(hanging.received().size() <= 4, "at most the per-endpoint limit of 4 requests hang at once");
            await().atMost(WAIT).untilAsserted(() -> {
                JsonPath log = as(TestTokens.admin()).get("/api/v1/webhooks/endpoints/" + slow[0] + "/deliveries?status=PENDING")
                        .then().extract().jsonPath();
                String id = log.getString("items[0].id");
                as(TestTokens.admin()).get("/api/v1/webhooks/endpoints/" + slow[0] + "/deliveries/" + id)
                        .then().body("attempts[0].outcome", equalTo("TIMED_OUT"));
            });
        }
    }

    @Test
    void tooManyRequestsWithRetryAfterWaitsAsToldInsteadOfTheSchedule() {
        String lks = partner();
        try (Receiver receiver = Receiver.start()) {
            receiver.thenAnswer(Answer.status(429, Map.of("Retry-After", "2"))).otherwise(Answer.status(200));
            endpoint(lks, receiver.url(), List.of("atensi.beneficiary.*"));
            beneficiaryRegistered(UUID.randomUUID().toString(), "Agus", lks);
            List<Receiver.Request> requests = receiver.awaitRequests(2, WAIT);
            Duration wait = Duration.between(requests.get(0).at(), requests.get(1).at());
            assertTrue(wait.compareTo(Duration.ofMillis(1_900)) >= 0, "Retry-After: 2 honoured, not the 0.3 s schedule: " + wait);
            assertEquals(requests.get(0).header("webhook-id"), requests.get(1).header("webhook-id"));
        }
    }

    @Test
    void oneAggregatesEventsArriveInCommitOrderEvenWhenTheFirstNeedsRetries() throws Exception {
        String lks = partner();
        try (Receiver receiver = Receiver.start()) {
            receiver.thenAnswer(Answer.status(500), Answer.status(500)).otherwise(Answer.status(200));
            endpoint(lks, receiver.url(), List.of("atensi.beneficiary.*"));
            String person = UUID.randomUUID().toString();
            beneficiaryRegistered(person, "Urut", lks);
            List<String> statuses = List.of("ASSESSED", "ACTIVE", "GRADUATED");
            for (String status : statuses) {
                id.atensi.webhook.WebhookFixtures.BENEFICIARY.publish(UUID.randomUUID().toString(), "atensi.beneficiary.status-changed.v1", person, """
                        {"beneficiaryId":"%s","toStatus":"%s","changedAt":"2026-03-02T10:00:00+07:00"}""".formatted(person, status));
            }
            List<Receiver.Request> requests = receiver.awaitRequests(6, WAIT);
            List<String> order = new ArrayList<>();
            for (Receiver.Request request : requests) {
                JsonNode event = JSON.readTree(request.body());
                String label = event.get("type").asText().endsWith("registered.v1") ? "REGISTERED" : event.get("data").get("toStatus").asText();
                if (order.isEmpty() || !order.get(order.size() - 1).equals(label)) {
                    order.add(label);
                }
            }
            assertEquals(List.of("REGISTERED", "ASSESSED", "ACTIVE", "GRADUATED"), order,
                    "each later event waited for the one before it; the first was retried twice");
        }
    }

    @Test
    void eventsPublishedTogetherReachEachSubscribedEndpointOnceAndEachPersonsInCommitOrder() throws Exception {
        String lks = partner();
        String csr = partner();
        try (Receiver everything = Receiver.start(); Receiver statuses = Receiver.start()) {
            endpoint(lks, everything.url(), List.of("atensi.beneficiary.*"));
            endpoint(csr, statuses.url(), List.of("atensi.beneficiary.status-changed.v1"));
            // Published back to back, most of them reach the consumer in one poll and are fanned out together.
            List<String> people = new ArrayList<>();
            Map<String, List<String>> expected = new java.util.HashMap<>();
            for (int i = 0; i < 20; i++) {
                String person = UUID.randomUUID().toString();
                people.add(person);
                List<String> events = new ArrayList<>(List.of(beneficiaryRegistered(person, "Serentak " + i, lks, csr)));
                for (String status : List.of("ASSESSED", "ACTIVE")) {
                    String eventId = UUID.randomUUID().toString();
                    id.atensi.webhook.WebhookFixtures.BENEFICIARY.publish(eventId, "atensi.beneficiary.status-changed.v1", person, """
                            {"beneficiaryId":"%s","toStatus":"%s","changedAt":"2026-03-02T10:00:00+07:00"}""".formatted(person, status));
                    events.add(eventId);
                }
                expected.put(person, events);
            }
            List<Receiver.Request> all = everything.awaitRequests(60, WAIT);
            List<Receiver.Request> changes = statuses.awaitRequests(40, WAIT);
            Thread.sleep(1_000);
            assertEquals(60, everything.received().size(), "one delivery per event, none twice");
            assertEquals(40, statuses.received().size(), "only the subscribed type, one delivery per event");
            for (String person : people) {
                assertEquals(expected.get(person), eventIds(all, person), "every event of the person, in commit order");
                assertEquals(expected.get(person).subList(1, 3), eventIds(changes, person), "the person's status changes, in commit order");
            }
            assertEquals(60, all.stream().map(request -> request.header("webhook-id")).distinct().count());
        }
    }

    private static List<String> eventIds(List<Receiver.Request> requests, String person) throws Exception {
        List<String> ids = new ArrayList<>();
        for (Receiver.Request request : requests) {
            JsonNode event = JSON.readTree(request.body());
            if (person.equals(event.get("subject").asText())) {
                ids.add(event.get("id").asText());
            }
        }
        return ids;
    }

    @Test
    void replayingOneDeliverySendsItAgainUnderTheSameWebhookId() {
        String lks = partner();
        try (Receiver receiver = Receiver.start()) {
            String[] endpoint = endpoint(lks, receiver.url(), List.of("atensi.beneficiary.*"));
            beneficiaryRegistered(UUID.randomUUID().toString(), "Ulang", lks);
            receiver.awaitRequests(1, WAIT);
            String base = "/api/v1/webhooks/endpoints/" + endpoint[0] + "/deliveries";
            await().atMost(WAIT).untilAsserted(() -> as(TestTokens.partner(lks)).get(base).then().body("items[0].status", equalTo("DELIVERED")));
            String deliveryId = as(TestTokens.partner(lks)).get(base).then().extract().jsonPath().getString("items[0].id");
            as(TestTokens.partner(lks)).post(base + "/" + deliveryId + "/replay").then().statusCode(202).body("status", equalTo("PENDING"));
            List<Receiver.Request> requests = receiver.awaitRequests(2, WAIT);
            assertEquals(requests.get(0).header("webhook-id"), requests.get(1).header("webhook-id"));
            assertEquals(requests.get(0).body(), requests.get(1).body());
            String other = partner();
            as(TestTokens.partner(other)).post(base + "/" + deliveryId + "/replay").then().statusCode(404);
            as(TestTokens.partner(lks)).post(base + "/" + UUID.randomUUID() + "/replay").then().statusCode(404);
        }
    }

    @Test
    void replayingATimeRangeSendsEveryDeliveryCreatedInItAndNoOther() {
        String lks = partner();
        try (Receiver receiver = Receiver.start()) {
            String[] endpoint = endpoint(lks, receiver.url(), List.of("atensi.beneficiary.*"));
            beneficiaryRegistered(UUID.randomUUID().toString(), "Sebelum", lks);
            receiver.awaitRequests(1, WAIT);
            OffsetDateTime from = OffsetDateTime.now().minusSeconds(1);
            await().pollDelay(Duration.ofMillis(1_100)).until(() -> true);
            from = OffsetDateTime.now();
            beneficiaryRegistered(UUID.randomUUID().toString(), "Satu", lks);
            beneficiaryRegistered(UUID.randomUUID().toString(), "Dua", lks);
            List<Receiver.Request> first = receiver.awaitRequests(3, WAIT);
            Set<String> inRange = Set.of(first.get(1).header("webhook-id"), first.get(2).header("webhook-id"));
            String base = "/api/v1/webhooks/endpoints/" + endpoint[0];
            await().atMost(WAIT).untilAsserted(() -> as(TestTokens.admin()).get(base + "/deliveries?status=PENDING")
                    .then().body("total", equalTo(0)));
            as(TestTokens.admin()).body(Map.of("from", from.toString(), "to", OffsetDateTime.now().plusMinutes(1).toString()))
                    .post(base + "/replays").then().statusCode(202).body("replayed", equalTo(2));
            List<Receiver.Request> all = receiver.awaitRequests(5, WAIT);
            assertEquals(inRange, Set.of(all.get(3).header("webhook-id"), all.get(4).header("webhook-id")));
            as(TestTokens.admin()).body(Map.of("from", OffsetDateTime.now().toString(), "to", OffsetDateTime.now().minusHours(1).toString()))
                    .post(base + "/replays").then().statusCode(400);
        }
    }

    @Test
    void afterRotationBothSecretsSignUntilTheOverlapEnds() {
        String lks = partner();
        try (Receiver receiver = Receiver.start()) {
            String[] endpoint = endpoint(lks, receiver.url(), List.of("atensi.beneficiary.*"));
            String newSecret = as(TestTokens.partner(lks)).post("/api/v1/webhooks/endpoints/" + endpoint[0] + "/secret/rotation")
                    .then().statusCode(200).body("containsKey('previousSecretExpiresAt')", equalTo(true))
                    .extract().jsonPath().getString("secret");
            assertNotEquals(endpoint[1], newSecret);
            assertTrue(newSecret.startsWith("whsec_"));
            beneficiaryRegistered(UUID.randomUUID().toString(), "Rotasi", lks);
            Receiver.Request request = receiver.awaitRequests(1, WAIT).get(0);
            String[] signatures = request.header("webhook-signature").split(" ");
            String id = request.header("webhook-id");
            String timestamp = request.header("webhook-timestamp");
            assertEquals(List.of(expectedSignature(newSecret, id, timestamp, request.body()), expectedSignature(endpoint[1], id, timestamp, request.body())),
                    List.of(signatures));
            as(TestTokens.partner(lks)).get("/api/v1/webhooks/endpoints/" + endpoint[0]).then().body("containsKey('secret')", equalTo(false));
        }
    }

    @Test
    void aTestPingIsDeliveredSignedAndLogged() throws Exception {
        String lks = partner();
        try (Receiver receiver = Receiver.start()) {
            String[] endpoint = endpoint(lks, receiver.url(), List.of("atensi.aid.*"));
            as(TestTokens.partner(lks)).post("/api/v1/webhooks/endpoints/" + endpoint[0] + "/ping").then().statusCode(202)
                    .body("eventType", equalTo("atensi.webhook.ping.v1"));
            Receiver.Request request = receiver.awaitRequests(1, WAIT).get(0);
            assertEquals(expectedSignature(endpoint[1], request.header("webhook-id"), request.header("webhook-timestamp"), request.body()),
                    request.header("webhook-signature"));
            assertEquals(endpoint[0], JSON.readTree(request.body()).get("data").get("endpointId").asText());
        }
    }

    @Test
    void theMetricsCountAttemptsAndDeliveries() {
        aTestPingIsDeliveredSignedAndLoggedQuietly();
        String metrics = io.restassured.RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        for (String name : List.of("atensi_webhook_attempts_total", "atensi_webhook_deliveries_total", "atensi_webhook_delivery_latency_seconds",
                "atensi_webhook_pending", "atensi_webhook_pending_oldest_seconds", "atensi_webhook_endpoints_disabled")) {
            assertTrue(metrics.contains(name), name + " missing from /q/metrics");
        }
    }

    private void aTestPingIsDeliveredSignedAndLoggedQuietly() {
        String lks = partner();
        try (Receiver receiver = Receiver.start()) {
            String[] endpoint = endpoint(lks, receiver.url(), List.of("atensi.aid.*"));
            as(TestTokens.admin()).post("/api/v1/webhooks/endpoints/" + endpoint[0] + "/ping").then().statusCode(202);
            receiver.awaitRequests(1, WAIT);
            await().atMost(WAIT).untilAsserted(() -> as(TestTokens.admin()).get("/api/v1/webhooks/endpoints/" + endpoint[0] + "/deliveries")
                    .then().body("items[0].status", equalTo("DELIVERED")));
        }
    }
}
