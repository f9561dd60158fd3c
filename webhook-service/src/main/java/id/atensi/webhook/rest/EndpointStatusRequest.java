package id.atensi.webhook.rest;

import id.atensi.webhook.domain.EndpointStatus;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Enable or disable an endpoint", example = "{\"status\": \"DISABLED\"}")
public record EndpointStatusRequest(@NotNull EndpointStatus status) {
}
