package id.atensi.partner.events;

import id.atensi.commons.events.DomainEvent;
import id.atensi.commons.events.EventType;
import id.atensi.partner.domain.ApiClient;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * {@code atensi.partner.api-client.registered.v1}: a partner system may take tokens as its partner from now on. The
 * record of who gave which partner credentials; never the secret.
 */
@EventType(aggregate = "api-client", name = "api-client.registered", version = 1)
public record ApiClientRegisteredV1(UUID apiClientId, UUID partnerId, String clientId, String name, String status,
                                    OffsetDateTime registeredAt, String registeredBy) implements DomainEvent {

    public static ApiClientRegisteredV1 of(ApiClient client) {
        return new ApiClientRegisteredV1(client.id, client.partnerId, client.keycloakClientId, client.name, client.status.name(),
                client.createdAt, client.createdBy);
    }

    @Override
    public String aggregateId() {
        return apiClientId.toString();
    }
}
