package id.atensi.testing;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Writes records to a topic as another service would (CloudEvents 1.0, Kafka binary mode), or raw bytes
 * as a broken producer would, so that consumers can be tested against what really arrives.
 */
public final class TopicWriter implements AutoCloseable {

    private static TopicWriter shared;

    private final KafkaProducer<String, byte[]> producer;

    public TopicWriter(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    public static TopicWriter create() {
        return new TopicWriter(TestInfrastructure.get().kafkaBootstrapServers());
    }

    /**
     * One writer for the test JVM (for each class loader Quarkus gives test code), closed when the JVM exits: a Kafka
     * producer is safe to share between threads, and opening one costs a connection and its threads.
     */
    public static synchronized TopicWriter shared() {
        if (shared == null) {
            TopicWriter writer = create();
            Runtime.getRuntime().addShutdownHook(new Thread(writer::close, "atensi-shared-topic-writer"));
            shared = writer;
        }
        return shared;
    }

    public void cloudEvent(String topic, String id, String type, String source, String subject, String json) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, subject, json.getBytes(StandardCharsets.UTF_8));
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", id);
        header(record, "ce_type", type);
        header(record, "ce_source", source);
        header(record, "ce_subject", subject);
        header(record, "ce_time", OffsetDateTime.now().toString());
        header(record, "content-type", "application/json");
        send(record);
    }

    public void raw(String topic, String key, byte[] value) {
        send(new ProducerRecord<>(topic, key, value));
    }

    private void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not write to " + record.topic() + ": " + e.getMessage(), e);
        }
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        producer.close();
    }
}
