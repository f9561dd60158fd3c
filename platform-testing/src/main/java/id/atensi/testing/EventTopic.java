package id.atensi.testing;

/**
 * Another service's event topic as a consumer's test writes to it: CloudEvents with that service's source, through
 * the test JVM's shared {@link TopicWriter}, so that a test class opens and closes no producer of its own.
 */
public final class EventTopic {

    private final String name;
    private final String source;

    public EventTopic(String name, String source) {
        this.name = name;
        this.source = source;
    }

    public String name() {
        return name;
    }

    public void publish(String eventId, String type, String subject, String json) {
        TopicWriter.shared().cloudEvent(name, eventId, type, source, subject, json);
    }

    /** Bytes no producer of the platform would write (a poison record). */
    public void raw(String key, byte[] value) {
        TopicWriter.shared().raw(name, key, value);
    }

    /** What the consumers dead-letter from this topic. */
    public TopicReader deadLetters() {
        return TopicReader.of(name + ".dlq");
    }
}
