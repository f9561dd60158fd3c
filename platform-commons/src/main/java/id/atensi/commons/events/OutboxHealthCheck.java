package id.atensi.commons.events;

import id.atensi.commons.config.PlatformConfig;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.sql.SQLException;
import java.time.Duration;

/**
 * Reports the outbox backlog on readiness. An old backlog is a warning, not DOWN: the service still
 * takes writes safely while Kafka is away, and taking it out of rotation would only add an outage.
 */
@Readiness
@ApplicationScoped
public class OutboxHealthCheck implements HealthCheck {

    static final String NAME = "Event outbox";

    private final AgroalDataSource dataSource;
    private final PlatformConfig config;

    OutboxHealthCheck(AgroalDataSource dataSource, PlatformConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            return describe(OutboxBacklog.read(dataSource), config.outbox().warnAge());
        } catch (SQLException e) {
            // The datasource's own check reports the database as DOWN; this one only describes the backlog.
            return HealthCheckResponse.named(NAME).up().withData("warning", "backlog unknown: " + e.getMessage()).build();
        }
    }

    static HealthCheckResponse describe(OutboxBacklog backlog, Duration warnAge) {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up()
                .withData("pending", backlog.pending())
                .withData("oldestAgeSeconds", backlog.oldestAge().toSeconds());
        if (backlog.oldestAge().compareTo(warnAge) > 0) {
            response.withData("warning", "events have waited longer than " + warnAge.toSeconds()
                    + " s to be published: is Kafka reachable?");
        }
        return response.build();
    }
}
