package id.atensi.commons.events;

import id.atensi.testing.TopicWriter;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@link EventConsumer#gatherFor} changes, on the real broker with the Kafka client {@link EventConsumerRunner}
 * builds for a consumer, told by what each poll hands over rather than by how long anything took: two consumers
 * read the same topic, one that gathers and one that does not, while events are written one at a time.
 */
class EventConsumerGatheringTest {

    private static final String TYPE = "atensi.test.changed.v1";
    /** Some 1.3 KB a record with its CloudEvents headers, so that the 128 KiB a gathering fetch waits for is 100 of them. */
    private static final String PADDING = "x".repeat(1000);
    private static final int EVENTS = 150;
    /**
     * Far longer than the test (whatever the load, the window cannot end while the events are written): the broker
     * answers the gathering fetch when its 128 KiB are there, never because the window ended. Such a window works
     * because KafkaSettings.gathering lets the client wait for the fetch that long.
     */
    private static final Duration WINDOW = Duration.ofMinutes(10);

    private final List<Runnable> cleanups = new ArrayList<>();

    @AfterEach
    void stopEverythingStarted() {
        cleanups.forEach(Runnable::run);
    }

    @Test
    void aConsumerThatGathersIsHandedAPollsWorthAtOnceWhileOneThatDoesNotIsHandedTheFirstEventAlone() {
        String service = onePartitionTopic();
        List<List<Integer>> current = new CopyOnWriteArrayList<>();
        List<List<Integer>> gathered = new CopyOnWriteArrayList<>();
        TestLoops.start(service, consumer("current", Duration.ZERO), recording(current), new TestLoops.Recorder(), cleanups);
        TestLoops.start(service, consumer("gathered", WINDOW), recording(gathered), new TestLoops.Recorder(), cleanups);

        try (TopicWriter writer = TopicWriter.create()) {
            write(writer, service, 0);
            await().atMost(Duration.ofSeconds(60)).until(() -> !current.isEmpty());
            assertEquals(List.of(0), current.get(0), "the first poll of the consumer that does not gather");

            for (int n = 1; n < EVENTS; n++) {
                write(writer, service, n);
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> !gathered.isEmpty());
        List<Integer> first = gathered.get(0);
        assertTrue(first.size() >= 80, "a gathering poll waits for 128 KiB (about 100 of these events), was handed " + first.size());
        assertEquals(sequence().subList(0, first.size()), first,
                "the gathering consumer's first poll: the first event, held while the others came, and those, in order");
        await().atMost(Duration.ofSeconds(60)).until(() -> count(current) == EVENTS);
        assertEquals(sequence(), flatten(current), "every event once, in order");
        // The gathering consumer's last events, fewer than 128 KiB, wait for the window's end: not awaited here.
    }

    @Test
    void eventsWaitingBeforeTheFirstPollAreHandedOverInOneBatchWhetherGatheringOrNot() {
        String service = onePartitionTopic();
        try (TopicWriter writer = TopicWriter.create()) {
            for (int n = 0; n < EVENTS; n++) {
                write(writer, service, n);
            }
        }
        List<List<Integer>> current = new CopyOnWriteArrayList<>();
        List<List<Integer>> gathered = new CopyOnWriteArrayList<>();
        TestLoops.start(service, consumer("current", Duration.ZERO), recording(current), new TestLoops.Recorder(), cleanups);
        TestLoops.start(service, consumer("gathered", WINDOW), recording(gathered), new TestLoops.Recorder(), cleanups);

        await().atMost(Duration.ofSeconds(60)).until(() -> count(gathered) == EVENTS && count(current) == EVENTS);
        assertEquals(List.of(sequence()), gathered, "the gathering consumer's polls");
        assertEquals(List.of(sequence()), current, "the other consumer's polls");
    }

    private static EventConsumer consumer(String name, Duration gatherFor) {
        return new EventConsumer() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Set<String> topics() {
                throw new AssertionError("the test loop subscribes to the topic itself");
            }

            @Override
            public void handle(ConsumedEvent event) {
                throw new AssertionError("the test's applier records the polls instead");
            }

            @Override
            public Duration gatherFor() {
                return gatherFor;
            }
        };
    }

    /** Records each poll's event numbers as one list, and applies them all. */
    private static ConsumerLoop.Applier recording(List<List<Integer>> polls) {
        return events -> {
            polls.add(events.stream().map(event -> (Integer) event.dataAs(Map.class).get("n")).toList());
            return events.stream().map(event -> Inbox.Outcome.APPLIED).toList();
        };
    }

    private static void write(TopicWriter writer, String service, int n) {
        writer.cloudEvent(EventNames.topic(service), UUID.randomUUID().toString(), TYPE, "/atensi/test", "aggregate",
                "{\"n\": " + n + ", \"padding\": \"" + PADDING + "\"}");
    }

    private static int count(List<List<Integer>> polls) {
        return polls.stream().mapToInt(List::size).sum();
    }

    private static List<Integer> flatten(List<List<Integer>> polls) {
        return polls.stream().flatMap(List::stream).toList();
    }

    private static List<Integer> sequence() {
        List<Integer> numbers = new ArrayList<>();
        for (int n = 0; n < EVENTS; n++) {
            numbers.add(n);
        }
        return numbers;
    }

    /** One partition: a poll's records are in one fetch, in offset order. */
    private static String onePartitionTopic() {
        String service = "test" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Admin admin = TestLoops.admin()) {
            admin.createTopics(List.of(new NewTopic(EventNames.topic(service), 1, (short) 1))).all().get();
        } catch (Exception e) {
            throw new AssertionError("could not create the topic of " + service + ": " + e.getMessage(), e);
        }
        return service;
    }
}
