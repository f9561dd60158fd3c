package id.atensi.webhook.client.delivery;

import id.atensi.outbound.OutboundResult;
import id.atensi.webhook.service.DeliveryStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counters of the dispatcher (names in the README, for alerts): every attempt by outcome, every delivery's end, and
 * the time from an event's commit to its delivery.
 */
@ApplicationScoped
public class WebhookMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Timer latency;

    WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.latency = Timer.builder("atensi.webhook.delivery.latency")
                .description("From the event's commit in its service to a 2xx from the receiver")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    void attempted(OutboundResult result) {
        String outcome = switch (result.outcome()) {
            case ANSWERED -> result.successful() ? "success" : "http-" + (result.status() / 100) + "xx";
            default -> result.outcome().name().toLowerCase().replace('_', '-');
        };
        counter("atensi.webhook.attempts", "outcome", outcome).increment();
    }

    void ended(DeliveryStore.Result result, OffsetDateTime eventTime, OffsetDateTime now) {
        switch (result) {
            case DELIVERED -> {
                counter("atensi.webhook.deliveries", "result", "delivered").increment();
                latency.record(Duration.between(eventTime, now));
            }
            case FAILED, GONE -> counter("atensi.webhook.deliveries", "result", "failed").increment();
            default -> {
            }
        }
    }

    private Counter counter(String name, String tag, String value) {
        return counters.computeIfAbsent(name + "|" + value, key -> Counter.builder(name).tag(tag, value).register(registry));
    }
}
