package id.atensi.beneficiary.service;

import id.atensi.beneficiary.config.BeneficiaryConfig;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gauges read from the database for the dashboards and alerts of deploy/k8s/monitoring:
 * {@code atensi_programme_beneficiaries} (people registered, all units: the programme dashboard's registrations per
 * day are its daily increase), {@code atensi_imports_running}, {@code atensi_imports_stalled_seconds} (the longest
 * time a running import has gone without committing a chunk; the AtensiImportStalled alert fires past 600 s) and
 * {@code atensi_imports_stalled} (running imports without a committed chunk for
 * {@code atensi.beneficiary.imports.stalled-after}). A chunk commits in well under a second (bench/RESULTS.md), so
 * minutes without one mean its worker died or hangs; a resumer takes such a job over after the worker lease. Progress
 * is the job's own {@code progressed_at}, written with each chunk, so every replica reports the same jobs, across
 * restarts.
 */
@ApplicationScoped
public class BeneficiaryMetrics {

    private static final Logger LOG = Logger.getLogger(BeneficiaryMetrics.class);

    private final AgroalDataSource dataSource;
    private final MeterRegistry registry;
    private final Duration stalledAfter;
    private final Clock clock;
    private final AtomicLong beneficiaries = new AtomicLong();
    private final AtomicLong running = new AtomicLong();
    private final AtomicLong stalledSeconds = new AtomicLong();
    private final AtomicLong stalled = new AtomicLong();

    BeneficiaryMetrics(AgroalDataSource dataSource, MeterRegistry registry, BeneficiaryConfig config, Clock clock) {
        this.dataSource = dataSource;
        this.registry = registry;
        this.stalledAfter = config.imports().stalledAfter();
        this.clock = clock;
    }

    void register(@Observes StartupEvent startup) {
        Gauge.builder("atensi.programme.beneficiaries", beneficiaries, AtomicLong::get)
                .description("People registered (every unit)").register(registry);
        Gauge.builder("atensi.imports.running", running, AtomicLong::get)
                .description("Imports whose job is RUNNING").tag("service", "beneficiary").register(registry);
        Gauge.builder("atensi.imports.stalled.seconds", stalledSeconds, AtomicLong::get)
                .description("Longest time a running import has gone without committing a chunk").tag("service", "beneficiary").register(registry);
        Gauge.builder("atensi.imports.stalled", stalled, AtomicLong::get)
                .description("Running imports without a committed chunk for atensi.beneficiary.imports.stalled-after")
                .tag("service", "beneficiary").register(registry);
    }

    /**
     * Progress is judged by the service's clock, which wrote it ({@code ImportChunks}) and by which the page's
     * {@code stalled} and the resumer's lease judge it too: the database's {@code now()}, on a host whose clock is
     * skewed, would show a job stalled that the resumer leaves alone, or the reverse.
     */
    @Scheduled(every = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void measure() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             PreparedStatement runningJobs = connection.prepareStatement("""
                     SELECT count(*), coalesce(max(extract(epoch FROM service_now - coalesce(progressed_at, created_at))), 0),
                            count(*) FILTER (WHERE coalesce(progressed_at, created_at) < service_now - make_interval(secs => ?))
                     FROM import_job, (SELECT CAST(? AS timestamptz) AS service_now) AS service WHERE status = 'RUNNING'""")) {
            try (ResultSet count = statement.executeQuery("SELECT count(*) FROM beneficiary")) {
                count.next();
                beneficiaries.set(count.getLong(1));
            }
            runningJobs.setDouble(1, stalledAfter.toSeconds());
            runningJobs.setObject(2, Clocks.now(clock));
            try (ResultSet jobs = runningJobs.executeQuery()) {
                jobs.next();
                running.set(jobs.getLong(1));
                stalledSeconds.set((long) jobs.getDouble(2));
                stalled.set(jobs.getLong(3));
            }
        } catch (SQLException e) {
            LOG.debugf("programme and import gauges not measured: %s", e.getMessage());
        }
    }
}
