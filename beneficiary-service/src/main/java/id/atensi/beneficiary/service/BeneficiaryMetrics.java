package id.atensi.beneficiary.service;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gauges read from the database for the dashboards and alerts of deploy/k8s/monitoring:
 * {@code atensi_programme_beneficiaries} (people registered, all units: the programme dashboard's registrations per
 * day are its daily increase), {@code atensi_imports_running} and {@code atensi_imports_stalled_seconds}, the longest
 * time a running import has gone without finishing a batch. An import's worker lives in the process that accepted
 * the file, so a restart leaves its job RUNNING forever; no progress is the one sign common to that and to a worker
 * that hangs. A batch is 100 rows and the service imports ~600 rows/s (bench/RESULTS.md), so minutes without
 * progress mean stalled. Progress is remembered per process: a job first seen with rows done counts from then, one
 * with none from its creation. Every replica reads the same table and reports the same jobs.
 */
@ApplicationScoped
public class BeneficiaryMetrics {

    private static final Logger LOG = Logger.getLogger(BeneficiaryMetrics.class);

    private record Progress(int done, Instant since) {
    }

    private final AgroalDataSource dataSource;
    private final MeterRegistry registry;
    private final AtomicLong beneficiaries = new AtomicLong();
    private final AtomicLong running = new AtomicLong();
    private final AtomicLong stalledSeconds = new AtomicLong();
    private final Map<UUID, Progress> progress = new HashMap<>();

    BeneficiaryMetrics(AgroalDataSource dataSource, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.registry = registry;
    }

    void register(@Observes StartupEvent startup) {
        Gauge.builder("atensi.programme.beneficiaries", beneficiaries, AtomicLong::get)
                .description("People registered (every unit)").register(registry);
        Gauge.builder("atensi.imports.running", running, AtomicLong::get)
                .description("Imports whose job is RUNNING").tag("service", "beneficiary").register(registry);
        Gauge.builder("atensi.imports.stalled.seconds", stalledSeconds, AtomicLong::get)
                .description("Longest time a running import has gone without progress").tag("service", "beneficiary").register(registry);
    }

    @Scheduled(every = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void measure() {
        Instant now = Instant.now();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            try (ResultSet count = statement.executeQuery("SELECT count(*) FROM beneficiary")) {
                count.next();
                beneficiaries.set(count.getLong(1));
            }
            Map<UUID, Progress> seen = new HashMap<>();
            try (ResultSet jobs = statement.executeQuery("SELECT id, done, created_at FROM import_job WHERE status = 'RUNNING'")) {
                while (jobs.next()) {
                    UUID id = jobs.getObject(1, UUID.class);
                    int done = jobs.getInt(2);
                    Progress before = progress.get(id);
                    if (before != null && before.done() == done) {
                        seen.put(id, before);
                    } else {
                        Instant since = before == null && done == 0 ? jobs.getTimestamp(3).toInstant() : now;
                        seen.put(id, new Progress(done, since));
                    }
                }
            }
            progress.clear();
            progress.putAll(seen);
            running.set(seen.size());
            stalledSeconds.set(seen.values().stream().mapToLong(p -> now.getEpochSecond() - p.since().getEpochSecond()).max().orElse(0));
        } catch (SQLException e) {
            LOG.debugf("programme and import gauges not measured: %s", e.getMessage());
        }
    }
}
