package id.atensi.webhook.service;

import id.atensi.webhook.config.WebhookConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.OffsetDateTime;

/**
 * Forgets the delivery log after {@code atensi.webhook.retention.delivery-log} (default 30 days): deliveries delivered
 * or given up, created before then, with their attempts, and the stored events no delivery refers to any more
 * (which hold the personal data sent). Pending deliveries stay however old: they are still owed. Deleted a batch
 * per transaction, so a large purge holds no lock for long.
 */
@ApplicationScoped
public class DeliveryLogRetention {

    private static final Logger LOG = Logger.getLogger(DeliveryLogRetention.class);

    private final EntityManager entityManager;
    private final Clock clock;
    private final WebhookConfig config;

    DeliveryLogRetention(EntityManager entityManager, Clock clock, WebhookConfig config) {
        this.entityManager = entityManager;
        this.clock = clock;
        this.config = config;
    }

    @Scheduled(every = "${atensi.webhook.retention.purge-interval:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        Purged purged = purge();
        if (purged.deliveries() > 0 || purged.events() > 0) {
            LOG.infof("delivery log: forgot %d deliveries and %d events older than %s", purged.deliveries(), purged.events(),
                    config.retention().deliveryLog());
        }
    }

    public record Purged(int deliveries, int events) {
    }

    public Purged purge() {
        OffsetDateTime cutoff = Clocks.now(clock).minus(config.retention().deliveryLog());
        int batch = config.retention().purgeBatchSize();
        int deliveries = 0;
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("""
                            DELETE FROM delivery WHERE id IN (
                                SELECT id FROM delivery WHERE status <> 'PENDING' AND created_at < :cutoff LIMIT :batch)""")
                    .setParameter("cutoff", cutoff).setParameter("batch", batch).executeUpdate());
            deliveries += deleted;
        } while (deleted == batch);
        int events = 0;
        do {
            deleted = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("""
                            DELETE FROM webhook_event WHERE id IN (
                                SELECT e.id FROM webhook_event e
                                WHERE e.received_at < :cutoff AND NOT EXISTS (SELECT 1 FROM delivery d WHERE d.event_id = e.id)
                                LIMIT :batch)""")
                    .setParameter("cutoff", cutoff).setParameter("batch", batch).executeUpdate());
            events += deleted;
        } while (deleted == batch);
        return new Purged(deliveries, events);
    }
}
