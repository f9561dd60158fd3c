package id.atensi.beneficiary.registry.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.atensi.beneficiary.registry.config.RegistryConfig;
import id.atensi.beneficiary.registry.domain.NoticeFrequency;
import id.atensi.beneficiary.registry.domain.SubscribeItem;
import id.atensi.beneficiary.registry.domain.SubscribeItem.ReasonCode;
import id.atensi.commons.time.ServiceClocks;
import id.atensi.vocabulary.ConsentPurpose;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The store of subscriptions and of the notifications queued for them: taking a subscribe message's requests,
 * unsubscribing, queueing a notification for each subscription an event concerns, and claiming one for an attempt
 * under a row lock, so that one node attempts it at a time.
 */
@ApplicationScoped
public class RegistrySubscriptions {

    /**
     * The clock of {@code subscribed_at}: the one events' {@code time} (the outbox's {@code occurred_at}) is read from,
     * so that a change is compared with the subscription's start on one clock. A REGISTER notice compares people's
     * {@code registered_at} instead, which the service's {@link Clock} gives: the system's in production, while tests
     * move it, as they move the programme's "now" for windows and frequencies.
     */
    private static final Clock RECORDED = ServiceClocks.SYSTEM_UTC;

    private final EntityManager entityManager;
    private final ObjectMapper json;
    private final RegistryConfig config;
    private final Clock clock;

    RegistrySubscriptions(EntityManager entityManager, ObjectMapper json, RegistryConfig config, Clock clock) {
        this.entityManager = entityManager;
        this.json = json;
        this.config = config;
        this.clock = clock;
    }

    /** An active subscription, as a notification needs it. */
    public record Subscription(UUID code, String senderId, String senderUri, String roles, String eventType, String filterType,
                               JsonNode filter, ConsentPurpose purpose) {
    }

    /** A notice claimed for an attempt: the person it tells of and which attempt this is. */
    public record Notice(UUID id, UUID beneficiaryId, int attempt) {
    }

    /** Notices of one subscription to attempt now, in one envelope, claimed for the callback timeout and a margin. */
    public record Claimed(Subscription subscription, List<Notice> notices, boolean unsubscribed) {

        public List<UUID> ids() {
            return notices.stream().map(Notice::id).toList();
        }
    }

    /**
     * Takes the message's requests: each either becomes a subscription or is refused with the standard's reason. A
     * request asking for what an active subscription of the caller already asks for (same events, filter and purpose)
     * is refused as {@code rjct.event.already_subscribed} and names that subscription, so that a caller who lost the
     * {@code on-subscribe} answer finds its code again.
     */
    @Transactional
    public ArrayNode subscribe(List<SubscribeItem> items, String senderId, String senderUri, String roles, String transactionId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        ArrayNode responses = JsonNodeFactory.instance.arrayNode();
        for (SubscribeItem item : items) {
            ObjectNode response = responses.addObject();
            response.put("reference_id", item.referenceId());
            response.put("timestamp", now.toString());
            if (item.refusal().isEmpty() && referenceUsed(senderId, item.referenceId())) {
                item = item.refused(ReasonCode.REFERENCE_ID_DUPLICATE, "reference_id " + item.referenceId() + " named an earlier subscription of " + senderId);
            }
            Optional<UUID> existing = item.refusal().isEmpty() ? sameSubscription(senderId, item) : Optional.empty();
            if (existing.isPresent()) {
                refuse(response, item.refused(ReasonCode.ALREADY_SUBSCRIBED, "an active subscription asks for the same events, filter and purpose"));
                response.putArray("subscriptions").add(info(existing.get(), item, now));
                continue;
            }
            if (item.refusal().isEmpty() && item.frequency().isPresent()
                    && item.frequency().get().nextAfter(item.startsAt().filter(now::isBefore).orElse(now), clock.getZone()).isEmpty()) {
                item = item.refused(ReasonCode.NOTIFY_DETAILS_INVALID, "subscribe_criteria.frequency.frequency names no time from now on");
            }
            if (item.refusal().isPresent()) {
                refuse(response, item);
                continue;
            }
            UUID code = UUID.randomUUID();
            entityManager.createNativeQuery("""
                            INSERT INTO registry_subscription (code, sender_id, sender_uri, caller_roles, transaction_id, reference_id, reg_event_type,
                              filter_type, filter, purpose, starts_at, ends_at, frequency, subscribed_at)
                            VALUES (:code, :sender, :uri, :roles, :transaction, :reference, :event, :filterType, CAST(:filter AS jsonb), :purpose,
                              :starts, :ends, :frequency, :subscribedAt)""")
                    .setParameter("code", code).setParameter("sender", senderId).setParameter("uri", senderUri).setParameter("roles", roles)
                    .setParameter("transaction", transactionId).setParameter("reference", item.referenceId()).setParameter("event", item.eventType())
                    .setParameter("filterType", item.filterType()).setParameter("filter", item.filter().toString())
                    .setParameter("purpose", item.purpose().name()).setParameter("starts", item.startsAt().orElse(null))
                    .setParameter("ends", item.endsAt().orElse(null))
                    .setParameter("frequency", item.frequency().map(NoticeFrequency::expression).orElse(null))
                    .setParameter("subscribedAt", OffsetDateTime.now(RECORDED)).executeUpdate();
            response.put("status", "succ");
            response.putArray("subscriptions").add(info(code, item, now));
            if (item.locale().matches("[a-z]{3}")) {
                response.put("locale", item.locale());
            }
        }
        return responses;
    }

