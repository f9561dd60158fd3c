package id.atensi.commons.events;

/**
 * A payload published through the outbox. Implementations are versioned records annotated with
 * {@link EventType}; their fields are the event's JSON data.
 */
public interface DomainEvent {

    /** The id of the aggregate the event is about: the Kafka record key and the CloudEvent subject. */
    String aggregateId();
}
