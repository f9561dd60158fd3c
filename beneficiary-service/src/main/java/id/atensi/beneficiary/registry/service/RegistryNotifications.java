package id.atensi.beneficiary.registry.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.atensi.beneficiary.registry.config.RegistryConfig;
import id.atensi.beneficiary.registry.domain.RegistryCondition;
import id.atensi.beneficiary.registry.domain.RegistryCondition.InvalidQuery;
import id.atensi.beneficiary.registry.service.RegistrySubscriptions.Claimed;
import id.atensi.beneficiary.registry.service.RegistrySubscriptions.Due;
import id.atensi.beneficiary.registry.service.RegistrySubscriptions.Notice;
import id.atensi.beneficiary.registry.service.RegistrySubscriptions.Subscription;
import id.atensi.commons.persistence.DatabaseUnreachable;
import id.atensi.outbound.OutboundResult;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tells subscribers about the people they asked for. An event queues one notification per active subscription to its
 * kinds; whether the person is one the subscriber may see and asked for (consent, filter) is decided at each delivery
 * attempt, under what holds then, so that a consent withdrawn before delivery withholds the notice. Attempts are made
 * by the sweep and retried 1 s, 2 s, 4 s, … later, as search callbacks are. A notice goes in an envelope of its own as
 * its event happens; the notices a subscription's frequency held go together, several to an envelope.
 * <p>
 * The sweep only claims notices and sends them; it never waits for a subscriber's answer, which is recorded when it
 * comes (or when the callback's timeout ends the wait). Each organisation has at most
 * {@code callback.max-concurrent-per-target} envelopes in flight from this node, so a subscriber that hangs holds its
 * own notices for the timeout and nobody else's. A notice is pending until its subscriber answered 2xx. While the
 * database is away nothing is claimed, and an answer that came is recorded when the database is back (see
 * {@link OutcomeRecorder}), so that the subscriber does not get the notice twice.
 */
@ApplicationScoped
public class RegistryNotifications {

    private static final Logger LOG = Logger.getLogger(RegistryNotifications.class);
    /** Notices claimed per sweep: each claim is a short transaction on the scheduler's thread. */
    private static final int PER_SWEEP = 50;

    private final RegistrySubscriptions subscriptions;
    private final RegistrySearch search;
    private final AnswerEnvelopes envelopes;
    private final RegistryCallbacks callbacks;
    private final RegistryConfig config;
    private final Clock clock;
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    /**
     * Records answers off the event loop the HTTP client completes on (recording is a JDBC transaction). Two threads:
     * each recording is one short update, and the machine's database pool is shared.
     */
    private final ScheduledExecutorService recorders = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "registry-notifications");
        thread.setDaemon(true);
        return thread;
    });
    private final OutcomeRecorder outcomes;

    RegistryNotifications(RegistrySubscriptions subscriptions, RegistrySearch search, AnswerEnvelopes envelopes, RegistryCallbacks callbacks,
                          RegistryConfig config, Clock clock) {
        this.subscriptions = subscriptions;
        this.search = search;
        this.envelopes = envelopes;
        this.callbacks = callbacks;
        this.config = config;
        this.clock = clock;
        this.outcomes = new OutcomeRecorder(recorders, RegistrySubscriptions.claimHeldFor(config));
    }

    /** Queues the heard events for the active subscriptions to their kinds, in the consumer's transaction. */
    public void queue(List<RegistrySubscriptions.Heard> heard) {
        subscriptions.queue(heard);
    }

    @Scheduled(identity = "registry-notifications", every = "${atensi.beneficiary.registry.callback.sweep-interval:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        int bound = config.callback().maxConcurrentPerTarget();
        List<Due> due;
        try {
            due = subscriptions.due(bound, PER_SWEEP);
        } catch (RuntimeException e) {
            if (!DatabaseUnreachable.causes(e)) {
                throw e;
            }
            LOG.infof("registry notifications wait for the database: %s", DatabaseUnreachable.describe(e));
            return;
        }
        for (Due delivery : due) {
            if (reserve(delivery.senderId(), bound)) {
                attempt(delivery.ids()).whenComplete((done, failure) -> release(delivery.senderId()));
            }
        }
    }

    private boolean reserve(String senderId, int bound) {
        AtomicInteger count = inFlight.computeIfAbsent(senderId, key -> new AtomicInteger());
        if (count.incrementAndGet() > bound) {
            count.decrementAndGet();
            return false;
        }
        return true;
    }

    private void release(String senderId) {
        inFlight.get(senderId).decrementAndGet();
    }

    /** Claims and sends the delivery's notices; the stage completes once the outcome is recorded (or could not be). */
    CompletionStage<Void> attempt(List<UUID> notificationIds) {
        try {
            return subscriptions.claim(notificationIds).map(this::deliver).orElse(CompletableFuture.completedFuture(null));
        } catch (RuntimeException e) {
            LOG.warnf(e, "registry notifications %s could not be attempted; the sweep tries again", notificationIds);
            return CompletableFuture.completedFuture(null);
        }
    }

    /**
     * One {@code notify} envelope with a {@code notify_event} for each person the subscriber may see now; the others'
     * notices are withheld. Its {@code transaction_id} is the first notice's id, so that an envelope sent again (the
     * same notices, retried together) carries the same.
     */
    private CompletionStage<Void> deliver(Claimed claimed) {
        long claimedAt = System.nanoTime();
        if (claimed.unsubscribed()) {
            subscriptions.completed(claimed.ids(), "unsubscribed");
            return CompletableFuture.completedFuture(null);
        }
        Subscription subscription = claimed.subscription();
        RegistryCondition filter;
        try {
            filter = SearchMessageReader.filter(subscription.filterType(), subscription.filter());
        } catch (InvalidQuery e) {
            subscriptions.completed(claimed.ids(), "withheld");
            return CompletableFuture.completedFuture(null);
        }
        Requester requester = new Requester(subscription.senderId(), subscription.roles());
        String now = OffsetDateTime.now(clock).toString();
        ObjectNode message = JsonNodeFactory.instance.objectNode();
        ArrayNode events = JsonNodeFactory.instance.arrayNode();
        List<Notice> sent = new ArrayList<>();
        List<UUID> withheld = new ArrayList<>();
        Map<UUID, ObjectNode> visible = search.notified(claimed.notices(), filter, subscription.purpose(), requester);
        for (Notice notice : claimed.notices()) {
            ObjectNode record = visible.get(notice.id());
            if (record == null) {
                withheld.add(notice.id());
                continue;
            }
            sent.add(notice);
            ObjectNode event = events.addObject();
            event.put("reference_id", subscription.code().toString());
            event.put("timestamp", now);
            ObjectNode data = event.putObject("data");
            data.put("version", "1.0.0");
            data.put("reg_type", "ns:org:RegistryType:Social");
            data.put("reg_record_type", SubscribeMessageReader.RECORD_TYPE);
            data.putArray("reg_records").add(record);
        }
        if (!withheld.isEmpty()) {
            subscriptions.completed(withheld, "withheld");
        }
        if (sent.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        message.put("transaction_id", sent.get(0).id().toString());
        message.set("notify_event", events);
        ObjectNode envelope = envelopes.envelope("notify", subscription.senderId(), "succ", sent.size(), message);
        String what = "registry notification " + sent.get(0).id() + (sent.size() > 1 ? " and " + (sent.size() - 1) + " more" : "");
        return callbacks.send(subscription.senderId(), subscription.senderUri(), envelope)
                .thenAcceptAsync(result -> outcomes.record(what + " (" + result.outcome() + ")", claimedAt, () -> record(sent, result)), recorders);
    }

    private void record(List<Notice> sent, OutboundResult result) {
        if (result.successful()) {
            subscriptions.completed(sent.stream().map(Notice::id).toList(), "delivered");
        } else if (result.outcome() == OutboundResult.Outcome.BUSY) {
            subscriptions.postponed(sent);
        } else {
            subscriptions.failed(sent, RegistryCallbacks.describe(result));
        }
    }

    void stop(@Observes ShutdownEvent event) {
        recorders.shutdownNow();
    }
}