    private static void refuse(ObjectNode response, SubscribeItem item) {
        response.put("status", "rjct");
        response.put("status_reason_code", item.refusal().orElseThrow().code().code());
        response.put("status_reason_message", item.refusal().get().message());
    }

    private static ObjectNode info(UUID code, SubscribeItem item, OffsetDateTime now) {
        ObjectNode info = JsonNodeFactory.instance.objectNode();
        info.put("version", "1.0.0");
        info.put("code", code.toString());
        info.put("status", "subscribe");
        info.put("timestamp", now.toString());
        info.put("reg_type", "ns:org:RegistryType:Social");
        info.put("reg_event_type", item.eventType());
        if (item.frequency().isPresent() || item.startsAt().isPresent() || item.endsAt().isPresent()) {
            ObjectNode frequency = info.putObject("frequency");
            item.startsAt().ifPresent(start -> frequency.put("start_time", start.toString()));
            item.endsAt().ifPresent(end -> frequency.put("end_time", end.toString()));
            item.frequency().ifPresent(times -> frequency.put("frequency", times.expression()));
        }
        info.put("filter_type", item.filterType());
        info.set("filter", item.filter());
        info.put("notify_record_type", SubscribeMessageReader.RECORD_TYPE);
        return info;
    }

    private boolean referenceUsed(String senderId, String referenceId) {
        return !entityManager.createNativeQuery("SELECT 1 FROM registry_subscription WHERE sender_id = :sender AND reference_id = :reference")
                .setParameter("sender", senderId).setParameter("reference", referenceId).getResultList().isEmpty();
    }

    @SuppressWarnings("unchecked")
    private Optional<UUID> sameSubscription(String senderId, SubscribeItem item) {
        List<UUID> found = entityManager.createNativeQuery("""
                        SELECT code FROM registry_subscription WHERE sender_id = :sender AND unsubscribed_at IS NULL AND reg_event_type = :event
                          AND filter_type = :filterType AND filter = CAST(:filter AS jsonb) AND purpose = :purpose
                          AND frequency IS NOT DISTINCT FROM CAST(:frequency AS text) LIMIT 1""", UUID.class)
                .setParameter("sender", senderId).setParameter("event", item.eventType()).setParameter("filterType", item.filterType())
                .setParameter("filter", item.filter().toString()).setParameter("purpose", item.purpose().name())
                .setParameter("frequency", item.frequency().map(NoticeFrequency::expression).orElse(null))
                .getResultList();
        return found.stream().findFirst();
    }

    /** What an unsubscribe message did: the codes' new status, or the standard's reason none changed. */
    public record Unsubscribed(List<String> codes, Optional<String> reasonCode, String reasonMessage) {
    }

