package id.atensi.beneficiary.registry.service;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.atensi.beneficiary.registry.config.RegistryConfig;
import id.atensi.beneficiary.registry.domain.RegistryCondition;
import id.atensi.beneficiary.registry.domain.RegistryCondition.InvalidQuery;
import id.atensi.beneficiary.registry.service.RegistrySubscriptions.Claimed;
import id.atensi.beneficiary.registry.service.RegistrySubscriptions.Due;
import id.atensi.beneficiary.registry.service.RegistrySubscriptions.Subscription;
import id.atensi.outbound.OutboundResult;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.OffsetDateTime;
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
 * by the sweep and retried 1 s, 2 s, 4 s, … later, as search callbacks are.
 * <p>
 * The sweep only claims notices and sends them; it never waits for a subscriber's answer, which is recorded when it
 * comes (or when the callback's timeout ends the wait). Each organisation has at most
 * {@code callback.max-concurrent-per-target} notices in flight from this node, so a subscriber that hangs holds its
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
            if (!DatabaseUnavailable.causes(e)) {
                throw e;
            }
            LOG.infof("registry notifications wait for the database: %s", DatabaseUnavailable.describe(e));
            return;
        }
        for (Due notice : due) {
            if (reserve(notice.senderId(), bound)) {
                attempt(notice.id()).whenComplete((done, failure) -> release(notice.senderId()));
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

    /** Claims and sends the notice; the stage completes once its outcome is recorded (or could not be). */
    CompletionStage<Void> attempt(UUID notificationId) {
        try {
            return subscriptions.claim(notificationId).map(this::deliver).orElse(CompletableFuture.completedFuture(null));
        } catch (RuntimeException e) {
            LOG.warnf(e, "registry notification %s could not be attempted; the sweep tries again", notificationId);
            return CompletableFuture.completedFuture(null);
        }
    }

    private CompletionStage<Void> deliver(Claimed claimed) {
        if (claimed.unsubscribed()) {
            subscriptions.completed(claimed.id(), "unsubscribed");
            return CompletableFuture.completedFuture(null);
        }
        Subscription subscription = claimed.subscription();
        RegistryCondition filter;
        try {
            filter = SearchMessageReader.filter(subscription.filterType(), subscription.filter());
        } catch (InvalidQuery e) {
            subscriptions.completed(claimed.id(), "withheld");
            return CompletableFuture.completedFuture(null);
        }
        var record = search.notified(claimed.beneficiaryId(), filter, subscription.purpose(),
                new Requester(subscription.senderId(), subscription.roles()), claimed.id().toString());
        if (record.isEmpty()) {
            subscriptions.completed(claimed.id(), "withheld");
            return CompletableFuture.completedFuture(null);
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
        long claimedAt = System.nanoTime();
        return callbacks.send(subscription.senderId(), subscription.senderUri(), envelope)
                .thenAcceptAsync(result -> outcomes.record("registry notification " + claimed.id() + " (" + result.outcome() + ")", claimedAt,
                        () -> record(claimed, result)), recorders);
    }

    private void record(Claimed claimed, OutboundResult result) {
        if (result.successful()) {
            subscriptions.completed(claimed.id(), "delivered");
        } else if (result.outcome() == OutboundResult.Outcome.BUSY) {
            subscriptions.postponed(claimed.id(), claimed.attempt());
        } else {
            subscriptions.failed(claimed.id(), claimed.attempt(), RegistryCallbacks.describe(result));
        }
    }

    void stop(@Observes ShutdownEvent event) {
        recorders.shutdownNow();
    }
}
