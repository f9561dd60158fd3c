package id.atensi.webhook.client.delivery;

import id.atensi.commons.persistence.DatabaseUnreachable;
import id.atensi.outbound.OutboundHttp;
import id.atensi.outbound.OutboundResult;
import id.atensi.webhook.config.WebhookConfig;
import id.atensi.webhook.domain.Signatures;
import id.atensi.webhook.service.Clocks;
import id.atensi.webhook.service.DeliveriesQueued;
import id.atensi.webhook.service.DeliveryStore;
import id.atensi.webhook.service.Outgoing;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Sends due deliveries. One thread claims them in batches (woken by new deliveries after their commit, or every
 * {@code poll-interval} for retries) and sends each without waiting for it: requests run on Vert.x's event loop,
 * under each endpoint's limit of requests in flight. Results are queued and recorded in batches, one transaction
 * for all results that arrived meanwhile, by a few threads of their own. An endpoint at its limit gets nothing from
 * a claim until a request of its own is recorded, so a hanging receiver holds its own share of connections and
 * never the others' turn.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    private static final long FIRST_RECORD_RETRY_MS = 100;
    private static final long LAST_RECORD_RETRY_MS = 5_000;

    private final DeliveryStore store;
    private final OutboundHttp http;
    private final WebhookMetrics metrics;
    private final WebhookConfig config;
    private final Clock clock;
    private final Object signal = new Object();
    private volatile boolean running;
    private boolean woken;
    private Thread thread;
    private ExecutorService recorders;
    private final BlockingQueue<DeliveryStore.Attempted> results = new LinkedBlockingQueue<>();

    Dispatcher(DeliveryStore store, OutboundHttp http, WebhookMetrics metrics, WebhookConfig config, Clock clock) {
        this.store = store;
        this.http = http;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
    }

    void start(@Observes StartupEvent startup) {
        running = true;
        recorders = Executors.newFixedThreadPool(config.recorderThreads(), runnable -> {
            Thread recorder = new Thread(runnable, "webhook-recorder");
            recorder.setDaemon(true);
            return recorder;
        });
        for (int i = 0; i < config.recorderThreads(); i++) {
            recorders.execute(this::recordLoop);
        }
        thread = new Thread(this::loop, "webhook-dispatcher");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        wake();
        try {
            thread.join(5_000);
            // Results that arrive within a second are recorded; those of requests still in flight after it are not,
            // and their leases bring the deliveries back (sent again under the same webhook-id).
            Thread.sleep(Math.min(config.outbound().timeout().toMillis(), 1_000));
            recorders.shutdownNow();
            recorders.awaitTermination(config.outbound().timeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void queued(@Observes(during = TransactionPhase.AFTER_SUCCESS) DeliveriesQueued queued) {
        wake();
    }

    private void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    private void loop() {
        while (running) {
            int claimed = 0;
            try {
                List<Outgoing> batch = store.claim(config.batchSize(), config.outbound().maxConcurrentPerEndpoint());
                batch.forEach(this::send);
                claimed = batch.size();
            } catch (RuntimeException e) {
                LOG.warnf("claiming deliveries failed, trying again: %s", e.getMessage());
            }
            if (claimed < config.batchSize()) {
                pause();
            }
        }
    }

    private void pause() {
        synchronized (signal) {
            if (!woken && running) {
                try {
                    signal.wait(config.pollInterval().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            woken = false;
        }
    }

    private void send(Outgoing outgoing) {
        long timestamp = clock.instant().getEpochSecond();
        Map<String, String> headers = Map.of(
                "webhook-id", outgoing.webhookId(),
                "webhook-timestamp", Long.toString(timestamp),
                "webhook-signature", Signatures.header(outgoing.secrets(), outgoing.webhookId(), timestamp, outgoing.body()),
                "content-type", "application/json",
                "user-agent", "ATENSI-Webhooks/1.0");
        http.post(outgoing.endpointId().toString(), outgoing.maxInFlight(), outgoing.url(), headers, outgoing.body())
                .whenComplete((result, failure) -> results.add(new DeliveryStore.Attempted(outgoing, result)));
    }

    private void recordLoop() {
        List<DeliveryStore.Attempted> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(results.take());
            } catch (InterruptedException shutdown) {
                results.drainTo(batch);
                if (!batch.isEmpty()) {
                    record(batch);
                }
                return;
            }
            results.drainTo(batch, config.recordBatchSize() - batch.size());
            record(batch);
            batch.clear();
        }
    }

    private void record(List<DeliveryStore.Attempted> batch) {
        for (DeliveryStore.Attempted attempted : batch) {
            if (attempted.result().outcome() != OutboundResult.Outcome.BUSY) {
                metrics.attempted(attempted.result());
            }
        }
        long wait = FIRST_RECORD_RETRY_MS;
        while (true) {
            try {
                List<DeliveryStore.Result> recorded = DeliveryStore.allDelivered(batch) ? store.recordDelivered(batch) : store.recordAll(batch);
                OffsetDateTime now = Clocks.now(clock);
                for (int i = 0; i < batch.size(); i++) {
                    metrics.ended(recorded.get(i), batch.get(i).outgoing().eventTime(), now);
                }
                break;
            } catch (RuntimeException batchFailed) {
                if (DatabaseUnreachable.causes(batchFailed)) {
                    // Dropped, these answers would be lost and their deliveries sent again when their leases end: kept
                    // until the database is back. Within the lease nothing is claimed again meanwhile.
                    if (wait == FIRST_RECORD_RETRY_MS) {
                        LOG.warnf("the database is away: %d attempts wait to be recorded (%s)", batch.size(), DatabaseUnreachable.describe(batchFailed));
                    }
                    if (!running || !sleep(wait)) {
                        return;
                    }
                    wait = Math.min(wait * 2, LAST_RECORD_RETRY_MS);
                    continue;
                }
                // A concurrent change of an endpoint (disabled by another attempt, edited by its owner) fails the batch:
                // each attempt is then recorded on its own, so that only the conflicting one is affected.
                batch.forEach(this::recordOne);
                break;
            }
        }
        // The next delivery of the same aggregate, or the endpoints' next ones, may be due now.
        wake();
    }

    /** @return false when interrupted: the service is stopping */
    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void recordOne(DeliveryStore.Attempted attempted) {
        Outgoing outgoing = attempted.outgoing();
        for (int tries = 1; ; tries++) {
            try {
                DeliveryStore.Result recorded = store.record(outgoing, attempted.result());
                metrics.ended(recorded, outgoing.eventTime(), Clocks.now(clock));
                return;
            } catch (RuntimeException e) {
                // Losing twice, the attempt is not logged; the lease's end brings the delivery back.
                if (tries == 2) {
                    LOG.warnf("could not record attempt of delivery %s: %s", outgoing.deliveryId(), e.getMessage());
                    return;
                }
            }
        }
    }
}
