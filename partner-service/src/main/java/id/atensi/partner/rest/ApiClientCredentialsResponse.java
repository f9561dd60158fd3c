package id.atensi.partner.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ApiClientCredentials", description = "What a partner system needs to take tokens. The secret is shown in this answer only: "
        + "partner-service does not keep it, and a lost one is replaced by rotating it.")
public record ApiClientCredentialsResponse(
        @Schema(description = "client_id for the token endpoint") String clientId,
        @Schema(description = "client_secret for the token endpoint; absent when a registration is replayed (Idempotency-Key), "
                + "as it was shown to the first call only") String clientSecret,
        @Schema(description = "POST grant_type=client_credentials, client_id and client_secret here") String tokenUrl,
        ApiClientResponse apiClient) {
}