    /**
     * Ends the caller's subscriptions, all or none: a code that is not one of the caller's active subscriptions (another
     * organisation's codes are not found either) refuses the message. Notifications still queued for them are dropped.
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public Unsubscribed unsubscribe(String senderId, List<String> codes) {
        List<UUID> ids = codes.stream().map(RegistrySubscriptions::uuid).flatMap(Optional::stream).distinct().toList();
        List<Object[]> found = ids.isEmpty() ? List.of() : entityManager.createNativeQuery(
                        "SELECT code, unsubscribed_at FROM registry_subscription WHERE sender_id = :sender AND code IN (:codes) FOR UPDATE")
                .setParameter("sender", senderId).setParameter("codes", ids).getResultList();
        if (found.size() != codes.stream().distinct().count()) {
            return new Unsubscribed(codes, Optional.of("rjct.subscription_code.invalid"), "no subscription of " + senderId + " has one of these codes");
        }
        if (found.stream().anyMatch(row -> row[1] != null)) {
            return new Unsubscribed(codes, Optional.of("rjct.event.already_unsubscribed"), "a subscription named was already ended");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        entityManager.createNativeQuery("UPDATE registry_subscription SET unsubscribed_at = :now WHERE code IN (:codes)")
                .setParameter("now", now).setParameter("codes", ids).executeUpdate();
        entityManager.createNativeQuery("""
                        UPDATE registry_notification SET next_attempt_at = NULL, completed_at = :now, outcome = 'unsubscribed'
                        WHERE subscription_code IN (:codes) AND completed_at IS NULL""")
                .setParameter("now", now).setParameter("codes", ids).executeUpdate();
        return new Unsubscribed(codes, Optional.empty(), "");
    }

    private static Optional<UUID> uuid(String code) {
        try {
            return Optional.of(UUID.fromString(code));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Subscription subscription(Object[] row) {
        try {
            return new Subscription((UUID) row[0], (String) row[1], (String) row[2], (String) row[3], (String) row[4], (String) row[5],
                    json.readTree((String) row[6]), ConsentPurpose.valueOf((String) row[7]));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the filter of subscription " + row[0] + " is not JSON", e);
        }
    }

    /** A person event a subscription of this kind hears of, with the time the change was recorded (the event's {@code time}). */
    public record Heard(String kind, UUID beneficiaryId, String eventId, OffsetDateTime recordedAt) {
    }

