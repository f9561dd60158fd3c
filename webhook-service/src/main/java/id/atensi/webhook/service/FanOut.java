package id.atensi.webhook.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.atensi.commons.events.ConsumedEvent;
import id.atensi.webhook.domain.Delivery;
import id.atensi.webhook.domain.Endpoint;
import id.atensi.webhook.domain.EventTypes;
import id.atensi.webhook.domain.PersonalData;
import id.atensi.webhook.domain.WebhookEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Turns a consumed event into one delivery per enabled endpoint, of a partner allowed to see it, that subscribes
 * to its type; in the consumer's transaction, with the event's inbox row. The event's data is stored once, without
 * personal numbers; bodies are built from it at each attempt.
 * <p>
 * A consumer transaction applies a poll's events (up to 200): the enabled endpoints are read once for all of them,
 * and the events and deliveries are inserted in one statement each when the batch ends ({@link #batchHandled}), in
 * consumption order, which is the deliveries' {@code seq} and so the order per aggregate. The unique keys (event id;
 * endpoint and event) make a replay of the consumer create nothing twice.
 */
@ApplicationScoped
public class FanOut {

    private final Clock clock;
    private final Event<DeliveriesQueued> queued;
    private final EntityManager entityManager;
    private final FanOutBatch batch;
    private final ObjectMapper mapper;

    FanOut(Clock clock, Event<DeliveriesQueued> queued, EntityManager entityManager, FanOutBatch batch, ObjectMapper mapper) {
        this.clock = clock;
        this.queued = queued;
        this.entityManager = entityManager;
        this.batch = batch;
        this.mapper = mapper;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void deliver(ConsumedEvent event, ObjectNode data, Set<UUID> audience) {
        if (audience.isEmpty() || !EventTypes.DELIVERED.contains(event.type())) {
            return;
        }
        List<UUID> endpointIds = routes().stream().filter(route -> route.takes(audience, event.type()))
                .map(FanOutBatch.Route::endpointId).toList();
        if (endpointIds.isEmpty()) {
            return;
        }
        ObjectNode copy = data.deepCopy();
        PersonalData.removePersonalNumbers(copy);
        batch.add(new FanOutBatch.Routed(event.id(), event.type(), event.source(), event.subject(),
                event.time() == null ? Clocks.now(clock) : event.time(), copy, PersonalData.subjectPerson(copy).orElse(null), endpointIds));
    }

    /** Writes what the batch's events gathered: their stored events and deliveries, one statement each. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void batchHandled() {
        List<FanOutBatch.Routed> routed = batch.take();
        if (routed.isEmpty()) {
            return;
        }
        OffsetDateTime now = Clocks.now(clock);
        // The statements below bypass Hibernate: what the handlers persisted (an erasure among them) goes first.
        entityManager.flush();
        entityManager.unwrap(Session.class).doWork(connection -> {
            Set<UUID> erased = erased(connection, routed);
            insertEvents(connection, routed, erased, now);
            insertDeliveries(connection, routed, now);
        });
        queued.fire(new DeliveriesQueued());
    }

    private List<FanOutBatch.Route> routes() {
        if (batch.routes() == null) {
            batch.routes(entityManager.unwrap(Session.class).doReturningWork(FanOut::enabledEndpoints));
        }
        return batch.routes();
    }

    /**
     * Every enabled endpoint, in one query: a platform has a few endpoints per partner (hundreds in all), fewer rows
     * than a poll's events would cost in queries of their own.
     */
    private static List<FanOutBatch.Route> enabledEndpoints(Connection connection) throws SQLException {
        List<FanOutBatch.Route> routes = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, partner_id, ARRAY(SELECT jsonb_array_elements_text(event_types)) FROM endpoint WHERE status = 'ENABLED'");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                routes.add(new FanOutBatch.Route(rows.getObject(1, UUID.class), rows.getObject(2, UUID.class),
                        List.of((String[]) rows.getArray(3).getArray())));
            }
        }
        return routes;
    }

    /** The people among the events' who were erased, this batch's erasures included (flushed before the batch ends). */
    private static Set<UUID> erased(Connection connection, List<FanOutBatch.Routed> routed) throws SQLException {
        UUID[] people = routed.stream().map(FanOutBatch.Routed::beneficiaryId).filter(Objects::nonNull).distinct().toArray(UUID[]::new);
        Set<UUID> erased = new HashSet<>();
        if (people.length == 0) {
            return erased;
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT beneficiary_id FROM known_erasure WHERE beneficiary_id = ANY(?)")) {
            select.setArray(1, connection.createArrayOf("uuid", people));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    erased.add(rows.getObject(1, UUID.class));
                }
            }
        }
        return erased;
    }

    private void insertEvents(Connection connection, List<FanOutBatch.Routed> routed, Set<UUID> erased, OffsetDateTime now)
            throws SQLException {
        int n = routed.size();
        String[] ids = new String[n];
        String[] types = new String[n];
        String[] sources = new String[n];
        String[] subjects = new String[n];
        String[] times = new String[n];
        String[] data = new String[n];
        UUID[] people = new UUID[n];
        for (int i = 0; i < n; i++) {
            FanOutBatch.Routed event = routed.get(i);
            ObjectNode stored = event.data();
            if (event.beneficiaryId() != null && erased.contains(event.beneficiaryId())) {
                PersonalData.withholdPersonalFields(stored);
            }
            ids[i] = event.id();
            types[i] = event.type();
            sources[i] = event.source();
            subjects[i] = event.subject();
            times[i] = event.time().toString();
            data[i] = write(stored);
            people[i] = event.beneficiaryId();
        }
        // An event stored already (a replay of the consumer) keeps its row: an erasure since may have emptied it.
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO webhook_event (id, type, source, subject, time, data, beneficiary_id, received_at)
                SELECT e.id, e.type, e.source, e.subject, e.time::timestamptz, e.data::jsonb, e.beneficiary_id, ?
                FROM unnest(?, ?, ?, ?, ?, ?, ?) AS e (id, type, source, subject, time, data, beneficiary_id)
                ON CONFLICT (id) DO NOTHING
                """)) {
            insert.setObject(1, now);
            insert.setArray(2, connection.createArrayOf("text", ids));
            insert.setArray(3, connection.createArrayOf("text", types));
            insert.setArray(4, connection.createArrayOf("text", sources));
            insert.setArray(5, connection.createArrayOf("text", subjects));
            insert.setArray(6, connection.createArrayOf("text", times));
            insert.setArray(7, connection.createArrayOf("text", data));
            insert.setArray(8, connection.createArrayOf("uuid", people));
            insert.executeUpdate();
        }
    }

    /** In consumption order (ORDER BY the row's place), which gives each its seq: the order an endpoint receives them. */
    private static void insertDeliveries(Connection connection, List<FanOutBatch.Routed> routed, OffsetDateTime now) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        List<UUID> endpoints = new ArrayList<>();
        List<String> events = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<String> orderingKeys = new ArrayList<>();
        for (FanOutBatch.Routed event : routed) {
            for (UUID endpointId : event.endpointIds()) {
                ids.add(UUID.randomUUID());
                endpoints.add(endpointId);
                events.add(event.id());
                types.add(event.type());
                orderingKeys.add(event.orderingKey());
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO delivery (id, endpoint_id, event_id, event_type, ordering_key, status, next_attempt_at, created_at)
                SELECT d.id, d.endpoint_id, d.event_id, d.event_type, d.ordering_key, 'PENDING', ?, ?
                FROM unnest(?, ?, ?, ?, ?) WITH ORDINALITY AS d (id, endpoint_id, event_id, event_type, ordering_key, place)
                ORDER BY d.place
                ON CONFLICT (endpoint_id, event_id) DO NOTHING
                """)) {
            insert.setObject(1, now);
            insert.setObject(2, now);
            insert.setArray(3, connection.createArrayOf("uuid", ids.toArray()));
            insert.setArray(4, connection.createArrayOf("uuid", endpoints.toArray()));
            insert.setArray(5, connection.createArrayOf("text", events.toArray()));
            insert.setArray(6, connection.createArrayOf("text", types.toArray()));
            insert.setArray(7, connection.createArrayOf("text", orderingKeys.toArray()));
            insert.executeUpdate();
        }
    }

    private String write(ObjectNode data) {
        try {
            return mapper.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event data cannot be written as JSON", e);
        }
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
        // Events of this batch gathered before the erasure are written first, so that the update below reaches them too.
        batchHandled();
        entityManager.createNativeQuery("""
                        UPDATE webhook_event SET data = (SELECT COALESCE(jsonb_object_agg(key, value), '{}'::jsonb)
                                                         FROM jsonb_each(data) WHERE key = ANY(CAST(:kept AS text[])))
                        WHERE beneficiary_id = :person
                        """)
                .setParameter("kept", "{" + String.join(",", PersonalData.NOT_PERSONAL) + "}")
                .setParameter("person", beneficiaryId)
                .executeUpdate();
    }
}
