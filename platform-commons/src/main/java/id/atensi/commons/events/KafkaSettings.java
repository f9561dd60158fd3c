package id.atensi.commons.events;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.kafka.CloudEventSerializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Kafka client settings shared by the relay, the consumers and the dead-letter producer. */
public final class KafkaSettings {

    private KafkaSettings() {
    }

    /** Idempotent, fully acknowledged, ordered per partition: CloudEvents in binary mode. */
    public static Producer<String, CloudEvent> eventProducer(String bootstrapServers, String clientId) {
        return new KafkaProducer<>(eventProducerSettings(bootstrapServers, clientId));
    }

    static Map<String, Object> eventProducerSettings(String bootstrapServers, String clientId) {
        Map<String, Object> settings = reliableProducer(bootstrapServers, clientId);
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class);
        settings.put(CloudEventSerializer.ENCODING_CONFIG, Encoding.BINARY.name());
        return settings;
    }

    /** For dead letters, which keep the original record's bytes and headers. */
    public static Producer<byte[], byte[]> rawProducer(String bootstrapServers, String clientId) {
        Map<String, Object> settings = reliableProducer(bootstrapServers, clientId);
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(settings);
    }

    public static Map<String, Object> consumer(String bootstrapServers, String groupId, String clientId) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return settings;
    }

    /** The client of an {@link EventConsumer}: {@link #consumer}, gathering for its {@link EventConsumer#gatherFor} if it names one. */
    public static Map<String, Object> consumer(EventConsumer eventConsumer, String bootstrapServers, String group) {
        Map<String, Object> settings = consumer(bootstrapServers, group, group);
        if (eventConsumer.gatherFor().compareTo(Duration.ZERO) > 0) {
            settings.putAll(gathering(eventConsumer.gatherFor()));
        }
        return settings;
    }

    /**
     * A consumer's fetches held by the broker until a poll's worth of records (200 of a few hundred bytes each) is
     * there or {@code window} has passed, instead of answered with the first record. The client waits for a held
     * fetch the window and its default 30 s request timeout besides, so that a long window is not cut short by the
     * client giving up on the request (and dropping the connection) while the broker still holds it.
     */
    public static Map<String, Object> gathering(Duration window) {
        return Map.of(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 128 * 1024,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) window.toMillis(),
                ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) window.plusSeconds(30).toMillis());
    }

    private static Map<String, Object> reliableProducer(String bootstrapServers, String clientId) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        // Fail a batch within seconds while the broker is away; the outbox keeps the events meanwhile.
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10000);
        return settings;
    }
}
