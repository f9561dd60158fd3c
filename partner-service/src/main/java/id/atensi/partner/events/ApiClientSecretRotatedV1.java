package id.atensi.partner.events;

import id.atensi.commons.events.DomainEvent;
import id.atensi.commons.events.EventType;
import id.atensi.partner.domain.ApiClient;

import java.time.OffsetDateTime;
import java.util.UUID;

/** {@code atensi.partner.api-client.secret-rotated.v1}: the client has a new secret and the old one is refused. Never the secret. */
@EventType(aggregate = "api-client", name = "api-client.secret-rotated", version = 1)
public record ApiClientSecretRotatedV1(UUID apiClientId, UUID partnerId, String clientId, OffsetDateTime rotatedAt, String rotatedBy)
        implements DomainEvent {

    public static ApiClientSecretRotatedV1 of(ApiClient client) {
        return new ApiClientSecretRotatedV1(client.id, client.partnerId, client.keycloakClientId, client.secretRotatedAt, client.secretRotatedBy);
    }

    @Override
    public String aggregateId() {
        return apiClientId.toString();
    }
}
