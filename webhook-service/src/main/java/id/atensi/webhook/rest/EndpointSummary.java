package id.atensi.webhook.rest;

import id.atensi.webhook.domain.DisabledReason;
import id.atensi.webhook.domain.Endpoint;
import id.atensi.webhook.domain.EndpointStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@Schema(description = "An endpoint in a list")
public record EndpointSummary(UUID id, UUID partnerId, String url, String description, List<String> eventTypes,
                              EndpointStatus status, DisabledReason disabledReason, OffsetDateTime createdAt) {

    static EndpointSummary of(Endpoint endpoint) {
        return new EndpointSummary(endpoint.id, endpoint.partnerId, endpoint.url, endpoint.description, List.copyOf(endpoint.eventTypes),
                endpoint.status, endpoint.disabledReason, endpoint.createdAt);
    }
}
