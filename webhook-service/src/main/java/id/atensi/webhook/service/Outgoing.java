package id.atensi.webhook.service;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A claimed delivery, ready to send: its body built and the secrets valid now. {@code webhookId} is the
 * delivery's id, the same on every attempt. {@code maxInFlight} is the endpoint's limit of requests at once.
 */
public record Outgoing(UUID deliveryId, UUID endpointId, String url, int maxInFlight, List<String> secrets, byte[] body,
                       String eventType, OffsetDateTime eventTime) {

    public String webhookId() {
        return "msg_" + deliveryId;
    }
}
