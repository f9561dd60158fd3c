package id.atensi.beneficiary.registry.service;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.atensi.beneficiary.registry.domain.RegistryCondition;
import id.atensi.beneficiary.registry.domain.RegistryCondition.InvalidQuery;
import id.atensi.beneficiary.registry.service.RegistrySubscriptions.Claimed;
import id.atensi.beneficiary.registry.service.RegistrySubscriptions.Subscription;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

/**
 * Tells subscribers about the people they asked for. An event queues one notification per active subscription to its
 * kinds; whether the person is one the subscriber may see and asked for (consent, filter) is decided at each delivery
 * attempt, under what holds then, so that a consent withdrawn before delivery withholds the notice. Attempts are made
 * by the sweep and retried 1 s, 2 s, 4 s, … later, as search callbacks are.
 */
@ApplicationScoped
public class RegistryNotifications {

    private static final Logger LOG = Logger.getLogger(RegistryNotifications.class);

    private final RegistrySubscriptions subscriptions;
    private final RegistrySearch search;
    private final AnswerEnvelopes envelopes;
    private final RegistryCallbacks callbacks;
    private final Clock clock;

    RegistryNotifications(RegistrySubscriptions subscriptions, RegistrySearch search, AnswerEnvelopes envelopes, RegistryCallbacks callbacks,
                          Clock clock) {
        this.subscriptions = subscriptions;
        this.search = search;
        this.envelopes = envelopes;
        this.callbacks = callbacks;
        this.clock = clock;
    }

    /** Queues the event for the active subscriptions to the given kinds, in the consumer's transaction. */
    public void queue(Set<String> kinds, UUID beneficiaryId, String eventId) {
        subscriptions.queue(kinds, beneficiaryId, eventId);
    }

    @Scheduled(identity = "registry-notifications", every = "${atensi.beneficiary.registry.callback.sweep-interval:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        subscriptions.due(50).forEach(this::attempt);
    }

    void attempt(UUID notificationId) {
        try {
            subscriptions.claim(notificationId).ifPresent(this::deliver);
        } catch (RuntimeException e) {
            LOG.warnf(e, "registry notification %s could not be attempted; the sweep tries again", notificationId);
        }
    }

    private void deliver(Claimed claimed) {
        if (claimed.unsubscribed()) {
            subscriptions.completed(claimed.id(), "unsubscribed");
            return;
        }
        Subscription subscription = claimed.subscription();
        RegistryCondition filter;
        try {
            filter = SearchMessageReader.filter(subscription.filterType(), subscription.filter());
        } catch (InvalidQuery e) {
            subscriptions.completed(claimed.id(), "withheld");
            return;
        }
        var record = search.notified(claimed.beneficiaryId(), filter, subscription.purpose(),
                new Requester(subscription.senderId(), subscription.roles()), claimed.id().toString());
        if (record.isEmpty()) {
            subscriptions.completed(claimed.id(), "withheld");
            return;
        }
        ObjectNode message = JsonNodeFactory.instance.objectNode();
        message.put("transaction_id", claimed.id().toString());
        ObjectNode notice = message.putArray("notify_event").addObject();
        notice.put("reference_id", subscription.code().toString());
        notice.put("timestamp", OffsetDateTime.now(clock).toString());
        ObjectNode data = notice.putObject("data");
        data.put("version", "1.0.0");
        data.put("reg_type", "ns:org:RegistryType:Social");
        data.put("reg_record_type", SubscribeMessageReader.RECORD_TYPE);
        data.putArray("reg_records").add(record.get());
        ObjectNode envelope = envelopes.envelope("notify", subscription.senderId(), "succ", 1, message);
        callbacks.postNow(subscription.senderId(), subscription.senderUri(), envelope).ifPresentOrElse(
                error -> subscriptions.failed(claimed.id(), claimed.attempt(), error),
                () -> subscriptions.completed(claimed.id(), "delivered"));
    }
}
