package id.atensi.webhook.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "How many deliveries are pending again")
public record ReplayResponse(int replayed) {
}
