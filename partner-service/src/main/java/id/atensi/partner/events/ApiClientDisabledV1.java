package id.atensi.partner.events;

import id.atensi.commons.events.DomainEvent;
import id.atensi.commons.events.EventType;
import id.atensi.partner.domain.ApiClient;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * {@code atensi.partner.api-client.disabled.v1}: Keycloak issues the client no new token; those issued before live out
 * their lifetime (partner-service's README, "API clients").
 */
@EventType(aggregate = "api-client", name = "api-client.disabled", version = 1)
public record ApiClientDisabledV1(UUID apiClientId, UUID partnerId, String clientId, String status, OffsetDateTime disabledAt,
                                  String disabledBy) implements DomainEvent {

    public static ApiClientDisabledV1 of(ApiClient client) {
        return new ApiClientDisabledV1(client.id, client.partnerId, client.keycloakClientId, client.status.name(), client.disabledAt,
                client.disabledBy);
    }

    @Override
    public String aggregateId() {
        return apiClientId.toString();
    }
}
