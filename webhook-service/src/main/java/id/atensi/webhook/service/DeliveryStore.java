package id.atensi.webhook.service;

import id.atensi.commons.events.EventOutbox;
import id.atensi.outbound.OutboundResult;
import id.atensi.webhook.config.WebhookConfig;
import id.atensi.webhook.domain.Delivery;
import id.atensi.webhook.domain.DeliveryAttempt;
import id.atensi.webhook.domain.DeliveryStatus;
import id.atensi.webhook.domain.DisabledReason;
import id.atensi.webhook.domain.Endpoint;
import id.atensi.webhook.domain.RetrySchedule;
import id.atensi.webhook.domain.SecretCipher;
import id.atensi.webhook.domain.WebhookEvent;
import id.atensi.webhook.events.EndpointDisabledV1;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The dispatcher's transactions: claiming due deliveries and recording what each attempt brought.
 * <p>
 * Order: for one endpoint, a delivery is claimed only when no earlier delivery (by consumption order) of the same
 * aggregate is still pending for it, so the events of one beneficiary, agreement, class or distribution reach an
 * endpoint in the order they were committed, each one after the one before it was delivered or given up. A claim is
 * a lease ({@code atensi.webhook.lease}): replicas skip leased rows, and a replica that dies mid-request leaves
 * its claims to be taken again when the lease ends. Leased deliveries are an endpoint's requests in flight: a claim
 * takes no more of an endpoint's than its limit leaves room for, across replicas.
 */
@ApplicationScoped
public class DeliveryStore {

    private static final Logger LOG = Logger.getLogger(DeliveryStore.class);

    /** What an attempt led to, for the metrics. */
    public enum Result { DELIVERED, RETRYING, FAILED, BUSY, GONE }

    private final EntityManager entityManager;
    private final DeliveryBodies bodies;
    private final EventOutbox outbox;
    private final Clock clock;
    private final WebhookConfig config;
    private final RetrySchedule schedule;
    private final SecretCipher cipher;

    DeliveryStore(EntityManager entityManager, DeliveryBodies bodies, EventOutbox outbox, Clock clock, WebhookConfig config,
                  SecretCipher cipher) {
        this.cipher = cipher;
        this.entityManager = entityManager;
        this.bodies = bodies;
        this.outbox = outbox;
        this.clock = clock;
        this.config = config;
        this.schedule = new RetrySchedule(config.retrySchedule());
    }

