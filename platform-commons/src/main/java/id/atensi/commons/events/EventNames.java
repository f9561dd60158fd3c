package id.atensi.commons.events;

/** The naming rules of docs/architecture.md ("Events") for topics, sources and types, kept in one place. */
public final class EventNames {

    private EventNames() {
    }

    public static String topic(String serviceName) {
        return "atensi." + serviceName + ".events";
    }

    public static String deadLetterTopic(String topic) {
        return topic + ".dlq";
    }

    public static String source(String serviceName) {
        return "/atensi/" + serviceName;
    }

    public static String type(String serviceName, Class<? extends DomainEvent> payloadType) {
        EventType annotation = payloadType.getAnnotation(EventType.class);
        if (annotation == null) {
            throw new IllegalArgumentException(payloadType.getName() + " is not annotated with @EventType");
        }
        return "atensi." + serviceName + "." + annotation.name() + ".v" + annotation.version();
    }

    public static String aggregateType(Class<? extends DomainEvent> payloadType) {
        EventType annotation = payloadType.getAnnotation(EventType.class);
        if (annotation == null) {
            throw new IllegalArgumentException(payloadType.getName() + " is not annotated with @EventType");
        }
        return annotation.aggregate();
    }
}
