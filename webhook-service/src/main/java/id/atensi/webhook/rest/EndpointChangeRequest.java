package id.atensi.webhook.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(description = "An endpoint's whole new settings", example = """
        {"url": "https://hooks.yayasan-contoh.or.id/atensi/v2", "eventTypes": ["atensi.aid.*"], "description": "Case management system"}""")
public record EndpointChangeRequest(
        @NotBlank @Size(max = 2000) String url,
        @NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 200) String> eventTypes,
        @Size(max = 500) String description,
        @Min(1) @Max(256)
        @Schema(description = "Requests in flight to this endpoint at once; omitted: the platform's default (4)")
        Integer maxInFlight) {
}
