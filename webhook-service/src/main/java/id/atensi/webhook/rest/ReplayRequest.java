package id.atensi.webhook.rest;

import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;

@Schema(description = "Replay the deliveries created in [from, to)", example = """
        {"from": "2026-03-01T00:00:00+07:00", "to": "2026-03-02T00:00:00+07:00"}""")
public record ReplayRequest(@NotNull OffsetDateTime from, @NotNull OffsetDateTime to) {
}
