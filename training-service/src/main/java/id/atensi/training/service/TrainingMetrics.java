package id.atensi.training.service;

import id.atensi.training.domain.ClassStatus;
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
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code atensi_programme_classes{status}}: training classes by stored status, read from the database for the
 * programme dashboard (classes completed, and per day as the daily increase). One series per status, five in all.
 */
@ApplicationScoped
public class TrainingMetrics {

    private static final Logger LOG = Logger.getLogger(TrainingMetrics.class);

    private final AgroalDataSource dataSource;
    private final MeterRegistry registry;
    private final Map<ClassStatus, AtomicLong> classes = new EnumMap<>(ClassStatus.class);

    TrainingMetrics(AgroalDataSource dataSource, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.registry = registry;
        for (ClassStatus status : ClassStatus.values()) {
            classes.put(status, new AtomicLong());
        }
    }

    void register(@Observes StartupEvent startup) {
        classes.forEach((status, count) -> Gauge.builder("atensi.programme.classes", count, AtomicLong::get)
                .description("Training classes by status").tag("status", status.name()).register(registry));
    }

    @Scheduled(every = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void measure() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT status, count(*) FROM training_class GROUP BY status")) {
            Map<ClassStatus, Long> counted = new EnumMap<>(ClassStatus.class);
            while (rows.next()) {
                counted.put(ClassStatus.valueOf(rows.getString(1)), rows.getLong(2));
            }
            classes.forEach((status, count) -> count.set(counted.getOrDefault(status, 0L)));
        } catch (SQLException e) {
            LOG.debugf("class gauges not measured: %s", e.getMessage());
        }
    }
}
