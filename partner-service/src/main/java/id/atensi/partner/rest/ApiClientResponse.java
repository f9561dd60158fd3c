package id.atensi.partner.rest;

import id.atensi.partner.domain.ApiClient;
import id.atensi.partner.domain.ApiClientStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@Schema(name = "ApiClient", description = "A partner system's credentials in Keycloak, without the secret (shown once, when made or rotated)")
public record ApiClientResponse(
        UUID id,
        UUID partnerId,
        @Schema(description = "The client_id the partner system sends to the token endpoint") String clientId,
        String name,
        String description,
        @Schema(description = "A DISABLED client gets no new token") ApiClientStatus status,
        @Schema(description = "Exactly the transitions the service accepts now: DISABLED (disable) while ACTIVE") List<ApiClientStatus> allowedTransitions,
        @Schema(description = "Where the partner system takes tokens with the client-credentials grant") String tokenUrl,
        OffsetDateTime createdAt,
        @Schema(description = "The token subject of the administrator who registered it") String createdBy,
        OffsetDateTime secretRotatedAt,
        String secretRotatedBy,
        OffsetDateTime disabledAt,
        String disabledBy,
        @Schema(description = "The version, also sent as ETag") long version) {

    static ApiClientResponse of(ApiClient client, String tokenUrl) {
        return new ApiClientResponse(client.id, client.partnerId, client.keycloakClientId, client.name, client.description, client.status,
                client.allowedTransitions(), tokenUrl, client.createdAt, client.createdBy, client.secretRotatedAt, client.secretRotatedBy,
                client.disabledAt, client.disabledBy, client.version);
    }
}
