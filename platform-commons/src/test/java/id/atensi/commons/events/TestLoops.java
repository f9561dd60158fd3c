package id.atensi.commons.events;

import id.atensi.testing.TestInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** Consumer loops run as {@link EventConsumerRunner} runs them: a thread and a consumer group each, on the real broker. */
final class TestLoops {

    private TestLoops() {
    }

    /** Thrown by a test's applier to end the loop's thread as a crashed process would: no rollback handling, no commit. */
    static final class Crash extends Error {
        Crash(String message) {
            super(message);
        }
    }

    /** What a loop reported, counted. */
    static final class Recorder implements ConsumerLoop.Listener {
        final AtomicInteger applied = new AtomicInteger();
        final AtomicInteger duplicates = new AtomicInteger();
        final AtomicInteger declined = new AtomicInteger();
        final AtomicInteger deadLettered = new AtomicInteger();
        final AtomicInteger splits = new AtomicInteger();

        @Override
        public void applied(ConsumedEvent event) {
            applied.incrementAndGet();
        }

        @Override
        public void duplicate(ConsumedEvent event) {
            duplicates.incrementAndGet();
        }

        @Override
        public void declined() {
            declined.incrementAndGet();
        }

        @Override
        public void deadLettered(String topic, String reason) {
            deadLettered.incrementAndGet();
        }

        @Override
        public void retrying(Exception cause) {
        }

        @Override
        public void batchSplit(int records) {
            splits.incrementAndGet();
        }

        @Override
        public void lag(long records) {
        }
    }

    /** Starts a loop on the service's topic; {@code cleanups} gets what stops it. */
    static ConsumerLoop start(String service, String consumerName, ConsumerLoop.Applier applier, ConsumerLoop.Listener listener,
                              List<Runnable> cleanups) {
        return start(service, consumerName, applier, type -> true, listener, cleanups);
    }

    /** As above, for a consumer that declines some types unread ({@link EventConsumer#wantsType}). */
    static ConsumerLoop start(String service, String consumerName, ConsumerLoop.Applier applier, Predicate<String> wantsType,
                              ConsumerLoop.Listener listener, List<Runnable> cleanups) {
        String bootstrap = TestInfrastructure.get().kafkaBootstrapServers();
        String group = groupOf(service, consumerName);
        return start(service, consumerName, KafkaSettings.consumer(bootstrap, group, group), applier, wantsType, listener, cleanups);
    }

    /** Starts a loop with the Kafka client {@link EventConsumerRunner} gives this consumer (its gathering too). */
    static ConsumerLoop start(String service, EventConsumer eventConsumer, ConsumerLoop.Applier applier, ConsumerLoop.Listener listener,
                              List<Runnable> cleanups) {
        String bootstrap = TestInfrastructure.get().kafkaBootstrapServers();
        String group = groupOf(service, eventConsumer.name());
        return start(service, eventConsumer.name(), KafkaSettings.consumer(eventConsumer, bootstrap, group), applier,
                eventConsumer::wantsType, listener, cleanups);
    }

    private static ConsumerLoop start(String service, String consumerName, Map<String, Object> settings, ConsumerLoop.Applier applier,
                                      Predicate<String> wantsType, ConsumerLoop.Listener listener, List<Runnable> cleanups) {
        String bootstrap = TestInfrastructure.get().kafkaBootstrapServers();
        String group = groupOf(service, consumerName);
        KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(settings);
        kafka.subscribe(List.of(EventNames.topic(service)));
        Producer<byte[], byte[]> deadLetters = KafkaSettings.rawProducer(bootstrap, group + "-dlq");
        ConsumerLoop loop = new ConsumerLoop(consumerName, kafka, deadLetters, applier, wantsType, listener, Duration.ofSeconds(1));
        Thread thread = new Thread(loop, group);
        thread.setUncaughtExceptionHandler((crashed, failure) -> {
            if (!(failure instanceof Crash)) {
                failure.printStackTrace();
            }
        });
        thread.start();
        cleanups.add(() -> {
            loop.stop();
            join(thread);
            deadLetters.close();
        });
        return loop;
    }

    static String groupOf(String service, String consumerName) {
        return "atensi." + service + "." + consumerName;
    }

    static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers()));
    }

    static void join(Thread thread) {
        try {
            thread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