    /**
     * Claims up to {@code limit} due deliveries, oldest first, from the head of each enabled endpoint's queue: at most
     * as many of an endpoint's as its limit of requests in flight ({@code maxInFlight}, else {@code defaultPerEndpoint})
     * leaves room for beside its leased ones. Only the head is read, through the (endpoint, seq) index, so a claim
     * costs the same with five or five hundred thousand deliveries waiting.
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<Outgoing> claim(int limit, int defaultPerEndpoint) {
        OffsetDateTime now = Clocks.now(clock);
        List<Object[]> rows = entityManager.createNativeQuery("""
                WITH picked AS (
                    SELECT head.id, head.seq
                    FROM endpoint e
                    CROSS JOIN LATERAL (
                        SELECT d.id, d.seq FROM delivery d
                        WHERE d.endpoint_id = e.id AND d.status = 'PENDING' AND d.next_attempt_at <= :now
                          AND (d.lease_until IS NULL OR d.lease_until < :now)
                          AND NOT EXISTS (SELECT 1 FROM delivery earlier
                                          WHERE earlier.endpoint_id = d.endpoint_id AND earlier.ordering_key = d.ordering_key
                                            AND earlier.status = 'PENDING' AND earlier.seq < d.seq)
                        ORDER BY d.seq
                        LIMIT GREATEST(0, COALESCE(e.max_in_flight, :perEndpoint)
                                          - (SELECT count(*) FROM delivery leased
                                             WHERE leased.endpoint_id = e.id AND leased.status = 'PENDING'
                                               AND leased.lease_until IS NOT NULL AND leased.lease_until >= :now))
                        FOR UPDATE OF d SKIP LOCKED
                    ) head
                    WHERE e.status = 'ENABLED'
                    ORDER BY head.seq
                    LIMIT :limit
                )
                UPDATE delivery SET lease_until = :leaseUntil WHERE id IN (SELECT id FROM picked)
                RETURNING id, endpoint_id, event_id, seq
                """)
                .setParameter("now", now)
                .setParameter("perEndpoint", defaultPerEndpoint)
                .setParameter("limit", limit)
                .setParameter("leaseUntil", now.plus(config.lease()))
                .getResultList();
        if (rows.isEmpty()) {
            return List.of();
        }
        // The claim's own answer says which endpoint and event; one query per kind for the whole batch after it.
        rows.sort(Comparator.comparingLong(row -> ((Number) row[3]).longValue()));
        Map<UUID, Endpoint> endpoints = endpoints(rows.stream().map(row -> (UUID) row[1]).collect(Collectors.toSet()));
        Map<String, WebhookEvent> events = WebhookEvent.<WebhookEvent>list("id in ?1", rows.stream().map(row -> (String) row[2]).collect(Collectors.toSet()))
                .stream().collect(Collectors.toMap(event -> event.id, event -> event));
        DeliveryBodies.Sharing sharing = bodies.sharing(events.values());
        Map<UUID, Optional<List<String>>> secrets = new HashMap<>();
        List<Outgoing> claimed = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            Endpoint endpoint = endpoints.get((UUID) row[1]);
            WebhookEvent event = events.get((String) row[2]);
            Optional<List<String>> signing = secrets.computeIfAbsent(endpoint.id, id -> signingSecrets(endpoint, now));
            if (signing.isEmpty()) {
                continue;
            }
            int maxInFlight = endpoint.maxInFlight == null ? defaultPerEndpoint : endpoint.maxInFlight;
            claimed.add(new Outgoing((UUID) row[0], endpoint.id, endpoint.url, maxInFlight, signing.get(),
                    bodies.body(event, sharing), event.type, event.time));
        }
        return claimed;
    }

    /**
     * The endpoint's signing secrets in plain text; none when one does not decrypt (its key no longer configured, the
     * row altered): that endpoint's deliveries wait, leased, and every other endpoint's go on.
     */
    private Optional<List<String>> signingSecrets(Endpoint endpoint, OffsetDateTime now) {
        try {
            return Optional.of(endpoint.signingSecrets(now).stream().map(cipher::open).toList());
        } catch (IllegalStateException unreadable) {
            LOG.errorf("endpoint %s cannot be signed for: %s; its deliveries wait", endpoint.id, unreadable.getMessage());
            return Optional.empty();
        }
    }

    /** An attempt made and what it brought, to be recorded. */
    public record Attempted(Outgoing outgoing, OutboundResult result) {
    }

    /**
     * Records a batch of attempts in one transaction: the deliveries and endpoints read in one query each, the
     * deliveries' updates and the log's rows written in JDBC batches. A failure (a concurrent change of an endpoint)
     * fails the whole batch; the caller then records its attempts one by one.
     */
    @Transactional
    public List<Result> recordAll(List<Attempted> attempts) {
        OffsetDateTime now = Clocks.now(clock);
        Map<UUID, Delivery> deliveries = Delivery.<Delivery>list("id in ?1", attempts.stream().map(a -> a.outgoing().deliveryId()).toList())
                .stream().collect(Collectors.toMap(delivery -> delivery.id, delivery -> delivery));
        Map<UUID, Endpoint> endpoints = endpoints(deliveries.values().stream().map(d -> d.endpointId).collect(Collectors.toSet()));
        Map<UUID, Optional<OffsetDateTime>> failing = new HashMap<>();
        List<Result> results = new ArrayList<>(attempts.size());
        for (Attempted attempted : attempts) {
            Delivery delivery = deliveries.get(attempted.outgoing().deliveryId());
            results.add(delivery == null ? Result.FAILED
                    : apply(delivery, endpoints.get(delivery.endpointId), attempted.result(), now, failing));
        }
        return results;
    }

    @Transactional
    public Result record(Outgoing sent, OutboundResult result) {
        Delivery delivery = Delivery.findById(sent.deliveryId());
        if (delivery == null) {
            return Result.FAILED;
        }
        return apply(delivery, Endpoint.findById(delivery.endpointId), result, Clocks.now(clock), new HashMap<>());
    }

