package id.atensi.aid.service;

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
import java.util.concurrent.atomic.AtomicLong;

/**
 * The programme dashboard's money, read from the database: {@code atensi_programme_aid_budget_idr},
 * {@code atensi_programme_aid_committed_idr} and {@code atensi_programme_aid_delivered_idr}, summed over every aid
 * programme (the programme row holds its funding sources' sums). Whole rupiah; a double holds sums up to 2^53 exactly.
 */
@ApplicationScoped
public class AidMetrics {

    private static final Logger LOG = Logger.getLogger(AidMetrics.class);

    private final AgroalDataSource dataSource;
    private final MeterRegistry registry;
    private final AtomicLong budget = new AtomicLong();
    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();

    AidMetrics(AgroalDataSource dataSource, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.registry = registry;
    }

    void register(@Observes StartupEvent startup) {
        Gauge.builder("atensi.programme.aid.budget.idr", budget, AtomicLong::get)
                .description("Budget of every aid programme, rupiah").register(registry);
        Gauge.builder("atensi.programme.aid.committed.idr", committed, AtomicLong::get)
                .description("Committed by approved distributions, every aid programme, rupiah").register(registry);
        Gauge.builder("atensi.programme.aid.delivered.idr", delivered, AtomicLong::get)
                .description("Delivered, every aid programme, rupiah").register(registry);
    }

    @Scheduled(every = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void measure() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet sums = statement.executeQuery("""
                     SELECT coalesce(sum(budget_idr), 0), coalesce(sum(committed_idr), 0), coalesce(sum(delivered_idr), 0)
                     FROM programme""")) {
            sums.next();
            budget.set(sums.getLong(1));
            committed.set(sums.getLong(2));
            delivered.set(sums.getLong(3));
        } catch (SQLException e) {
            LOG.debugf("aid gauges not measured: %s", e.getMessage());
        }
    }
}