    /**
     * Queues a notification for each active subscription to the kind of each heard event whose window holds now, in one
     * statement for a whole poll of events: due at once, or, for a subscription with a frequency, at the next time it
     * names (the window's end at the latest), so that the notices held meanwhile go out together. A {@code REGISTER}
     * subscription hears of a person once, keyed by the person rather than the event, and only of people registered
     * since it began: registration comes before consent is recorded, so the notice made at registration is withheld
     * until a later consent event arms it again. An {@code UPDATE} notice is keyed by its event, so that an event
     * delivered again is queued once, and only of changes recorded since it began: the feed can hear a change after a
     * subscription that came later (a poll behind, a consumer catching up), and the subscriber's first search after
     * {@code on-subscribe} already shows it. An event without a time is told of, since nothing shows it came before.
     */
    public void queue(List<Heard> heard) {
        if (heard.isEmpty()) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        Map<UUID, OffsetDateTime> held = heldUntil(heard.stream().map(Heard::kind).distinct().toList(), now);
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    INSERT INTO registry_notification (id, subscription_code, beneficiary_id, event_id, queued_at, next_attempt_at)
                    SELECT DISTINCT ON (subscription_code, event_key) gen_random_uuid(), subscription_code, person, event_key, ?, due_at
                    FROM (SELECT s.code AS subscription_code, b.id AS person,
                                 CASE WHEN s.reg_event_type = 'REGISTER' THEN 'register:' || CAST(b.id AS text) ELSE h.event END AS event_key,
                                 COALESCE(CAST(held.due_at AS timestamptz), ?) AS due_at
                          FROM unnest(?::text[], ?::uuid[], ?::text[], ?::text[]) AS h(kind, person, event, recorded_at)
                          JOIN registry_subscription s ON s.reg_event_type = h.kind
                          JOIN beneficiary b ON b.id = h.person
                          LEFT JOIN unnest(?::uuid[], ?::text[]) AS held(code, due_at) ON held.code = s.code
                          WHERE s.unsubscribed_at IS NULL
                            AND (s.starts_at IS NULL OR s.starts_at <= ?) AND (s.ends_at IS NULL OR s.ends_at > ?)
                            AND CASE WHEN s.reg_event_type = 'REGISTER' THEN b.registered_at >= s.subscribed_at
                                     ELSE h.recorded_at IS NULL OR CAST(h.recorded_at AS timestamptz) >= s.subscribed_at END) AS due
                    ON CONFLICT (subscription_code, event_id) DO UPDATE
                      SET next_attempt_at = EXCLUDED.next_attempt_at, attempts = 0, completed_at = NULL, outcome = NULL, last_error = NULL
                      WHERE registry_notification.outcome = 'withheld'""")) {
                statement.setObject(1, now);
                statement.setObject(2, now);
                statement.setArray(3, connection.createArrayOf("text", heard.stream().map(Heard::kind).toArray()));
                statement.setArray(4, connection.createArrayOf("uuid", heard.stream().map(Heard::beneficiaryId).toArray()));
                statement.setArray(5, connection.createArrayOf("text", heard.stream().map(Heard::eventId).toArray()));
                statement.setArray(6, connection.createArrayOf("text",
                        heard.stream().map(event -> event.recordedAt() == null ? null : event.recordedAt().toString()).toArray()));
                statement.setArray(7, connection.createArrayOf("uuid", held.keySet().toArray()));
                statement.setArray(8, connection.createArrayOf("text", held.values().stream().map(OffsetDateTime::toString).toArray()));
                statement.setObject(9, now);
                statement.setObject(10, now);
                statement.executeUpdate();
            }
        });
    }

    /** When each active subscription with a frequency, to one of these kinds of events, sends what it holds next. */
    @SuppressWarnings("unchecked")
    private Map<UUID, OffsetDateTime> heldUntil(List<String> kinds, OffsetDateTime now) {
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT code, frequency, ends_at FROM registry_subscription
                        WHERE unsubscribed_at IS NULL AND frequency IS NOT NULL AND reg_event_type IN (:kinds)""")
                .setParameter("kinds", kinds).getResultList();
        Map<UUID, OffsetDateTime> held = new HashMap<>();
        for (Object[] row : rows) {
            Optional<OffsetDateTime> endsAt = Optional.ofNullable(row[2]).map(RegistrySubscriptions::offsetDateTime);
            held.put((UUID) row[0], NoticeFrequency.parse((String) row[1]).dueAfter(now, clock.getZone(), endsAt));
        }
        return held;
    }

    /** A timestamptz of a native query, as whichever type the driver and Hibernate hand it over. */
    private static OffsetDateTime offsetDateTime(Object value) {
        if (value instanceof OffsetDateTime offset) {
            return offset;
        }
        if (value instanceof Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant().atOffset(ZoneOffset.UTC);
        }
        throw new IllegalStateException("a timestamp came as " + value.getClass());
    }

    /**
     * Notices held by a frequency that go in one {@code notify} envelope at most: as many records as a search answers in
     * a page, so that an envelope stays the size a registry already takes.
     */
    static final int PER_ENVELOPE = 200;

    /**
     * A delivery due for an attempt, with the organisation it goes to: one notice, or up to {@link #PER_ENVELOPE} of a
     * subscription with a frequency, which go in one envelope.
     */
    public record Due(List<UUID> ids, String senderId) {
    }

    /**
     * Deliveries due for an attempt, oldest first, at most {@code perSubscriber} of each organisation: a subscriber that
     * does not answer piles up due notices, and without the cap they would fill every sweep and starve the others. A
     * subscription with a frequency has its due notices delivered together, {@link #PER_ENVELOPE} to an envelope; a
     * notice of one without is a delivery of its own, as it is due at its event. Claimed notices are not due (their next
     * attempt is set past the callback's timeout), so those in flight are never listed again.
     */
    @SuppressWarnings("unchecked")
    public List<Due> due(int perSubscriber, int limit) {
        List<Object[]> rows = entityManager.createNativeQuery("""
                        WITH due AS (
                          SELECT n.id, s.sender_id, n.next_attempt_at,
                                 CASE WHEN s.frequency IS NULL THEN CAST(n.id AS text)
                                      ELSE CAST(s.code AS text) || '/'
                                           || (row_number() OVER (PARTITION BY s.code ORDER BY n.next_attempt_at, n.id) - 1) / :perEnvelope
                                 END AS delivery
                          FROM registry_notification n JOIN registry_subscription s ON s.code = n.subscription_code
                          WHERE n.next_attempt_at <= :now),
                        chosen AS (
                          SELECT delivery, first_due FROM (
                            SELECT delivery, first_due, row_number() OVER (PARTITION BY sender_id ORDER BY first_due, delivery) AS place
                            FROM (SELECT delivery, sender_id, min(next_attempt_at) AS first_due FROM due GROUP BY delivery, sender_id) deliveries
                          ) ranked
                          WHERE place <= :perSubscriber ORDER BY first_due, delivery LIMIT :limit)
                        SELECT due.id, due.sender_id, due.delivery FROM due JOIN chosen USING (delivery)
                        ORDER BY chosen.first_due, due.delivery, due.id""")
                .setParameter("now", OffsetDateTime.now(clock)).setParameter("perEnvelope", PER_ENVELOPE)
                .setParameter("perSubscriber", perSubscriber).setParameter("limit", limit)
                .getResultList();
        Map<String, List<UUID>> deliveries = new LinkedHashMap<>();
        Map<String, String> senders = new HashMap<>();
        for (Object[] row : rows) {
            deliveries.computeIfAbsent((String) row[2], delivery -> new ArrayList<>()).add((UUID) row[0]);
            senders.put((String) row[2], (String) row[1]);
        }
        return deliveries.entrySet().stream().map(delivery -> new Due(List.copyOf(delivery.getValue()), senders.get(delivery.getKey()))).toList();
    }

    /**
     * How long a claimed notice or transaction is kept from other attempts: the callback's timeout and a margin, so that
     * no other node sends it while an answer may still come.
     */
    static Duration claimHeldFor(RegistryConfig config) {
        return config.callback().timeout().plusSeconds(30);
    }

    /**
     * Claims those of the delivery's notices still due that no other node holds, in the order of their ids; empty when
     * none is left.
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public Optional<Claimed> claim(List<UUID> ids) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT n.id, n.beneficiary_id, n.attempts, s.code, s.sender_id, s.sender_uri, s.caller_roles, s.reg_event_type,
                               s.filter_type, CAST(s.filter AS text), s.purpose, s.unsubscribed_at IS NOT NULL
                        FROM registry_notification n JOIN registry_subscription s ON s.code = n.subscription_code
                        WHERE n.id IN (:ids) AND n.next_attempt_at <= :now ORDER BY n.id FOR UPDATE OF n SKIP LOCKED""")
                .setParameter("ids", ids).setParameter("now", now).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<Notice> notices = rows.stream().map(row -> new Notice((UUID) row[0], (UUID) row[1], ((Number) row[2]).intValue() + 1)).toList();
        entityManager.createNativeQuery("UPDATE registry_notification SET attempts = attempts + 1, next_attempt_at = :until WHERE id IN (:ids)")
                .setParameter("until", now.plus(claimHeldFor(config))).setParameter("ids", notices.stream().map(Notice::id).toList())
                .executeUpdate();
        Object[] row = rows.get(0);
        Subscription subscription = subscription(new Object[]{row[3], row[4], row[5], row[6], row[7], row[8], row[9], row[10]});
        return Optional.of(new Claimed(subscription, notices, (Boolean) row[11]));
    }

    /** The attempt's end for these notices: {@code delivered}, {@code withheld} (no longer visible to the subscriber) or {@code unsubscribed}. */
    @Transactional
    public void completed(List<UUID> ids, String outcome) {
        entityManager.createNativeQuery("""
                        UPDATE registry_notification SET next_attempt_at = NULL, completed_at = :now, outcome = :outcome, last_error = NULL
                        WHERE id IN (:ids)""")
                .setParameter("now", OffsetDateTime.now(clock)).setParameter("outcome", outcome).setParameter("ids", ids).executeUpdate();
    }

    /**
     * An attempt that never left: this node already had as many requests in flight to the organisation as it may (a
     * search answer to the same caller), so the attempt is not counted and the notices are due again after the first
     * retry delay.
     */
    @Transactional
    public void postponed(List<Notice> notices) {
        entityManager.createNativeQuery("UPDATE registry_notification SET attempts = attempts - 1, next_attempt_at = :next WHERE id IN (:ids)")
                .setParameter("next", OffsetDateTime.now(clock).plus(config.callback().firstRetryAfter()))
                .setParameter("ids", notices.stream().map(Notice::id).toList()).executeUpdate();
    }

    /**
     * A failed attempt: each notice's next after the first retry delay doubled per attempt it made, or given up past the
     * configured attempts. The notices of one envelope have made the same attempts, unless one joined it later, so they
     * are retried together.
     */
    @Transactional
    public void failed(List<Notice> notices, String error) {
        String kept = error.length() > 500 ? error.substring(0, 500) : error;
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (Notice notice : notices) {
            if (notice.attempt() >= config.callback().maxAttempts()) {
                entityManager.createNativeQuery("""
                                UPDATE registry_notification SET next_attempt_at = NULL, completed_at = :now, outcome = 'given-up', last_error = :error
                                WHERE id = :id""")
                        .setParameter("now", now).setParameter("error", kept).setParameter("id", notice.id()).executeUpdate();
                continue;
            }
            Duration delay = Duration.ofMillis(config.callback().firstRetryAfter().toMillis() << Math.min(notice.attempt() - 1, 16));
            entityManager.createNativeQuery("UPDATE registry_notification SET next_attempt_at = :next, last_error = :error WHERE id = :id")
                    .setParameter("next", now.plus(delay)).setParameter("error", kept).setParameter("id", notice.id()).executeUpdate();
        }
    }
}