    private static Map<UUID, Endpoint> endpoints(Set<UUID> ids) {
        return Endpoint.<Endpoint>list("id in ?1", ids).stream().collect(Collectors.toMap(endpoint -> endpoint.id, endpoint -> endpoint));
    }

    /**
     * @param failing endpoints' failing_since as this transaction's bulk updates left it: they do not change the loaded
     *                entities, and one endpoint may fail and succeed (or the reverse) within a batch
     */
    private Result apply(Delivery delivery, Endpoint endpoint, OutboundResult result, OffsetDateTime now,
                         Map<UUID, Optional<OffsetDateTime>> failing) {
        delivery.leaseUntil = null;
        if (result.outcome() == OutboundResult.Outcome.BUSY) {
            return Result.BUSY;
        }
        delivery.attempts++;
        delivery.retryStep++;
        delivery.lastAttemptAt = now;
        delivery.lastStatusCode = result.outcome() == OutboundResult.Outcome.ANSWERED ? result.status() : null;
        log(delivery, result, now);
        Optional<OffsetDateTime> failingSince = failing.computeIfAbsent(endpoint.id, id -> Optional.ofNullable(endpoint.failingSince));
        if (result.successful()) {
            delivery.status = DeliveryStatus.DELIVERED;
            delivery.deliveredAt = now;
            delivery.nextAttemptAt = null;
            if (failingSince.isPresent()) {
                // A bulk update: not a change of the endpoint's version, so concurrent attempts do not conflict.
                Endpoint.update("failingSince = null where id = ?1", endpoint.id);
                failing.put(endpoint.id, Optional.empty());
            }
            return Result.DELIVERED;
        }
        if (result.outcome() == OutboundResult.Outcome.ANSWERED && result.status() == 410) {
            delivery.status = DeliveryStatus.FAILED;
            delivery.nextAttemptAt = null;
            disable(endpoint, DisabledReason.GONE, now);
            return Result.GONE;
        }
        if (failingSince.isEmpty()) {
            Endpoint.update("failingSince = ?1 where id = ?2 and failingSince is null", now, endpoint.id);
            failing.put(endpoint.id, Optional.of(now));
        } else if (endpoint.enabled() && Endpoint.failingTooLong(failingSince.get(), now, config.disableAfter())) {
            disable(endpoint, DisabledReason.FAILING, now);
        }
        Optional<Duration> retryAfter = result.outcome() == OutboundResult.Outcome.ANSWERED
                && (result.status() == 429 || result.status() == 503)
                ? result.retryAfter().flatMap(header -> RetryAfter.parse(header, now)) : Optional.empty();
        Optional<Duration> wait = schedule.next(delivery.retryStep, retryAfter);
        if (wait.isEmpty()) {
            delivery.status = DeliveryStatus.FAILED;
            delivery.nextAttemptAt = null;
            return Result.FAILED;
        }
        delivery.nextAttemptAt = now.plus(wait.get());
        return Result.RETRYING;
    }

    /** Disables an endpoint and tells its partner through an event; its pending deliveries wait until it is enabled. */
    void disable(Endpoint endpoint, DisabledReason reason, OffsetDateTime now) {
        if (!endpoint.enabled()) {
            return;
        }
        endpoint.disable(reason, now);
        outbox.record(new EndpointDisabledV1(endpoint.id, endpoint.partnerId, endpoint.url, reason.name(), now));
    }

    private static void log(Delivery delivery, OutboundResult result, OffsetDateTime now) {
        DeliveryAttempt attempt = new DeliveryAttempt();
        attempt.deliveryId = delivery.id;
        attempt.attempt = delivery.attempts;
        attempt.attemptedAt = now;
        attempt.outcome = result.outcome().name();
        attempt.statusCode = result.outcome() == OutboundResult.Outcome.ANSWERED ? result.status() : null;
        attempt.latencyMs = result.latency().toMillis();
        attempt.responseExcerpt = result.excerpt().isEmpty() ? null : result.excerpt().replace('\u0000', '\uFFFD');
        attempt.detail = result.detail().isEmpty() ? null : result.detail();
        attempt.persist();
    }
}
