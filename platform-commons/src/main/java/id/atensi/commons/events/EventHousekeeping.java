package id.atensi.commons.events;

import id.atensi.commons.config.PlatformConfig;
import id.atensi.commons.time.ServiceClocks;
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
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the outbox and inbox tables small (retention) and the backlog visible as metrics and to the readiness check
 * (OutboxHealthCheck reads its last measurement). Deletes run in bounded batches so that a large backlog of old rows
 * never holds long locks.
 */
@ApplicationScoped
public class EventHousekeeping {

    private static final Logger LOG = Logger.getLogger(EventHousekeeping.class);
    private static final int DELETE_BATCH = 5000;

    private final AgroalDataSource dataSource;
    private final PlatformConfig config;
    private final MeterRegistry registry;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestAgeMillis = new AtomicLong();
    private volatile BacklogReading lastReading = BacklogReading.NONE;

    EventHousekeeping(AgroalDataSource dataSource, PlatformConfig config, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.config = config;
        this.registry = registry;
    }

    void registerGauges(@Observes StartupEvent startup) {
        Gauge.builder("atensi.outbox.pending", pending, AtomicLong::get).description("Events recorded but not yet published, counted up to 1,000,000")
                .tag("service", config.serviceName()).register(registry);
        Gauge.builder("atensi.outbox.oldest.age.seconds", oldestAgeMillis, age -> age.get() / 1000.0)
                .description("Age of the oldest unpublished event").tag("service", config.serviceName()).register(registry);
    }

    /**
     * The backlog as last measured, and whether the last attempt failed. The readiness check reads this instead of the
     * database: a probe that counted the backlog itself would cost the most, and risk its timeout, while Kafka is away
     * and the backlog grows, the very time readiness must stay cheap and UP.
     */
    public record BacklogReading(OutboxBacklog backlog, long measuredAtNanos, String failure) {

        static final BacklogReading NONE = new BacklogReading(null, 0, null);

        /** How long ago the backlog was measured, by the monotonic clock. */
        public Duration age() {
            return Duration.ofNanos(System.nanoTime() - measuredAtNanos);
        }
    }

    public BacklogReading backlogReading() {
        return lastReading;
    }

    @Scheduled(every = "${atensi.outbox.metrics-interval:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void measureBacklog() {
        BacklogReading before = lastReading;
        try {
            OutboxBacklog backlog = OutboxBacklog.read(dataSource);
            pending.set(backlog.pending());
            oldestAgeMillis.set(backlog.oldestAge().toMillis());
            lastReading = new BacklogReading(backlog, System.nanoTime(), null);
        } catch (SQLException e) {
            LOG.debugf("outbox backlog not measured: %s", e.getMessage());
            lastReading = new BacklogReading(before.backlog(), before.measuredAtNanos(), e.getMessage());
        }
    }

    /** Deletes published outbox rows and inbox rows past their retention; runs on a schedule. */
    @Scheduled(every = "${atensi.events.retention-interval:1h}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void pruneOldRows() {
        OffsetDateTime now = OffsetDateTime.now(ServiceClocks.SYSTEM_UTC);
        try {
            long outbox = deleteInBatches("""
                    DELETE FROM outbox_event WHERE seq IN (
                        SELECT seq FROM outbox_event WHERE published_at < ? LIMIT ?)
                    """, now.minus(config.outbox().retention()));
            long inbox = deleteInBatches("""
                    DELETE FROM inbox_event WHERE (consumer, event_id) IN (
                        SELECT consumer, event_id FROM inbox_event WHERE processed_at < ? LIMIT ?)
                    """, now.minus(config.consumers().inboxRetention()));
            if (outbox + inbox > 0) {
                LOG.infof("pruned %d published outbox rows and %d inbox rows", outbox, inbox);
            }
        } catch (SQLException e) {
            LOG.warnf("pruning outbox and inbox failed, will try again: %s", e.getMessage());
        }
    }

    /** @return rows deleted */
    private long deleteInBatches(String sql, OffsetDateTime olderThan) throws SQLException {
        long total = 0;
        int deleted;
        do {
            try (Connection connection = dataSource.getConnection(); PreparedStatement delete = connection.prepareStatement(sql)) {
                delete.setObject(1, olderThan);
                delete.setInt(2, DELETE_BATCH);
                deleted = delete.executeUpdate();
            }
            total += deleted;
        } while (deleted == DELETE_BATCH);
        return total;
    }
}
