package id.atensi.commons.events;

import id.atensi.commons.config.PlatformConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reports the outbox backlog on readiness, as {@link EventHousekeeping} last measured it (every
 * {@code atensi.outbox.metrics-interval}): the probe itself never queries the database. An old backlog is a warning,
 * not DOWN: the service still takes writes safely while Kafka is away, and taking it out of rotation would only add an
 * outage.
 */
@Readiness
@ApplicationScoped
public class OutboxHealthCheck implements HealthCheck {

    static final String NAME = "Event outbox";

    private final EventHousekeeping housekeeping;
    private final PlatformConfig config;

    OutboxHealthCheck(EventHousekeeping housekeeping, PlatformConfig config) {
        this.housekeeping = housekeeping;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        return describe(housekeeping.backlogReading(), config.outbox().warnAge());
    }

    static HealthCheckResponse describe(EventHousekeeping.BacklogReading reading, Duration warnAge) {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up();
        OutboxBacklog backlog = reading.backlog();
        if (backlog == null) {
            // The datasource's own check reports the database as DOWN; this one only describes the backlog.
            return response.withData("warning", reading.failure() == null ? "backlog not measured yet"
                    : "backlog unknown: " + reading.failure()).build();
        }
        Duration measuredAgo = reading.age();
        // An estimate until the next measurement: the first in line is taken to be waiting still, though the relay
        // may have published it since
        Duration oldestAge = backlog.pending() == 0 ? Duration.ZERO : backlog.oldestAge().plus(measuredAgo);
        response.withData("pending", backlog.pending())
                .withData("oldestAgeSeconds", oldestAge.toSeconds())
                .withData("measuredSecondsAgo", measuredAgo.toSeconds());
        if (backlog.countStopped()) {
            response.withData("pendingAtLeast", true);
        }
        List<String> warnings = new ArrayList<>();
        if (oldestAge.compareTo(warnAge) > 0) {
            warnings.add("events have waited longer than " + warnAge.toSeconds() + " s to be published: is Kafka reachable?");
        }
        if (reading.failure() != null) {
            warnings.add("backlog not measured again since: " + reading.failure());
        }
        if (!warnings.isEmpty()) {
            response.withData("warning", String.join("; ", warnings));
        }
        return response.build();
    }
}
