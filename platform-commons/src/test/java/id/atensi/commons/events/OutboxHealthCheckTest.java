package id.atensi.commons.events;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutboxHealthCheckTest {

    private static final Duration WARN_AGE = Duration.ofMinutes(1);

    private static EventHousekeeping.BacklogReading measured(OutboxBacklog backlog, Duration ago, String failure) {
        return new EventHousekeeping.BacklogReading(backlog, System.nanoTime() - ago.toNanos(), failure);
    }

    private static Map<String, Object> data(HealthCheckResponse response) {
        assertEquals(HealthCheckResponse.Status.UP, response.getStatus());
        return response.getData().orElseThrow();
    }

    @Test
    void aFreshBacklogIsUpWithoutWarning() {
        Map<String, Object> data = data(OutboxHealthCheck.describe(
                measured(new OutboxBacklog(3, false, Duration.ofSeconds(2)), Duration.ZERO, null), WARN_AGE));

        assertEquals(3L, data.get("pending"));
        assertFalse(data.containsKey("warning"));
        assertFalse(data.containsKey("pendingAtLeast"));
    }

    @Test
    void anOldBacklogIsAWarningButStaysUp() {
        Map<String, Object> data = data(OutboxHealthCheck.describe(
                measured(new OutboxBacklog(1200, false, Duration.ofMinutes(5)), Duration.ZERO, null), WARN_AGE));

        assertEquals(300L, data.get("oldestAgeSeconds"));
        assertTrue(data.get("warning").toString().contains("is Kafka reachable"));
    }

    @Test
    void theFirstInLineWaitsOnSinceTheMeasurementAndAnEmptyOutboxDoesNot() {
        Map<String, Object> waiting = data(OutboxHealthCheck.describe(
                measured(new OutboxBacklog(2, false, Duration.ofSeconds(10)), Duration.ofSeconds(90), null), WARN_AGE));
        Map<String, Object> empty = data(OutboxHealthCheck.describe(
                measured(new OutboxBacklog(0, false, Duration.ZERO), Duration.ofSeconds(90), null), WARN_AGE));

        assertTrue((Long) waiting.get("oldestAgeSeconds") >= 100, waiting.toString());
        assertTrue(waiting.get("warning").toString().contains("is Kafka reachable"), waiting.toString());
        assertEquals(90L, waiting.get("measuredSecondsAgo"));
        assertEquals(0L, empty.get("oldestAgeSeconds"));
        assertFalse(empty.containsKey("warning"), empty.toString());
    }

    @Test
    void aStoppedCountSaysTheBacklogIsAtLeastThat() {
        Map<String, Object> data = data(OutboxHealthCheck.describe(
                measured(new OutboxBacklog(OutboxBacklog.COUNTED_UP_TO, true, Duration.ofSeconds(5)), Duration.ZERO, null), WARN_AGE));

        assertEquals(OutboxBacklog.COUNTED_UP_TO, data.get("pending"));
        assertEquals(true, data.get("pendingAtLeast"));
    }

    @Test
    void aFailedMeasurementKeepsTheLastFiguresAndTheKafkaWarningBesideItsOwn() {
        Map<String, Object> data = data(OutboxHealthCheck.describe(
                measured(new OutboxBacklog(9, false, Duration.ofMinutes(2)), Duration.ofSeconds(20), "statement timeout"), WARN_AGE));

        assertEquals(9L, data.get("pending"));
        assertTrue(data.get("warning").toString().contains("is Kafka reachable"), data.toString());
        assertTrue(data.get("warning").toString().contains("backlog not measured again since: statement timeout"), data.toString());
    }

    @Test
    void beforeTheFirstMeasurementOrWhenItFailedItSaysSoAndStaysUp() {
        Map<String, Object> notYet = data(OutboxHealthCheck.describe(EventHousekeeping.BacklogReading.NONE, WARN_AGE));
        Map<String, Object> unknown = data(OutboxHealthCheck.describe(
                new EventHousekeeping.BacklogReading(null, 0, "connection refused"), WARN_AGE));

        assertEquals("backlog not measured yet", notYet.get("warning"));
        assertEquals("backlog unknown: connection refused", unknown.get("warning"));
        assertFalse(unknown.containsKey("pending"));
    }
}
