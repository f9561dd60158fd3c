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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

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
        OffsetDateTime now = OffsetDateTime.now();
        UUID endpoint = QuarkusTransaction.requiringNew().call(() -> {
            Endpoint registered = Endpoint.register(UUID.randomUUID(), "http://127.0.0.1:9/none", null, List.of("atensi.aid.*"), now,
                    cipher.seal("whsec_" + UUID.randomUUID()));
            // Disabled, so that the dispatcher leaves its deliveries to this test.
            registered.disable(DisabledReason.MANUAL, now);
            registered.persist();
            return registered.id;
        });
        List<Outgoing> sent = QuarkusTransaction.requiringNew().call(() -> IntStream.range(0, 5).mapToObj(i -> {
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

        store.recordAll(List.of(new Attempted(sent.get(0), answered(500)), new Attempted(sent.get(1), answered(204))));
        assertNull(failingSince(endpoint), "failed, then delivered in the same batch: not failing");
        store.recordAll(List.of(new Attempted(sent.get(2), answered(500))));
        assertNotNull(failingSince(endpoint));
        store.recordAll(List.of(new Attempted(sent.get(3), answered(204)), new Attempted(sent.get(4), answered(500))));
        assertNotNull(failingSince(endpoint), "delivered, then failed in the same batch: failing");
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

    private static OffsetDateTime failingSince(UUID endpoint) {
        return QuarkusTransaction.requiringNew().call(() -> Endpoint.<Endpoint>findById(endpoint).failingSince);
    }
}
