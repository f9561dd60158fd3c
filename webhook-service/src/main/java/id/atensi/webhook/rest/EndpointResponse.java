package id.atensi.webhook.rest;

import id.atensi.webhook.domain.DisabledReason;
import id.atensi.webhook.domain.Endpoint;
import id.atensi.webhook.domain.EndpointStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@Schema(description = "A webhook endpoint")
public record EndpointResponse(
        UUID id,
        UUID partnerId,
        String url,
        String description,
        List<String> eventTypes,
        @Schema(description = "Requests in flight at once; absent: the platform's default")
        Integer maxInFlight,
        EndpointStatus status,
        @Schema(description = "Why it is disabled: MANUAL, GONE (the receiver answered 410), FAILING (five days of failures)")
        DisabledReason disabledReason,
        OffsetDateTime disabledAt,
        @Schema(description = "The first failure since the last success; five days later the endpoint is disabled")
        OffsetDateTime failingSince,
        @Schema(description = "The signing secret: only in the answer that created it (registration, rotation), never again")
        String secret,
        @Schema(description = "Until when the previous secret also signs, after a rotation")
        OffsetDateTime previousSecretExpiresAt,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        List<EndpointStatus> allowedTransitions) {

    static EndpointResponse of(Endpoint endpoint) {
        return of(endpoint, null);
    }

    static EndpointResponse withSecret(Endpoint endpoint, String secret) {
        return of(endpoint, secret);
    }

    private static EndpointResponse of(Endpoint endpoint, String secret) {
        OffsetDateTime previousExpires = endpoint.previousSecret == null ? null : endpoint.previousSecretExpiresAt;
        return new EndpointResponse(endpoint.id, endpoint.partnerId, endpoint.url, endpoint.description, List.copyOf(endpoint.eventTypes),
                endpoint.maxInFlight,
                endpoint.status, endpoint.disabledReason, endpoint.disabledAt, endpoint.failingSince, secret, previousExpires,
                endpoint.createdAt, endpoint.updatedAt, endpoint.allowedTransitions());
    }
}
