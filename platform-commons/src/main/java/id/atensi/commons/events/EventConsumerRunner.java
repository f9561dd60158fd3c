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
import org.hibernate.Session;
import org.jboss.logging.MDC;

import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/** Starts one {@link ConsumerLoop} per {@link EventConsumer} bean, each in its own thread and consumer group. */
@ApplicationScoped
public class EventConsumerRunner {

    private final Instance<EventConsumer> consumers;
    private final EntityManager entityManager;
    private final PlatformConfig config;
    private final MeterRegistry registry;
    private final String bootstrapServers;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private Producer<byte[], byte[]> deadLetters;

    private record Running(EventConsumer consumer, ConsumerLoop loop, Thread thread, ConsumerLoop.Listener listener) {
    }

    /** A consumer of this service, for operators. */
    public record ConsumerInfo(String name, String group, Set<String> topics) {
    }

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
            ConsumerLoop.Listener listener = metrics(service, eventConsumer.name());
            running.put(eventConsumer.name(), launch(eventConsumer, listener));
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running.values().forEach(consumer -> consumer.loop().stop());
        running.values().forEach(consumer -> join(consumer.thread()));
        if (deadLetters != null) {
            deadLetters.close();
        }
    }

    public List<ConsumerInfo> consumers() {
        return running.values().stream()
                .map(consumer -> new ConsumerInfo(consumer.consumer().name(), group(consumer.consumer()), consumer.consumer().topics()))
                .sorted(Comparator.comparing(ConsumerInfo::name))
                .toList();
    }

    /**
     * Rebuilds a consumer's read model from the start of its topics: stop it, forget its inbox rows and
     * read model, move its group's offsets to the earliest retained ones, start it again.
     */
    public synchronized void replay(String name) {
        Running current = running.get(name);
        if (current == null) {
            throw ProblemException.notFound("event consumer", name);
        }
        String group = group(current.consumer());
        current.loop().stop();
        join(current.thread());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            if (!admin.describeConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS).get(group).members().isEmpty()) {
                throw new ProblemException(ProblemCode.CONFLICT, "consumer group " + group
                        + " has members in other replicas; scale the service to one replica and replay again");
            }
            QuarkusTransaction.requiringNew().run(() -> {
                entityManager.createNativeQuery("DELETE FROM inbox_event WHERE consumer = :consumer")
                        .setParameter("consumer", name).executeUpdate();
                current.consumer().resetReadModel();
            });
            admin.alterConsumerGroupOffsets(group, earliestOffsets(admin, current.consumer().topics())).all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the replay of " + name, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer during the replay of " + name + ": " + e.getMessage(), e);
        } finally {
            running.put(name, launch(current.consumer(), current.listener()));
        }
    }

    private Running launch(EventConsumer eventConsumer, ConsumerLoop.Listener listener) {
        String group = group(eventConsumer);
        KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(KafkaSettings.consumer(eventConsumer, bootstrapServers, group));
        kafka.subscribe(eventConsumer.topics());
        ConsumerLoop loop = new ConsumerLoop(eventConsumer.name(), kafka, deadLetters,
                events -> applyInTransaction(eventConsumer, events), eventConsumer::wantsType, listener, config.consumers().maxBackoff());
        Thread thread = new Thread(loop, group);
        thread.setDaemon(true);
        thread.start();
        return new Running(eventConsumer, loop, thread, listener);
    }

    private static Map<TopicPartition, OffsetAndMetadata> earliestOffsets(Admin admin, Set<String> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).forEach((topic, description) ->
                description.partitions().forEach(partition -> request.put(new TopicPartition(topic, partition.partition()), OffsetSpec.earliest())));
        Map<TopicPartition, OffsetAndMetadata> earliest = new HashMap<>();
        admin.listOffsets(request).all().get(30, TimeUnit.SECONDS)
                .forEach((partition, offset) -> earliest.put(partition, new OffsetAndMetadata(offset.offset())));
        return earliest;
    }

    private String group(EventConsumer eventConsumer) {
        return "atensi." + config.serviceName() + "." + eventConsumer.name();
    }

    private static void join(Thread thread) {
        try {
            thread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Records the events' ids in the inbox in one statement, then hands each new one to the consumer, all in one
     * transaction. Each event's changes are flushed and the persistence context cleared before the next: a handler
     * sees what the previous events wrote, never an entity read before another event's bulk update, as when each event
     * had a transaction of its own. The consumer's {@link EventConsumer#batchHandled} ends the batch before the commit.
     */
    private List<Inbox.Outcome> applyInTransaction(EventConsumer eventConsumer, List<ConsumedEvent> events) {
        return QuarkusTransaction.requiringNew().call(() -> {
            // asked before the inbox's statement, on the session as the handlers are, not inside its JDBC work
            List<Boolean> wanted = events.stream().map(eventConsumer::wants).toList();
            List<Inbox.Outcome> outcomes = entityManager.unwrap(Session.class)
                    .doReturningWork(connection -> Inbox.admit(connection, eventConsumer.name(), events, wanted));
            boolean handled = false;
            for (int i = 0; i < events.size(); i++) {
                if (outcomes.get(i) == Inbox.Outcome.APPLIED) {
                    handle(eventConsumer, events.get(i));
                    handled = true;
                    if (events.size() > 1) {
                        entityManager.flush();
                        entityManager.clear();
                    }
                }
            }
            if (handled) {
                eventConsumer.batchHandled();
            }
            return outcomes;
        });
    }

    private static void handle(EventConsumer eventConsumer, ConsumedEvent event) {
        // Log lines written while handling the event can be joined to the request that caused it.
        MDC.put("eventId", event.id());
        if (event.traceParent() != null) {
            MDC.put("traceparent", event.traceParent());
        }
        try {
            eventConsumer.handle(event);
        } finally {
            MDC.remove("eventId");
            MDC.remove("traceparent");
        }
    }

    private ConsumerLoop.Listener metrics(String service, String consumerName) {
        Counter applied = Counter.builder("atensi.events.consumed").tag("service", service).tag("consumer", consumerName)
                .tag("outcome", "applied").register(registry);
        Counter duplicates = Counter.builder("atensi.events.consumed").tag("service", service).tag("consumer", consumerName)
                .tag("outcome", "duplicate").register(registry);
        Counter declined = Counter.builder("atensi.events.consumed").tag("service", service).tag("consumer", consumerName)
                .tag("outcome", "declined").register(registry);
        Counter deadLettered = Counter.builder("atensi.events.dead.lettered").tag("service", service).tag("consumer", consumerName)
                .register(registry);
        Counter retries = Counter.builder("atensi.events.retries").tag("service", service).tag("consumer", consumerName)
                .register(registry);
        Counter batchesSplit = Counter.builder("atensi.events.batches.split").tag("service", service).tag("consumer", consumerName)
                .description("Polled batches that failed as a whole and were applied one record per transaction").register(registry);
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
            public void declined() {
                declined.increment();
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
            public void batchSplit(int records) {
                batchesSplit.increment();
            }

            @Override
            public void lag(long records) {
                lag.set(records);
            }
        };
    }
}
