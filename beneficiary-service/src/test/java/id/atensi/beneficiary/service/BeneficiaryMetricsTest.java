package id.atensi.beneficiary.service;

import id.atensi.beneficiary.config.BeneficiaryConfig;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.MovableClock;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The import gauges judge a running job's progress by the service's clock, which wrote it, as the import page's
 * {@code stalled} and the resumer do: with the service's clock an hour behind the database's, a job without a chunk
 * for the stalled-after period and two minutes is that long stalled, not an hour more.
 */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "beneficiary"))
class BeneficiaryMetricsTest {

    @Inject
    BeneficiaryMetrics metrics;

    @Inject
    MeterRegistry registry;

    @Inject
    BeneficiaryConfig config;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MovableClock clock;

    private UUID job;

    @AfterEach
    void jobEndedAndRealTimeAgain() throws SQLException {
        clock.reset();
        if (job != null) {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement end = connection.prepareStatement("UPDATE import_job SET status = 'FAILED' WHERE id = ?")) {
                end.setObject(1, job);
                end.executeUpdate();
            }
        }
    }

    @Test
    void aStalledImportIsMeasuredByTheServicesClock() throws SQLException {
        clock.travelTo(Instant.now().minus(Duration.ofHours(1)));
        Duration withoutAChunk = config.imports().stalledAfter().plusMinutes(2);
        OffsetDateTime now = Clocks.now(clock);
        job = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO import_job (id, status, total, created_by, created_at, progressed_at, heartbeat_at, worker)
                VALUES (?, 'RUNNING', 10, 'officer', ?, ?, ?, ?)""")) {
            insert.setObject(1, job);
            insert.setObject(2, now.minus(withoutAChunk).minusMinutes(1));
            insert.setObject(3, now.minus(withoutAChunk));
            // its worker alive by the service's clock, so that the resumer leaves it alone
            insert.setObject(4, now);
            insert.setObject(5, UUID.randomUUID());
            assertEquals(1, insert.executeUpdate());
        }

        metrics.measure();

        // the other tests' running jobs were written at real time: an hour ahead of the service's clock here
        double stalledSeconds = registry.get("atensi.imports.stalled.seconds").gauge().value();
        assertTrue(stalledSeconds >= withoutAChunk.toSeconds() - 1 && stalledSeconds <= withoutAChunk.toSeconds() + 30,
                "the longest stall " + stalledSeconds + " s is this job's " + withoutAChunk.toSeconds() + " s by the service's clock");
        assertTrue(registry.get("atensi.imports.stalled").gauge().value() >= 1, "the job counts as stalled");
    }
}
