package id.atensi.webhook.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

@Schema(description = "An endpoint to register", example = """
        {"partnerId": "7b0d2c1e-3f4a-4b5c-8d6e-9f0a1b2c3d4e", "url": "https://hooks.yayasan-contoh.or.id/atensi",
         "eventTypes": ["atensi.aid.*", "atensi.beneficiary.status-changed.v1"], "description": "Case management system"}""")
public record EndpointRequest(
        @Schema(description = "The partner the endpoint is for; a partner's own by default, required for admins")
        UUID partnerId,
        @NotBlank @Size(max = 2000)
        @Schema(description = "An https URL (http only where the deployment allows it) whose host resolves to public addresses")
        String url,
        @NotEmpty @Size(max = 50)
        @Schema(description = "Event types (atensi.aid.distribution.approved.v2) or whole families (atensi.aid.*)")
        List<@NotBlank @Size(max = 200) String> eventTypes,
        @Size(max = 500)
        String description,
        @Min(1) @Max(256)
        @Schema(description = "Requests in flight to this endpoint at once; omitted: the platform's default (4). A receiver that answers quickly and can take more may raise it.")
        Integer maxInFlight) {
}
