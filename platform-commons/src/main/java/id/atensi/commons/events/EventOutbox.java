package id.atensi.commons.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.atensi.commons.config.PlatformConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Records domain events in the service's outbox table, inside the caller's transaction: the event
 * exists if and only if the state change that caused it committed. The relay publishes it afterwards.
 */
@ApplicationScoped
public class EventOutbox {

    static final String CHANNEL = "atensi_outbox";

    private final EntityManager entityManager;
    private final ObjectMapper objectMapper;
    private final String serviceName;

    EventOutbox(EntityManager entityManager, ObjectMapper objectMapper, PlatformConfig config) {
        this.entityManager = entityManager;
        this.objectMapper = objectMapper;
        this.serviceName = config.serviceName();
    }

    /** @return the id of the recorded event (the CloudEvent id) */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID record(DomainEvent event) {
        UUID id = UUID.randomUUID();
        entityManager.createNativeQuery("""
                        INSERT INTO outbox_event (id, aggregate_type, aggregate_id, event_type, payload, trace_parent, occurred_at)
                        VALUES (:id, :aggregateType, :aggregateId, :eventType, CAST(:payload AS jsonb), :traceParent, :occurredAt)
                        """)
                .setParameter("id", id)
                .setParameter("aggregateType", EventNames.aggregateType(event.getClass()))
                .setParameter("aggregateId", event.aggregateId())
                .setParameter("eventType", EventNames.type(serviceName, event.getClass()))
                .setParameter("payload", json(event))
                .setParameter("traceParent", TraceContext.currentTraceParent())
                .setParameter("occurredAt", OffsetDateTime.now(ZoneOffset.UTC))
                .executeUpdate();
        // Delivered to the relay's LISTEN only when this transaction commits, and never if it rolls back.
        entityManager.createNativeQuery("SELECT pg_notify('" + CHANNEL + "', '')").getSingleResult();
        return id;
    }

    private String json(DomainEvent event) {
        try {
            return objectMapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event " + event.getClass().getSimpleName() + " cannot be written as JSON", e);
        }
    }
}
