package id.atensi.webhook.client.delivery;

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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Sends due deliveries. One thread claims them in batches (woken by new deliveries after their commit, or every
 * {@code poll-interval} for retries) and sends each without waiting for it: requests run on Vert.x's event loop,
 * under platform-outbound-http's per-endpoint limit, and their results are recorded by a few threads of their own.
 * An endpoint at its limit is left out of the next claims until a request of its own ends, so a hanging receiver
 * holds its own share of connections and never the others' turn.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

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
        thread = new Thread(this::loop, "webhook-dispatcher");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        wake();
        try {
            thread.join(5_000);
            recorders.shutdown();
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
                Set<UUID> busy = http.busyTargets().stream().map(UUID::fromString).collect(Collectors.toSet());
                List<Outgoing> batch = store.claim(busy, config.batchSize(), config.outbound().maxConcurrentPerEndpoint());
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
        http.post(outgoing.endpointId().toString(), outgoing.url(), headers, outgoing.body())
                .whenComplete((result, failure) -> recorders.execute(() -> record(outgoing, result)));
    }

    private void record(Outgoing outgoing, OutboundResult result) {
        if (result.outcome() != OutboundResult.Outcome.BUSY) {
            metrics.attempted(result);
        }
        for (int tries = 1; ; tries++) {
            try {
                DeliveryStore.Result recorded = store.record(outgoing, result);
                metrics.ended(recorded, outgoing.eventTime(), Clocks.now(clock));
                break;
            } catch (RuntimeException e) {
                // A concurrent change of the same endpoint (disabled by another attempt, edited by its owner) loses
                // once; after that the lease's end brings the delivery back.
                if (tries == 2) {
                    LOG.warnf("could not record attempt of delivery %s: %s", outgoing.deliveryId(), e.getMessage());
                    return;
                }
            }
        }
        // The next delivery of the same aggregate, or the endpoint's next batch, may be due now.
        wake();
    }
}
