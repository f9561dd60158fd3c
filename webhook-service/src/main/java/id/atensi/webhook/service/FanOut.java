package id.atensi.webhook.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import id.atensi.commons.events.ConsumedEvent;
import id.atensi.webhook.domain.Delivery;
import id.atensi.webhook.domain.Endpoint;
import id.atensi.webhook.domain.EndpointStatus;
import id.atensi.webhook.domain.EventTypes;
import id.atensi.webhook.domain.PersonalData;
import id.atensi.webhook.domain.WebhookEvent;
import id.atensi.webhook.events.KnownErasure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Turns a consumed event into one delivery per enabled endpoint, of a partner allowed to see it, that subscribes
 * to its type; in the consumer's transaction, with the event's inbox row. The event's data is stored once, without
 * personal numbers; bodies are built from it at each attempt.
 */
@ApplicationScoped
public class FanOut {

    private final Clock clock;
    private final Event<DeliveriesQueued> queued;
    private final EntityManager entityManager;

    FanOut(Clock clock, Event<DeliveriesQueued> queued, EntityManager entityManager) {
        this.clock = clock;
        this.queued = queued;
        this.entityManager = entityManager;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void deliver(ConsumedEvent event, ObjectNode data, Set<UUID> audience) {
        if (audience.isEmpty() || !EventTypes.DELIVERED.contains(event.type())) {
            return;
        }
        List<Endpoint> endpoints = Endpoint.<Endpoint>list("partnerId in ?1 and status = ?2", audience, EndpointStatus.ENABLED)
                .stream().filter(endpoint -> endpoint.subscribesTo(event.type())).toList();
        if (endpoints.isEmpty()) {
            return;
        }
        OffsetDateTime now = Clocks.now(clock);
        WebhookEvent stored = WebhookEvent.findById(event.id());
        if (stored == null) {
            stored = store(event, data, now);
        }
        for (Endpoint endpoint : endpoints) {
            if (Delivery.count("endpointId = ?1 and eventId = ?2", endpoint.id, event.id()) == 0) {
                Delivery.of(endpoint.id, stored, now).persist();
            }
        }
        queued.fire(new DeliveriesQueued());
    }

    /** A test delivery to one endpoint, outside any subscription. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Delivery ping(Endpoint endpoint) {
        OffsetDateTime now = Clocks.now(clock);
        WebhookEvent event = new WebhookEvent();
        event.id = UUID.randomUUID().toString();
        event.type = EventTypes.PING;
        event.source = "/atensi/webhook";
        event.subject = endpoint.id.toString();
        event.time = now;
        event.data = "{\"endpointId\":\"" + endpoint.id + "\",\"partnerId\":\"" + endpoint.partnerId + "\",\"sentAt\":\"" + now + "\"}";
        event.receivedAt = now;
        event.persist();
        Delivery delivery = Delivery.of(endpoint.id, event, now);
        delivery.persist();
        queued.fire(new DeliveriesQueued());
        return delivery;
    }

    /**
     * The person's data was erased: their personal fields leave every stored event, so that no retry or replay,
     * whose body is built from these, can send them again.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void erase(UUID beneficiaryId) {
        entityManager.createNativeQuery("""
                        UPDATE webhook_event SET data = (SELECT COALESCE(jsonb_object_agg(key, value), '{}'::jsonb)
                                                         FROM jsonb_each(data) WHERE key = ANY(CAST(:kept AS text[])))
                        WHERE beneficiary_id = :person
                        """)
                .setParameter("kept", "{" + String.join(",", PersonalData.NOT_PERSONAL) + "}")
                .setParameter("person", beneficiaryId)
                .executeUpdate();
    }

    private static WebhookEvent store(ConsumedEvent event, ObjectNode data, OffsetDateTime now) {
        ObjectNode copy = data.deepCopy();
        PersonalData.removePersonalNumbers(copy);
        WebhookEvent stored = new WebhookEvent();
        stored.id = event.id();
        stored.type = event.type();
        stored.source = event.source();
        stored.subject = event.subject();
        stored.time = event.time() == null ? now : event.time();
        stored.beneficiaryId = PersonalData.subjectPerson(copy).orElse(null);
        if (stored.beneficiaryId != null && KnownErasure.erased(stored.beneficiaryId)) {
            PersonalData.withholdPersonalFields(copy);
        }
        stored.data = copy.toString();
        stored.receivedAt = now;
        stored.persist();
        return stored;
    }
}
