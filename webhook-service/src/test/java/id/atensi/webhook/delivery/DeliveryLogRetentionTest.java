package id.atensi.webhook.delivery;

import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.MovableClock;
import id.atensi.webhook.domain.Delivery;
import id.atensi.webhook.domain.DeliveryAttempt;
import id.atensi.webhook.domain.DeliveryStatus;
import id.atensi.webhook.domain.Endpoint;
import id.atensi.webhook.domain.SecretCipher;
import id.atensi.webhook.domain.WebhookEvent;
import id.atensi.webhook.service.DeliveryLogRetention;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The delivery log is forgotten after 30 days (the default); what is still owed is kept. */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "webhook"))
class DeliveryLogRetentionTest {

    @Inject
    DeliveryLogRetention retention;

    @Inject
    MovableClock clock;

    @Inject
    SecretCipher cipher;

    @Test
    void finishedDeliveriesOlderThanThirtyDaysGoWithTheirAttemptsAndEventsPendingAndRecentOnesStay() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime old = now.minusDays(31);
        OffsetDateTime recent = now.minusDays(29);
        UUID[] ids = QuarkusTransaction.requiringNew().call(() -> {
            // Disabled, so the dispatcher leaves the pending one alone.
            Endpoint endpoint = Endpoint.register(UUID.randomUUID(), "http://127.0.0.1:9/none", null, List.of("atensi.aid.*"), old,
                    cipher.seal("whsec_" + UUID.randomUUID()));
            endpoint.disable(id.atensi.webhook.domain.DisabledReason.MANUAL, old);
            endpoint.persist();
            return new UUID[] {
                    delivery(endpoint, event(old), DeliveryStatus.DELIVERED, old),
                    delivery(endpoint, event(old), DeliveryStatus.FAILED, old),
                    delivery(endpoint, event(old), DeliveryStatus.PENDING, old),
                    delivery(endpoint, event(recent), DeliveryStatus.DELIVERED, recent)};
        });
        String[] eventIds = QuarkusTransaction.requiringNew().call(() -> new String[] {
                Delivery.<Delivery>findById(ids[0]).eventId, Delivery.<Delivery>findById(ids[1]).eventId,
                Delivery.<Delivery>findById(ids[2]).eventId, Delivery.<Delivery>findById(ids[3]).eventId});

        DeliveryLogRetention.Purged purged = retention.purge();

        // At least: the database is shared with the module's other tests and earlier runs.
        assertTrue(purged.deliveries() >= 2 && purged.events() >= 2, "the delivered and the failed old ones: " + purged);
        QuarkusTransaction.requiringNew().run(() -> {
            assertNull(Delivery.findById(ids[0]));
            assertNull(Delivery.findById(ids[1]));
            assertEquals(0, DeliveryAttempt.count("deliveryId in ?1", List.of(ids[0], ids[1])));
            assertNull(WebhookEvent.findById(eventIds[0]), "an event no delivery refers to any more goes");
            assertNull(WebhookEvent.findById(eventIds[1]));
            assertNotNull(Delivery.findById(ids[2]), "a pending delivery is still owed, however old");
            assertNotNull(WebhookEvent.findById(eventIds[2]));
            assertNotNull(Delivery.findById(ids[3]), "29 days old: kept");
            assertEquals(1, DeliveryAttempt.count("deliveryId = ?1", ids[3]));
            assertNotNull(WebhookEvent.findById(eventIds[3]));
        });

        // Moved 2 more days on, the recent one is old enough too.
        clock.travelTo(java.time.Instant.now().plus(java.time.Duration.ofDays(2)));
        try {
            retention.purge();
            QuarkusTransaction.requiringNew().run(() -> {
                assertNull(Delivery.findById(ids[3]));
                assertNotNull(Delivery.findById(ids[2]));
            });
        } finally {
            clock.reset();
        }
    }

    private static WebhookEvent event(OffsetDateTime at) {
        WebhookEvent event = new WebhookEvent();
        event.id = UUID.randomUUID().toString();
        event.type = "atensi.aid.distribution.approved.v2";
        event.source = "/atensi/aid";
        event.time = at;
        event.data = "{}";
        event.receivedAt = at;
        event.persist();
        return event;
    }

    private static UUID delivery(Endpoint endpoint, WebhookEvent event, DeliveryStatus status, OffsetDateTime at) {
        Delivery delivery = Delivery.of(endpoint.id, event, at);
        delivery.status = status;
        delivery.nextAttemptAt = status == DeliveryStatus.PENDING ? at : null;
        delivery.persist();
        if (status != DeliveryStatus.PENDING) {
            DeliveryAttempt attempt = new DeliveryAttempt();
            attempt.deliveryId = delivery.id;
            attempt.attempt = 1;
            attempt.attemptedAt = at;
            attempt.outcome = "ANSWERED";
            attempt.statusCode = status == DeliveryStatus.DELIVERED ? 204 : 500;
            attempt.latencyMs = 3;
            attempt.persist();
        }
        return delivery.id;
    }
}
