package id.atensi.beneficiary.registry.events;

import id.atensi.beneficiary.registry.service.RegistryNotifications;
import id.atensi.beneficiary.registry.service.RegistrySubscriptions.Heard;
import id.atensi.commons.events.ConsumedEvent;
import id.atensi.commons.events.EventConsumer;
import id.atensi.commons.events.PermanentEventFailure;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Feeds registry subscriptions from this service's own topic: a registration is a {@code REGISTER} event, a change to
 * the record, the case status or a consent an {@code UPDATE}; a consent given can also make a newly registered person
 * visible to a {@code REGISTER} subscriber for the first time, so it arms that subscriber's withheld notice again; a
 * consent withdrawn cannot, and does not. Reading the topic rather than hooking the write path keeps
 * registration free of subscription work and lets the feed catch up after downtime; the inbox applies each event once
 * and the notification queue's unique (subscription, event) holds when an event is delivered again. A poll's events
 * are queued together when the consumer's transaction ends ({@link #batchHandled}).
 */
@ApplicationScoped
public class RegistrySubscriptionFeed implements EventConsumer {

    private static final String CONSENT_CHANGED = "atensi.beneficiary.consent-changed.v1";
    private static final Map<String, Set<String>> KINDS = Map.of(
            "atensi.beneficiary.registered.v1", Set.of("REGISTER"),
            "atensi.beneficiary.updated.v1", Set.of("UPDATE"),
            "atensi.beneficiary.status-changed.v1", Set.of("UPDATE"),
            CONSENT_CHANGED, Set.of("REGISTER", "UPDATE"));

    private final RegistryNotifications notifications;
    private final RegistryFeedBatch batch;
    private final EntityManager entityManager;
    private final AgroalDataSource dataSource;

    RegistrySubscriptionFeed(RegistryNotifications notifications, RegistryFeedBatch batch, EntityManager entityManager,
                             AgroalDataSource dataSource) {
        this.notifications = notifications;
        this.batch = batch;
        this.entityManager = entityManager;
        this.dataSource = dataSource;
    }

    /** The field every person event carries, and whether a consent was given (consent events only). */
    record PersonEvent(UUID beneficiaryId, Boolean given) {
    }

    /** Starts with the producing service, as every consumer's name does: the dashboards read its topic from it. */
    @Override
    public String name() {
        return "beneficiary-registry-subscriptions";
    }

    @Override
    public Set<String> topics() {
        return Set.of("atensi.beneficiary.events");
    }

    /**
     * The feed reads every event of the topic, most of them heard by nobody, and its cost is per poll (a transaction,
     * the queueing statements, an offset commit): answered event by event, it took a sixth of the service's CPU at a
     * few hundred registrations a second (bench/RESULTS.md, issue 20). Notices leave with the sweep, seconds apart, so
     * a quarter of a second spent gathering a poll is not seen by any subscriber.
     */
    @Override
    public Duration gatherFor() {
        return Duration.ofMillis(250);
    }

    /**
     * Asked from each record's type before the record is read (the runner asks once per type in a poll): during a bulk
     * import with no subscription, reading and declining each of the topic's events one by one cost the service 19 ms of
     * CPU per 1,000 rows (bench/RESULTS.md, issue 20). The same question as {@link #wants}, asked of the subscriptions
     * committed when the poll had returned, on a connection of its own, in autocommit: an event is read only after it
     * was recorded, so a subscription committed before that is seen, and hears it.
     */
    @Override
    public boolean wantsType(String type) {
        Set<String> kinds = KINDS.get(type);
        if (kinds == null) {
            return false;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement heard = connection.prepareStatement(
                     "SELECT EXISTS (SELECT 1 FROM registry_subscription WHERE unsubscribed_at IS NULL AND reg_event_type = ANY (?))")) {
            heard.setArray(1, connection.createArrayOf("text", kinds.toArray()));
            try (ResultSet row = heard.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read which kinds of events the registry's subscriptions hear", e);
        }
    }

    /**
     * Only the person events some subscription not yet ended hears: the others (all of them while nobody subscribes,
     * as during a bulk import) leave without an inbox row. The question is answered from the subscriptions committed
     * when the poll's transaction first asks, as the queueing statement's answer was from those committed when it ran:
     * a subscription hears every event recorded after it was created, since the feed reads an event only after it was
     * recorded; of the events recorded while its creation had not yet committed, those read before it committed were,
     * and are, told to nobody (its subscriber's first search after {@code on-subscribe} shows them).
     */
    @Override
    public boolean wants(ConsumedEvent event) {
        Set<String> kinds = KINDS.get(event.type());
        if (kinds == null) {
            return false;
        }
        Set<String> subscribed = batch.subscribedKinds(this::subscribedKinds);
        return kinds.stream().anyMatch(subscribed::contains);
    }

    @SuppressWarnings("unchecked")
    private Set<String> subscribedKinds() {
        return Set.copyOf(entityManager.createNativeQuery(
                "SELECT DISTINCT reg_event_type FROM registry_subscription WHERE unsubscribed_at IS NULL").getResultList());
    }

    @Override
    public void handle(ConsumedEvent event) {
        Set<String> kinds = KINDS.get(event.type());
        if (kinds == null) {
            return;
        }
        PersonEvent person = event.dataAs(PersonEvent.class);
        UUID beneficiaryId = person.beneficiaryId();
        if (beneficiaryId == null) {
            throw new PermanentEventFailure(event.type() + " " + event.id() + " lacks beneficiaryId");
        }
        // a withdrawal re-armed the withheld REGISTER notice for the subscription's next time, where it was withheld again
        boolean withdrawal = CONSENT_CHANGED.equals(event.type()) && Boolean.FALSE.equals(person.given());
        kinds.stream().filter(kind -> !(withdrawal && kind.equals("REGISTER")))
                .forEach(kind -> batch.add(new Heard(kind, beneficiaryId, event.id(), event.time())));
    }

    /** A poll's events are queued in one statement: the feed reads every event of the topic, most of them heard by nobody. */
    @Override
    public void batchHandled() {
        notifications.queue(batch.take());
    }
}
