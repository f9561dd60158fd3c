package id.atensi.partner.rest;

import id.atensi.partner.domain.ApiClient;
import id.atensi.partner.domain.ApiClientStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@Schema(name = "ApiClientSummary", description = "A partner's API client in a list")
public record ApiClientSummary(UUID id, String clientId, String name, ApiClientStatus status, List<ApiClientStatus> allowedTransitions,
                               OffsetDateTime createdAt, OffsetDateTime secretRotatedAt, OffsetDateTime disabledAt) {

    static ApiClientSummary of(ApiClient client) {
        return new ApiClientSummary(client.id, client.keycloakClientId, client.name, client.status, client.allowedTransitions(),
                client.createdAt, client.secretRotatedAt, client.disabledAt);
    }
}
