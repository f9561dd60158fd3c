package id.atensi.commons.events;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutboxHealthCheckTest {

    private static final Duration WARN_AGE = Duration.ofMinutes(1);

    @Test
    void aFreshBacklogIsUpWithoutWarning() {
        HealthCheckResponse response = OutboxHealthCheck.describe(new OutboxBacklog(3, Duration.ofSeconds(2)), WARN_AGE);

        assertEquals(HealthCheckResponse.Status.UP, response.getStatus());
        assertEquals(3L, response.getData().orElseThrow().get("pending"));
        assertFalse(response.getData().orElseThrow().containsKey("warning"));
    }

    @Test
    void anOldBacklogIsAWarningButStaysUp() {
        HealthCheckResponse response = OutboxHealthCheck.describe(new OutboxBacklog(1200, Duration.ofMinutes(5)), WARN_AGE);

        assertEquals(HealthCheckResponse.Status.UP, response.getStatus());
        assertEquals(300L, response.getData().orElseThrow().get("oldestAgeSeconds"));
        assertTrue(response.getData().orElseThrow().get("warning").toString().contains("is Kafka reachable"));
    }
}
