package id.atensi.webhook.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The backlog gauges, read from the database every {@code atensi.webhook.metrics-interval} rather than at each
 * scrape: pending deliveries, the age of the oldest one that is due, and the disabled endpoints.
 */
@ApplicationScoped
public class WebhookGauges {

    private final EntityManager entityManager;
    private final Clock clock;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestDueSeconds = new AtomicLong();
    private final AtomicLong disabled = new AtomicLong();

    WebhookGauges(EntityManager entityManager, Clock clock, MeterRegistry registry) {
        this.entityManager = entityManager;
        this.clock = clock;
        Gauge.builder("atensi.webhook.pending", pending, AtomicLong::get)
                .description("Deliveries not yet delivered nor given up").register(registry);
        Gauge.builder("atensi.webhook.pending.oldest.seconds", oldestDueSeconds, AtomicLong::get)
                .description("Age of the oldest pending delivery of an enabled endpoint whose attempt is due").register(registry);
        Gauge.builder("atensi.webhook.endpoints.disabled", disabled, AtomicLong::get)
                .description("Endpoints that receive nothing (410, five days failing, or disabled by hand)").register(registry);
    }

    @Scheduled(every = "${atensi.webhook.metrics-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void read() {
        OffsetDateTime now = Clocks.now(clock);
        pending.set(((Number) entityManager.createNativeQuery("SELECT count(*) FROM delivery WHERE status = 'PENDING'")
                .getSingleResult()).longValue());
        Object oldest = entityManager.createNativeQuery("""
                        SELECT extract(epoch FROM CAST(:now AS timestamptz) - min(d.created_at)) FROM delivery d JOIN endpoint e ON e.id = d.endpoint_id
                        WHERE d.status = 'PENDING' AND e.status = 'ENABLED' AND d.next_attempt_at <= :now
                        """)
                .setParameter("now", now).getSingleResult();
        oldestDueSeconds.set(oldest == null ? 0 : Math.max(0, ((Number) oldest).longValue()));
        disabled.set(((Number) entityManager.createNativeQuery("SELECT count(*) FROM endpoint WHERE status = 'DISABLED'")
                .getSingleResult()).longValue());
    }
}
