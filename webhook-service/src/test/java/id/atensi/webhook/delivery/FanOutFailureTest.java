package id.atensi.webhook.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestInfrastructure;
import id.atensi.testing.TopicReader;
import id.atensi.webhook.Receiver;
import id.atensi.webhook.WebhookFixtures;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static id.atensi.webhook.WebhookFixtures.endpoint;
import static id.atensi.webhook.WebhookFixtures.partner;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fan-out consumer when the database fails in the middle of a poll's events. Its guarantee (platform-commons'
 * consumer loop with {@code FanOut}): a poll's events are applied in one transaction, so a failure on any of them
 * leaves nothing of the poll recorded (inbox rows, routing read model, stored events, deliveries); the poll's events
 * are then applied again one per transaction, a transient failure retried in place until it heals, a permanent one
 * sending that event alone to the dead-letter topic. The unique (endpoint, event) key and the inbox keep the events
 * applied twice (once in the failed poll, once on their own) from being delivered twice.
 * <p>
 * The failures are raised by a trigger on the real tables for one event id of the test's own, so nothing else the
 * service consumes meanwhile is touched; the five events are written in one producer batch so that they reach the
 * consumer in one poll.
 */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "webhook"))
class FanOutFailureTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CONSUMER = "beneficiary-webhooks";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aTransientFailureOnTheThirdOfFiveEventsRecordsNothingOfThePollAndEveryEventIsDeliveredOnceInOrder() throws Exception {
        String lks = partner();
        try (Receiver receiver = Receiver.start()) {
            endpoint(lks, receiver.url(), List.of("atensi.beneficiary.*"));
            String person = UUID.randomUUID().toString();
            List<String> events = eventIds(5);
            String trigger = "fan_out_failure_" + events.get(2).replace("-", "");
            // Serialization failure (40001): transient, so the consumer retries the event in place until the trigger goes.
            createTrigger(trigger, "known_audience", "last_event_id", events.get(2), "40001");
            long splitBefore = batchesSplit();
            try {
                publishInOneBatch(person, lks, events);

                List<Receiver.Request> firstTwo = receiver.awaitRequests(2, WAIT);
                assertEquals(events.subList(0, 2), bodyIds(firstTwo), "the events before the failing one, each applied on its own");
                for (String later : events.subList(2, 5)) {
                    assertEquals(0, count("SELECT count(*) FROM inbox_event WHERE consumer = ? AND event_id = ?", CONSUMER, later),
                            "no inbox row of " + later);
                    assertEquals(0, count("SELECT count(*) FROM webhook_event WHERE id = ?", later), "no stored event " + later);
                    assertEquals(0, count("SELECT count(*) FROM delivery WHERE event_id = ?", later), "no delivery of " + later);
                }
                assertEquals(events.get(1), text("SELECT last_event_id FROM known_audience WHERE audience_key = ?", "BENEFICIARY:" + person),
                        "the routing read model as the second event left it, not the failed poll's");
                assertEquals(2, receiver.received().size(), "nothing after the failing event is sent while it fails");
                assertTrue(batchesSplit() > splitBefore, "the five came in one poll, which failed as a whole and was split");
            } finally {
                dropTrigger(trigger, "known_audience");
            }

            receiver.awaitRequests(5, WAIT);
            await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
            List<Receiver.Request> all = receiver.received();
            assertEquals(events, bodyIds(all), "each event once, in commit order, the failed one included once it healed");
            assertEquals(5, all.stream().map(request -> request.header("webhook-id")).distinct().count());
            for (String event : events) {
                assertEquals(1, count("SELECT count(*) FROM delivery WHERE event_id = ?", event), "one delivery of " + event);
                assertEquals(1, count("SELECT count(*) FROM inbox_event WHERE consumer = ? AND event_id = ?", CONSUMER, event));
            }
        }
    }

    @Test
    void aConstraintViolatedByTheThirdOfFiveEventsDeadLettersItAloneAndTheOthersAreDeliveredOnceInOrder() throws Exception {
        String lks = partner();
        try (Receiver receiver = Receiver.start();
             TopicReader deadLetters = WebhookFixtures.BENEFICIARY.deadLetters()) {
            endpoint(lks, receiver.url(), List.of("atensi.beneficiary.*"));
            String person = UUID.randomUUID().toString();
            List<String> events = eventIds(5);
            String trigger = "fan_out_failure_" + events.get(2).replace("-", "");
            // A check violation (23514) on the poll's delivery insert, when the batch ends: permanent, never healing.
            createTrigger(trigger, "delivery", "event_id", events.get(2), "23514");
            long splitBefore = batchesSplit();
            try {
                publishInOneBatch(person, lks, events);

                ConsumerRecord<String, byte[]> letter = deadLetters.await(record -> events.get(2).equals(TopicReader.header(record, "ce_id")), WAIT);
                assertEquals(CONSUMER, TopicReader.header(letter, "atensi-dlq-consumer"));
                assertTrue(TopicReader.header(letter, "atensi-dlq-reason").contains("fan-out failure test"), TopicReader.header(letter, "atensi-dlq-reason"));
                List<Receiver.Request> delivered = receiver.awaitRequests(4, WAIT);
                await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
                delivered = receiver.received();
                assertEquals(List.of(events.get(0), events.get(1), events.get(3), events.get(4)), bodyIds(delivered),
                        "the others once each, in commit order");
                assertEquals(4, delivered.stream().map(request -> request.header("webhook-id")).distinct().count());
                assertTrue(batchesSplit() > splitBefore, "the five came in one poll, which failed as a whole and was split");
            } finally {
                dropTrigger(trigger, "delivery");
            }
            String failed = events.get(2);
            assertEquals(0, count("SELECT count(*) FROM inbox_event WHERE consumer = ? AND event_id = ?", CONSUMER, failed));
            assertEquals(0, count("SELECT count(*) FROM webhook_event WHERE id = ?", failed), "its stored event went with its transaction");
            assertEquals(0, count("SELECT count(*) FROM delivery WHERE event_id = ?", failed));
            for (String event : List.of(events.get(0), events.get(1), events.get(3), events.get(4))) {
                assertEquals(1, count("SELECT count(*) FROM delivery WHERE event_id = ?", event), "one delivery of " + event);
                assertEquals(1, count("SELECT count(*) FROM inbox_event WHERE consumer = ? AND event_id = ?", CONSUMER, event));
            }
            assertEquals(events.get(4), text("SELECT last_event_id FROM known_audience WHERE audience_key = ?", "BENEFICIARY:" + person));
        }
    }

    private static List<String> eventIds(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        return ids;
    }

    /**
     * A registration and four updates of one person, in one producer batch: one record batch in the partition's log,
     * which the consumer's fetch returns whole, so that the five are applied as one poll.
     */
    private static void publishInOneBatch(String person, String partnerId, List<String> events) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 60_000,
                ProducerConfig.BATCH_SIZE_CONFIG, 1 << 20,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                String type = i == 0 ? "atensi.beneficiary.registered.v1" : "atensi.beneficiary.updated.v1";
                String json = """
                        {"beneficiaryId":"%s","fullName":"Urutan %d","status":"REGISTERED","registeredAt":"2026-03-01T09:00:00+07:00",
                         "updatedAt":"2026-03-01T09:0%d:00+07:00","serviceUnitId":"0a000000-0000-4000-8000-00000000000a","partnerIds":["%s"]}"""
                        .formatted(person, i, i, partnerId);
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(WebhookFixtures.BENEFICIARY.name(), person,
                        json.getBytes(StandardCharsets.UTF_8));
                header(record, "ce_specversion", "1.0");
                header(record, "ce_id", events.get(i));
                header(record, "ce_type", type);
                header(record, "ce_source", "/atensi/beneficiary");
                header(record, "ce_subject", person);
                header(record, "ce_time", OffsetDateTime.now().toString());
                header(record, "content-type", "application/json");
                sent.add(producer.send(record));
            }
            producer.flush();
            for (java.util.concurrent.Future<?> future : sent) {
                future.get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new AssertionError("could not write the five events: " + e.getMessage(), e);
        }
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> bodyIds(List<Receiver.Request> requests) throws Exception {
        List<String> ids = new ArrayList<>();
        for (Receiver.Request request : requests) {
            JsonNode event = JSON.readTree(request.body());
            ids.add(event.get("id").asText());
        }
        return ids;
    }

    /** A trigger failing every write of the table's row that names the event, with the given SQLSTATE. */
    private void createTrigger(String name, String table, String column, String eventId, String sqlState) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE FUNCTION %1$s() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        IF NEW.%2$s = '%3$s' THEN
                            RAISE EXCEPTION 'fan-out failure test: %% refused', NEW.%2$s USING ERRCODE = '%4$s';
                        END IF;
                        RETURN NEW;
                    END $$""".formatted(name, column, eventId, sqlState));
            statement.execute("CREATE TRIGGER %1$s BEFORE INSERT OR UPDATE ON %2$s FOR EACH ROW EXECUTE FUNCTION %1$s()".formatted(name, table));
        }
    }

    private void dropTrigger(String name, String table) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TRIGGER IF EXISTS %s ON %s".formatted(name, table));
            statement.execute("DROP FUNCTION IF EXISTS %s()".formatted(name));
        }
    }

    private long count(String sql, String... parameters) throws SQLException {
        return Long.parseLong(text(sql, parameters));
    }

    private String text(String sql, String... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setString(i + 1, parameters[i]);
            }
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    /** Polls of this consumer that failed as a whole and were applied one record per transaction, from /q/metrics. */
    private static long batchesSplit() {
        String metrics = io.restassured.RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        double total = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("atensi_events_batches_split_total{") && line.contains("consumer=\"" + CONSUMER + "\"")) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return (long) total;
    }
}
