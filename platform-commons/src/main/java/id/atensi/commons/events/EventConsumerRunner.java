package id.atensi.commons.events;

import id.atensi.commons.config.PlatformConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Starts one {@link ConsumerLoop} per {@link EventConsumer} bean, each in its own thread and consumer group. */
@ApplicationScoped
public class EventConsumerRunner {

    private final Instance<EventConsumer> consumers;
    private final EntityManager entityManager;
    private final PlatformConfig config;
    private final MeterRegistry registry;
    private final String bootstrapServers;
    private final List<ConsumerLoop> loops = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private Producer<byte[], byte[]> deadLetters;

    EventConsumerRunner(Instance<EventConsumer> consumers, EntityManager entityManager, PlatformConfig config,
                        MeterRegistry registry, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.consumers = consumers;
        this.entityManager = entityManager;
        this.config = config;
        this.registry = registry;
        this.bootstrapServers = bootstrapServers;
    }

    void start(@Observes @Priority(300) StartupEvent startup) {
        if (!config.consumers().enabled() || consumers.isUnsatisfied()) {
            return;
        }
        String service = config.serviceName();
        deadLetters = KafkaSettings.rawProducer(bootstrapServers, service + "-dead-letters");
        for (EventConsumer eventConsumer : consumers) {
            String group = "atensi." + service + "." + eventConsumer.name();
            KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(KafkaSettings.consumer(bootstrapServers, group, group));
            kafka.subscribe(eventConsumer.topics());
            ConsumerLoop loop = new ConsumerLoop(eventConsumer.name(), kafka, deadLetters,
                    event -> applyOnce(eventConsumer, event), metrics(service, eventConsumer.name()), config.consumers().maxBackoff());
            Thread thread = new Thread(loop, group);
            thread.setDaemon(true);
            loops.add(loop);
            threads.add(thread);
            thread.start();
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        loops.forEach(ConsumerLoop::stop);
        for (Thread thread : threads) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (deadLetters != null) {
            deadLetters.close();
        }
    }

    private boolean applyOnce(EventConsumer eventConsumer, ConsumedEvent event) {
        return QuarkusTransaction.requiringNew().call(() -> {
            int recorded = entityManager.createNativeQuery("""
                            INSERT INTO inbox_event (consumer, event_id, event_type) VALUES (:consumer, :eventId, :eventType)
                            ON CONFLICT DO NOTHING
                            """)
                    .setParameter("consumer", eventConsumer.name())
                    .setParameter("eventId", event.id())
                    .setParameter("eventType", event.type())
                    .executeUpdate();
            if (recorded == 0) {
                return false;
            }
            eventConsumer.handle(event);
            return true;
        });
    }

    private ConsumerLoop.Listener metrics(String service, String consumerName) {
        Counter applied = Counter.builder("atensi.events.consumed").tag("service", service).tag("consumer", consumerName)
                .tag("outcome", "applied").register(registry);
        Counter duplicates = Counter.builder("atensi.events.consumed").tag("service", service).tag("consumer", consumerName)
                .tag("outcome", "duplicate").register(registry);
        Counter deadLettered = Counter.builder("atensi.events.dead.lettered").tag("service", service).tag("consumer", consumerName)
                .register(registry);
        Counter retries = Counter.builder("atensi.events.retries").tag("service", service).tag("consumer", consumerName)
                .register(registry);
        AtomicLong lag = new AtomicLong();
        Gauge.builder("atensi.events.consumer.lag", lag, AtomicLong::get).description("Records not yet consumed")
                .tag("service", service).tag("consumer", consumerName).register(registry);
        return new ConsumerLoop.Listener() {
            @Override
            public void applied(ConsumedEvent event) {
                applied.increment();
            }

            @Override
            public void duplicate(ConsumedEvent event) {
                duplicates.increment();
            }

            @Override
            public void deadLettered(String topic, String reason) {
                deadLettered.increment();
            }

            @Override
            public void retrying(Exception cause) {
                retries.increment();
            }

            @Override
            public void lag(long records) {
                lag.set(records);
            }
        };
    }
}
