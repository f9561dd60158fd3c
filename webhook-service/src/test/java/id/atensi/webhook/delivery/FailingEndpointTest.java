package id.atensi.webhook.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.MovableClock;
import id.atensi.testing.TestTokens;
import id.atensi.testing.TopicReader;
import id.atensi.webhook.Receiver;
import id.atensi.webhook.Receiver.Answer;
import id.atensi.outbound.OutboundResult;
import id.atensi.webhook.domain.Delivery;
import id.atensi.webhook.domain.DeliveryAttempt;
import id.atensi.webhook.domain.DeliveryStatus;
import id.atensi.webhook.domain.DisabledReason;
import id.atensi.webhook.domain.Endpoint;
import id.atensi.webhook.domain.SecretCipher;
import id.atensi.webhook.domain.WebhookEvent;
import id.atensi.webhook.service.DeliveryStore;
import id.atensi.webhook.service.DeliveryStore.Attempted;
import id.atensi.webhook.service.Outgoing;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

import static id.atensi.webhook.WebhookFixtures.as;
import static id.atensi.webhook.WebhookFixtures.beneficiaryRegistered;
import static id.atensi.webhook.WebhookFixtures.endpoint;
import static id.atensi.webhook.WebhookFixtures.partner;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The 5-day rule, with the service's clock moved instead of waiting five days. */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "webhook"))
class FailingEndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    MovableClock clock;

    @Inject
    DeliveryStore store;

    @Inject
    SecretCipher cipher;

    @AfterEach
    void backToNow() {
        clock.reset();
    }

    @Test
    void anEndpointFailingForFiveDaysIsDisabledAndThePartnerToldAndEnablingResumesItsDeliveries() throws Exception {
        String lks = partner();
        try (Receiver receiver = Receiver.start(); TopicReader topic = TopicReader.of("atensi.webhook.events")) {
            receiver.thenAnswer(Answer.status(500)).otherwise(Answer.never());
            String[] endpoint = endpoint(lks, receiver.url(), List.of("atensi.beneficiary.*"));
            String url = "/api/v1/webhooks/endpoints/" + endpoint[0];
            beneficiaryRegistered(UUID.randomUUID().toString(), "Gagal", lks);
            receiver.awaitRequests(1, Duration.ofSeconds(30));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(TestTokens.partner(lks)).get(url).then()
                    .body("containsKey('failingSince')", equalTo(true)).body("status", equalTo("ENABLED")));

            receiver.otherwise(Answer.status(503));
            clock.travelTo(Instant.now().plus(Duration.ofDays(5)).plusSeconds(60));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(TestTokens.partner(lks)).get(url).then()
                    .body("status", equalTo("DISABLED")).body("disabledReason", equalTo("FAILING")));
            var record = topic.await(r -> endpoint[0].equals(r.key()), Duration.ofSeconds(30));
            assertEquals("FAILING", JSON.readTree(TopicReader.value(record)).get("reason").asText());

            int before = receiver.received().size();
            await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
            assertEquals(before, receiver.received().size(), "a disabled endpoint is not called");

            receiver.otherwise(Answer.status(200));
            as(TestTokens.partner(lks)).body(Map.of("status", "ENABLED")).post(url + "/status").then().statusCode(200)
                    .body("containsKey('failingSince')", equalTo(false));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(TestTokens.partner(lks)).get(url + "/deliveries")
                    .then().body("items[0].status", equalTo("DELIVERED")));
        }
    }

    @Test
    void withinOneRecordedBatchAnEndpointsLastOutcomeDecidesWhetherItIsFailing() {
        UUID endpoint = disabledEndpoint();
        List<Outgoing> sent = pendingDeliveries(endpoint, 5);

        store.recordAll(List.of(new Attempted(sent.get(0), answered(500)), new Attempted(sent.get(1), answered(204))));
        assertNull(failingSince(endpoint), "failed, then delivered in the same batch: not failing");
        store.recordAll(List.of(new Attempted(sent.get(2), answered(500))));
        assertNotNull(failingSince(endpoint));
        store.recordAll(List.of(new Attempted(sent.get(3), answered(204)), new Attempted(sent.get(4), answered(500))));
        assertNotNull(failingSince(endpoint), "delivered, then failed in the same batch: failing");
    }

    @Test
    void aBatchOfSuccessesIsRecordedInOneStatementAsTheGeneralPathWouldRecordIt() {
        UUID endpoint = disabledEndpoint();
        List<Outgoing> sent = pendingDeliveries(endpoint, 4);
        store.recordAll(List.of(new Attempted(sent.get(0), answered(500))));
        assertNotNull(failingSince(endpoint));
        // Deleted meanwhile (its endpoint's log purged, say): nothing to record, counted as failed like recordAll does.
        QuarkusTransaction.requiringNew().run(() -> Delivery.deleteById(sent.get(3).deliveryId()));

        List<Attempted> successes = List.of(new Attempted(sent.get(0), answered(204, "ok\u0000")), new Attempted(sent.get(1), answered(200, "")),
                new Attempted(sent.get(3), answered(204, "")));
        assertTrue(DeliveryStore.allDelivered(successes));
        assertEquals(List.of(DeliveryStore.Result.DELIVERED, DeliveryStore.Result.DELIVERED, DeliveryStore.Result.FAILED),
                store.recordDelivered(successes));

        assertNull(failingSince(endpoint), "a success ends the endpoint's failing state");
        QuarkusTransaction.requiringNew().run(() -> {
            Delivery retried = Delivery.findById(sent.get(0).deliveryId());
            assertEquals(DeliveryStatus.DELIVERED, retried.status);
            assertEquals(2, retried.attempts);
            assertEquals(2, retried.retryStep);
            assertEquals(204, retried.lastStatusCode);
            assertNotNull(retried.deliveredAt);
            assertNull(retried.nextAttemptAt);
            assertNull(retried.leaseUntil);
            List<DeliveryAttempt> log = DeliveryAttempt.list("deliveryId = ?1 order by attempt", retried.id);
            assertEquals(List.of(1, 2), log.stream().map(logged -> logged.attempt).toList());
            assertEquals("ANSWERED", log.get(1).outcome);
            assertEquals(204, log.get(1).statusCode);
            assertEquals(7, log.get(1).latencyMs);
            assertEquals("ok\uFFFD", log.get(1).responseExcerpt, "PostgreSQL's text holds no NUL");
            assertNull(log.get(1).detail);
            Delivery first = Delivery.findById(sent.get(1).deliveryId());
            assertEquals(DeliveryStatus.DELIVERED, first.status);
            assertEquals(1, first.attempts);
            assertEquals(200, first.lastStatusCode);
            assertNull(DeliveryAttempt.<DeliveryAttempt>find("deliveryId", first.id).singleResult().responseExcerpt);
            assertEquals(DeliveryStatus.PENDING, Delivery.<Delivery>findById(sent.get(2).deliveryId()).status, "not in the batch");
        });
    }

    @Test
    void onlyBatchesOfDistinctSuccessfulAttemptsTakeTheOneStatementPath() {
        Outgoing one = new Outgoing(UUID.randomUUID(), UUID.randomUUID(), "http://127.0.0.1:9/", 4, List.of(), new byte[0], "t", OffsetDateTime.now());
        Outgoing other = new Outgoing(UUID.randomUUID(), one.endpointId(), "http://127.0.0.1:9/", 4, List.of(), new byte[0], "t", OffsetDateTime.now());
        assertTrue(DeliveryStore.allDelivered(List.of(new Attempted(one, answered(204)), new Attempted(other, answered(299)))));
        assertFalse(DeliveryStore.allDelivered(List.of(new Attempted(one, answered(204)), new Attempted(other, answered(302)))));
        assertFalse(DeliveryStore.allDelivered(List.of(new Attempted(one, answered(204)), new Attempted(one, answered(204)))),
                "the same delivery twice (claimed again after its lease ended) goes through recordAll");
        assertFalse(DeliveryStore.allDelivered(List.of(new Attempted(one, new OutboundResult(OutboundResult.Outcome.TIMED_OUT, 0,
                Optional.empty(), "", Duration.ofSeconds(10), "no answer")))));
    }

    /** Disabled, so that the dispatcher leaves its deliveries to the test. */
    private UUID disabledEndpoint() {
        OffsetDateTime now = OffsetDateTime.now();
        return QuarkusTransaction.requiringNew().call(() -> {
            Endpoint registered = Endpoint.register(UUID.randomUUID(), "http://127.0.0.1:9/none", null, List.of("atensi.aid.*"), now,
                    cipher.seal("whsec_" + UUID.randomUUID()));
            registered.disable(DisabledReason.MANUAL, now);
            registered.persist();
            return registered.id;
        });
    }

    private static List<Outgoing> pendingDeliveries(UUID endpoint, int count) {
        OffsetDateTime now = OffsetDateTime.now();
        return QuarkusTransaction.requiringNew().call(() -> IntStream.range(0, count).mapToObj(i -> {
            WebhookEvent event = new WebhookEvent();
            event.id = UUID.randomUUID().toString();
            event.type = "atensi.aid.distribution.approved.v2";
            event.source = "/atensi/aid";
            event.time = now;
            event.data = "{}";
            event.receivedAt = now;
            event.persist();
            Delivery delivery = Delivery.of(endpoint, event, now);
            delivery.persist();
            return new Outgoing(delivery.id, endpoint, "http://127.0.0.1:9/none", 4, List.of(), new byte[0], event.type, now);
        }).toList());
    }

    @Test
    void anEndpointWhoseSecretNoConfiguredKeyOpensWaitsWhileTheOthersAreServed() {
        String unreadable = partner();
        String served = partner();
        try (Receiver waiting = Receiver.start(); Receiver receiver = Receiver.start()) {
            String[] broken = endpoint(unreadable, waiting.url(), List.of("atensi.beneficiary.*"));
            endpoint(served, receiver.url(), List.of("atensi.beneficiary.*"));
            String brokenUrl = "/api/v1/webhooks/endpoints/" + broken[0];
            // Sealed with a key the service no longer has (removed from its configuration too soon after a rotation).
            QuarkusTransaction.requiringNew().run(() -> Endpoint.update("secret = ?1 where id = ?2",
                    "aesgcm:retired:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", UUID.fromString(broken[0])));
            try {
                beneficiaryRegistered(UUID.randomUUID().toString(), "Tak Terbaca", unreadable);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(TestTokens.partner(unreadable)).get(brokenUrl + "/deliveries")
                        .then().body("items.size()", equalTo(1)));
                beneficiaryRegistered(UUID.randomUUID().toString(), "Terlayani", served);
                receiver.awaitRequests(1, Duration.ofSeconds(30));
                assertEquals(0, waiting.received().size(), "nothing is sent for an endpoint that cannot be signed for");
            } finally {
                as(TestTokens.partner(unreadable)).body(Map.of("status", "DISABLED")).post(brokenUrl + "/status").then().statusCode(200);
            }
        }
    }

    private static OutboundResult answered(int status) {
        return new OutboundResult(OutboundResult.Outcome.ANSWERED, status, Optional.empty(), "", Duration.ofMillis(3), "");
    }

    private static OutboundResult answered(int status, String excerpt) {
        return new OutboundResult(OutboundResult.Outcome.ANSWERED, status, Optional.empty(), excerpt, Duration.ofMillis(7), "");
    }

    private static OffsetDateTime failingSince(UUID endpoint) {
        return QuarkusTransaction.requiringNew().call(() -> Endpoint.<Endpoint>findById(endpoint).failingSince);
    }
}
