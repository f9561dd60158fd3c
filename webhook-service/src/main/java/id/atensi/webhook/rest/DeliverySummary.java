package id.atensi.webhook.rest;

import id.atensi.webhook.domain.Delivery;
import id.atensi.webhook.domain.DeliveryStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.UUID;

@Schema(description = "One event's delivery to the endpoint")
public record DeliverySummary(
        UUID id,
        @Schema(description = "The webhook-id header: the same on every attempt and replay, for de-duplication")
        String webhookId,
        @Schema(description = "The CloudEvent id")
        String eventId,
        String eventType,
        DeliveryStatus status,
        int attempts,
        OffsetDateTime createdAt,
        OffsetDateTime lastAttemptAt,
        Integer lastStatusCode,
        OffsetDateTime nextAttemptAt,
        OffsetDateTime deliveredAt) {

    static DeliverySummary of(Delivery delivery) {
        return new DeliverySummary(delivery.id, "msg_" + delivery.id, delivery.eventId, delivery.eventType, delivery.status,
                delivery.attempts, delivery.createdAt, delivery.lastAttemptAt, delivery.lastStatusCode, delivery.nextAttemptAt,
                delivery.deliveredAt);
    }
}
