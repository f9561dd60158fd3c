package id.atensi.commons.events;

import id.atensi.commons.config.PlatformConfig;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The outbox backlog counted within a bound, its first in line, and a readiness probe that never waits for the database. */
class OutboxBacklogTest {

    private static void recordEvents(EventStore store, int events) {
        for (int n = 0; n < events; n++) {
            store.record("backlog-" + n, "atensi.test.changed.v1", "{\"n\": " + n + "}", true);
        }
    }

    @Test
    void theCountStopsAtItsBoundAndSaysSo() throws SQLException {
        EventStore store = EventStore.fresh("backlog_bound");
        recordEvents(store, 7);
        try (Connection connection = store.open()) {
            OutboxBacklog stopped = OutboxBacklog.read(connection, 5);
            OutboxBacklog whole = OutboxBacklog.read(connection, 10);

            assertEquals(5, stopped.pending());
            assertTrue(stopped.countStopped(), stopped.toString());
            assertEquals(7, whole.pending());
            assertFalse(whole.countStopped(), whole.toString());
        }
    }

    @Test
    void theOldestAgeIsTheFirstInLinesByItsSeqUntilItIsPublished() throws SQLException {
        EventStore store = EventStore.fresh("backlog_first");
        recordEvents(store, 3);
        // The first in line is the lowest seq, read on the primary key; a later row's time is not looked at
        store.execute("UPDATE outbox_event SET occurred_at = now() - interval '1 hour' WHERE aggregate_id = 'backlog-0'");
        store.execute("UPDATE outbox_event SET occurred_at = now() - interval '2 hours' WHERE aggregate_id = 'backlog-2'");
        try (Connection connection = store.open()) {
            Duration waiting = OutboxBacklog.read(connection, OutboxBacklog.COUNTED_UP_TO).oldestAge();
            assertTrue(waiting.compareTo(Duration.ofMinutes(59)) > 0 && waiting.compareTo(Duration.ofMinutes(61)) < 0, waiting.toString());

            store.execute("UPDATE outbox_event SET published_at = now() WHERE aggregate_id = 'backlog-0'");

            OutboxBacklog after = OutboxBacklog.read(connection, OutboxBacklog.COUNTED_UP_TO);
            assertEquals(2, after.pending());
            assertTrue(after.oldestAge().compareTo(Duration.ofMinutes(1)) < 0, "the next in line was written just now: " + after);
        }
    }

    @Test
    void readinessAnswersFromTheLastMeasurementWhileTheOutboxIsLockedAndSaysTheNextFailed() throws Exception {
        EventStore store = EventStore.fresh("backlog_ready");
        recordEvents(store, 4);
        PlatformConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(Map.of("atensi.service-name", "example"), "test", 500))
                .withMapping(PlatformConfig.class).build().getConfigMapping(PlatformConfig.class);
        try (AgroalDataSource pool = store.pool(); Connection locker = store.open()) {
            EventHousekeeping housekeeping = new EventHousekeeping(pool, config, new SimpleMeterRegistry());
            OutboxHealthCheck readiness = new OutboxHealthCheck(housekeeping, config);
            assertEquals("backlog not measured yet", readiness.call().getData().orElseThrow().get("warning"));
            housekeeping.measureBacklog();

            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                lock.execute("LOCK TABLE outbox_event IN ACCESS EXCLUSIVE MODE");
            }
            // A probe that queried would wait for the lock's holder; 3 s leaves a loaded machine room for one that does not
            HealthCheckResponse whileLocked = assertTimeoutPreemptively(Duration.ofSeconds(3), readiness::call,
                    "the probe waited for the outbox");
            assertEquals(HealthCheckResponse.Status.UP, whileLocked.getStatus());
            assertEquals(4L, whileLocked.getData().orElseThrow().get("pending"));

            // Bounded by the measurement's statement timeout (5 s), not by the lock's holder
            assertTimeoutPreemptively(Duration.ofSeconds(15), housekeeping::measureBacklog, "the measurement waited for the lock");
            locker.rollback();

            Map<String, Object> afterFailure = readiness.call().getData().orElseThrow();
            assertEquals(HealthCheckResponse.Status.UP, readiness.call().getStatus());
            assertEquals(4L, afterFailure.get("pending"), "the last figures stay");
            assertNotNull(afterFailure.get("warning"));
            assertTrue(afterFailure.get("warning").toString().contains("statement timeout"), afterFailure.toString());
        }
    }
}
