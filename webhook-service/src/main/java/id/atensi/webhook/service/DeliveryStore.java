package id.atensi.webhook.service;

import id.atensi.commons.events.EventOutbox;
import id.atensi.outbound.OutboundResult;
import id.atensi.webhook.config.WebhookConfig;
import id.atensi.webhook.domain.DeliveryStatus;
import id.atensi.webhook.domain.DisabledReason;
import id.atensi.webhook.domain.Endpoint;
import id.atensi.webhook.domain.EndpointStatus;
import id.atensi.webhook.domain.RetrySchedule;
import id.atensi.webhook.domain.SecretCipher;
import id.atensi.webhook.domain.WebhookEvent;
import id.atensi.webhook.events.EndpointDisabledV1;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

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
    private final AgroalDataSource dataSource;
    private final DeliveryBodies bodies;
    private final EventOutbox outbox;
    private final Clock clock;
    private final WebhookConfig config;
    private final RetrySchedule schedule;
    private final SecretCipher cipher;

    DeliveryStore(EntityManager entityManager, AgroalDataSource dataSource, DeliveryBodies bodies, EventOutbox outbox, Clock clock,
                  WebhookConfig config, SecretCipher cipher) {
        this.cipher = cipher;
        this.entityManager = entityManager;
        this.dataSource = dataSource;
        this.bodies = bodies;
        this.outbox = outbox;
        this.clock = clock;
        this.config = config;
        this.schedule = new RetrySchedule(config.retrySchedule());
    }

    /**
     * Claims up to {@code limit} due deliveries, oldest first, from the head of each enabled endpoint's queue: at most
     * as many of an endpoint's as its limit of requests in flight ({@code maxInFlight}, else {@code defaultPerEndpoint})
     * leaves room for beside its leased ones. It reads only the head of each queue (see {@link #lease}), so that a claim
     * costs the same with five or five hundred thousand deliveries waiting. The stored events and the endpoints' secrets
     * come in one query each: plain JDBC, as the ORM's loading of entities that are only read cost more than the
     * statements.
     */
    @Transactional
    public List<Outgoing> claim(int limit, int defaultPerEndpoint) {
        OffsetDateTime now = Clocks.now(clock);
        List<Object[]> leased = lease(now, limit, defaultPerEndpoint);
        if (leased.isEmpty()) {
            return List.of();
        }
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            Map<String, WebhookEvent> events = events(connection, leased.stream().map(row -> (String) row[2]).distinct().toArray(String[]::new));
            Map<UUID, Target> targets = targets(connection, leased.stream().map(row -> (UUID) row[1]).distinct().toArray(UUID[]::new));
            DeliveryBodies.Sharing sharing = bodies.sharing(connection, events.values());
            Map<UUID, Optional<List<String>>> secrets = new HashMap<>();
            List<Outgoing> claimed = new ArrayList<>(leased.size());
            for (Object[] row : leased) {
                Target target = targets.get((UUID) row[1]);
                WebhookEvent event = events.get((String) row[2]);
                Optional<List<String>> signing = secrets.computeIfAbsent(target.id(), id -> signingSecrets(target, now));
                if (signing.isEmpty()) {
                    continue;
                }
                int maxInFlight = target.maxInFlight() == null ? defaultPerEndpoint : target.maxInFlight();
                claimed.add(new Outgoing((UUID) row[0], target.id(), target.url(), maxInFlight, signing.get(),
                        bodies.body(event, sharing), event.type, event.time));
            }
            return claimed;
        });
    }

    /** What sending needs of an endpoint. */
    private record Target(UUID id, String url, Integer maxInFlight, String secret, String previousSecret,
                          OffsetDateTime previousSecretExpiresAt) {
    }

    /**
     * Walks each enabled endpoint's queue from its head, in seq order, and stops at the room the endpoint's limit leaves,
     * so that a claim reads the rows it claims, the endpoint's leased ones, and those waiting in front of them (not yet
     * due, or behind an earlier event of their aggregate), never the whole backlog — whatever the statistics say and
     * whether the plan is custom or generic (pgjdbc prepares the statement on the server after five executions). Three
     * things make that so, each measured by bench/webhook-claim-plan.sh (bench/RESULTS.md, session 11): delivery_queue
     * (endpoint_id, seq) is the only index that yields an endpoint's deliveries in seq order (V6, V7); sorting is disabled for the
     * claim's transaction, as the planner otherwise read a whole queue and sorted it whenever it believed few rows were
     * pending, which stale statistics of a large table say after every burst; and the ordering check is a scalar subquery
     * on the expression delivery_aggregate_queue is keyed by, one index probe per row walked, which neither a join nor the
     * queue's index can answer. It asks for the first seq in order (ORDER BY seq LIMIT 1) rather than min(seq): with
     * sorting disabled only delivery_aggregate_queue yields that without a sort, whereas min() let the planner, after an
     * ANALYZE that saw few pending rows, walk all of delivery_queue's pending rows for every row walked — 131,624 buffers
     * and 347 ms per claim in a replay of 3,000 (bench/RESULTS.md, session 12). The picked rows are leased by primary key.
     * Nothing else in the transaction sorts.
     */
    @SuppressWarnings("unchecked")
    private List<Object[]> lease(OffsetDateTime now, int limit, int defaultPerEndpoint) {
        entityManager.createNativeQuery("SELECT set_config('enable_sort', 'off', true)").getSingleResult();
        List<Object[]> leased = entityManager.createNativeQuery("""
                WITH picked AS (
                    SELECT head.id, head.seq
                    FROM endpoint e
                    CROSS JOIN LATERAL (
                        SELECT d.id, d.seq FROM delivery d
                        WHERE d.endpoint_id = e.id AND d.status = 'PENDING' AND d.next_attempt_at <= :now
                          AND (d.lease_until IS NULL OR d.lease_until < :now)
                          AND d.seq = (SELECT earlier.seq FROM delivery earlier
                                       WHERE CAST(earlier.endpoint_id AS text) || ' ' || earlier.ordering_key = CAST(d.endpoint_id AS text) || ' ' || d.ordering_key
                                         AND earlier.status = 'PENDING'
                                       ORDER BY earlier.seq LIMIT 1)
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
                UPDATE delivery SET lease_until = :leaseUntil WHERE id = ANY(ARRAY(SELECT id FROM picked))
                RETURNING id, endpoint_id, event_id, seq
                """)
                .setParameter("now", now)
                .setParameter("perEndpoint", defaultPerEndpoint)
                .setParameter("limit", limit)
                .setParameter("leaseUntil", now.plus(config.lease()))
                .getResultList();
        // The claim's own answer says which endpoint and event, in consumption order.
        leased.sort(Comparator.comparingLong(row -> ((Number) row[3]).longValue()));
        return leased;
    }

    /** The stored events, as read-only objects (not managed). */
    private static Map<String, WebhookEvent> events(Connection connection, String[] ids) throws SQLException {
        Map<String, WebhookEvent> events = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT id, type, source, subject, time, data::text, beneficiary_id FROM webhook_event WHERE id = ANY(?)
                """)) {
            select.setArray(1, connection.createArrayOf("text", ids));
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    WebhookEvent event = new WebhookEvent();
                    event.id = row.getString(1);
                    event.type = row.getString(2);
                    event.source = row.getString(3);
                    event.subject = row.getString(4);
                    event.time = row.getObject(5, OffsetDateTime.class);
                    event.data = row.getString(6);
                    event.beneficiaryId = row.getObject(7, UUID.class);
                    events.put(event.id, event);
                }
            }
        }
        return events;
    }

    private static Map<UUID, Target> targets(Connection connection, UUID[] ids) throws SQLException {
        Map<UUID, Target> targets = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT id, url, max_in_flight, secret, previous_secret, previous_secret_expires_at FROM endpoint WHERE id = ANY(?)
                """)) {
            select.setArray(1, connection.createArrayOf("uuid", ids));
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    UUID id = row.getObject(1, UUID.class);
                    targets.put(id, new Target(id, row.getString(2), (Integer) row.getObject(3), row.getString(4), row.getString(5),
                            row.getObject(6, OffsetDateTime.class)));
                }
            }
        }
        return targets;
    }

    /**
     * The endpoint's signing secrets in plain text; none when one does not decrypt (its key no longer configured, the
     * row altered): that endpoint's deliveries wait, leased, and every other endpoint's go on.
     */
    private Optional<List<String>> signingSecrets(Target target, OffsetDateTime now) {
        try {
            return Optional.of(Endpoint.signingSecrets(target.secret(), target.previousSecret(), target.previousSecretExpiresAt(), now)
                    .stream().map(cipher::open).toList());
        } catch (IllegalStateException unreadable) {
            LOG.errorf("endpoint %s cannot be signed for: %s; its deliveries wait", target.id(), unreadable.getMessage());
            return Optional.empty();
        }
    }

    /** An attempt made and what it brought, to be recorded. */
    public record Attempted(Outgoing outgoing, OutboundResult result) {
    }

    /** A delivery as recording changes it. */
    private static final class Row {
        final UUID id;
        final UUID endpointId;
        DeliveryStatus status;
        int attempts;
        int retryStep;
        OffsetDateTime nextAttemptAt;
        OffsetDateTime lastAttemptAt;
        Integer lastStatusCode;
        OffsetDateTime deliveredAt;

        Row(UUID id, UUID endpointId) {
            this.id = id;
            this.endpointId = endpointId;
        }
    }

    /** An endpoint's state as recording needs and changes it; {@code failingSince} as first read, then as changed. */
    private static final class EndpointState {
        final UUID id;
        boolean enabled;
        final Optional<OffsetDateTime> failingSinceAtStart;
        Optional<OffsetDateTime> failingSince;

        EndpointState(UUID id, boolean enabled, OffsetDateTime failingSince) {
            this.id = id;
            this.enabled = enabled;
            this.failingSinceAtStart = Optional.ofNullable(failingSince);
            this.failingSince = failingSinceAtStart;
        }
    }

    /** A row of the delivery log. */
    private record Logged(UUID deliveryId, int attempt, OutboundResult result) {
    }

    /**
     * Records a batch of attempts in one transaction, in set-based statements: the deliveries and endpoints read in
     * one query each, the deliveries updated in one statement, the log's rows inserted in one, the endpoints' failing
     * state written once per endpoint that changed. Disabling an endpoint (410, failing too long) goes through its
     * entity, version-checked: a concurrent change of it fails the whole batch, and the caller then records its
     * attempts one by one.
     */
    @Transactional
    public List<Result> recordAll(List<Attempted> attempts) {
        OffsetDateTime now = Clocks.now(clock);
        Session session = entityManager.unwrap(Session.class);
        Map<UUID, Row> rows = session.doReturningWork(connection -> deliveries(connection,
                attempts.stream().map(a -> a.outgoing().deliveryId()).distinct().toArray(UUID[]::new)));
        Map<UUID, EndpointState> endpoints = session.doReturningWork(connection -> endpointStates(connection,
                rows.values().stream().map(row -> row.endpointId).distinct().toArray(UUID[]::new)));
        List<Logged> log = new ArrayList<>();
        List<Result> results = new ArrayList<>(attempts.size());
        for (Attempted attempted : attempts) {
            Row row = rows.get(attempted.outgoing().deliveryId());
            results.add(row == null ? Result.FAILED : apply(row, endpoints.get(row.endpointId), attempted.result(), now, log));
        }
        // The disabled endpoints' entities first: their update must not come after (and undo) the failing state below.
        entityManager.flush();
        session.doWork(connection -> {
            updateDeliveries(connection, rows.values());
            insertLog(connection, log, now);
            updateFailingSince(connection, endpoints.values());
        });
        return results;
    }

    /** Whether every attempt of the batch was answered 2xx, each for another delivery: {@link #recordDelivered} takes it. */
    public static boolean allDelivered(List<Attempted> attempts) {
        return attempts.stream().allMatch(attempted -> attempted.result().successful())
                && attempts.stream().map(attempted -> attempted.outgoing().deliveryId()).distinct().count() == attempts.size();
    }

    /**
     * Records a batch of successful attempts ({@link #allDelivered}) as {@link #recordAll} would, in one statement
     * committed on its own: the deliveries become delivered, their log rows are inserted, and their endpoints' failing
     * state ends. Under load this is nearly every batch, and its round trips and transaction handling, not the
     * database's work, were most of what recording cost.
     *
     * @return per attempt, in order: {@link Result#DELIVERED}, or {@link Result#FAILED} for a delivery deleted meanwhile
     */
    public List<Result> recordDelivered(List<Attempted> attempts) {
        OffsetDateTime now = Clocks.now(clock);
        int n = attempts.size();
        UUID[] ids = new UUID[n];
        Integer[] statusCodes = new Integer[n];
        Long[] latencies = new Long[n];
        String[] excerpts = new String[n];
        for (int i = 0; i < n; i++) {
            OutboundResult result = attempts.get(i).result();
            ids[i] = attempts.get(i).outgoing().deliveryId();
            statusCodes[i] = result.status();
            latencies[i] = result.latency().toMillis();
            excerpts[i] = excerpt(result);
        }
        Set<UUID> recorded = new HashSet<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(RECORD_DELIVERED)) {
            statement.setArray(1, connection.createArrayOf("uuid", ids));
            statement.setArray(2, connection.createArrayOf("int4", statusCodes));
            statement.setArray(3, connection.createArrayOf("int8", latencies));
            statement.setArray(4, connection.createArrayOf("text", excerpts));
            statement.setObject(5, now);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    recorded.add(row.getObject(1, UUID.class));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("recording deliveries failed: " + e.getMessage(), e);
        }
        return attempts.stream().map(attempted -> recorded.contains(attempted.outgoing().deliveryId()) ? Result.DELIVERED : Result.FAILED)
                .toList();
    }

    /** Parameters: the deliveries' ids, status codes, latencies (ms) and answer excerpts, as arrays; the time of recording. */
    private static final String RECORD_DELIVERED = """
            WITH answer AS (
                SELECT * FROM unnest(?::uuid[], ?::int4[], ?::int8[], ?::text[]) AS a (delivery_id, status_code, latency_ms, excerpt)
            ), recording AS (
                SELECT ?::timestamptz AS now
            ), delivered AS (
                UPDATE delivery d SET status = 'DELIVERED', attempts = d.attempts + 1, retry_step = d.retry_step + 1,
                       next_attempt_at = NULL, last_attempt_at = recording.now, last_status_code = answer.status_code,
                       delivered_at = recording.now, lease_until = NULL
                FROM answer, recording
                WHERE d.id = answer.delivery_id
                RETURNING d.id, d.attempts, d.endpoint_id
            ), recovered AS (
                UPDATE endpoint e SET failing_since = NULL
                WHERE e.id IN (SELECT endpoint_id FROM delivered) AND e.failing_since IS NOT NULL
            )
            INSERT INTO delivery_attempt (delivery_id, attempt, attempted_at, outcome, status_code, latency_ms, response_excerpt, detail)
            SELECT delivered.id, delivered.attempts, recording.now, 'ANSWERED', answer.status_code, answer.latency_ms, answer.excerpt, NULL
            FROM delivered JOIN answer ON answer.delivery_id = delivered.id CROSS JOIN recording
            RETURNING delivery_id
            """;

    @Transactional
    public Result record(Outgoing sent, OutboundResult result) {
        return recordAll(List.of(new Attempted(sent, result))).get(0);
    }

    private static Map<UUID, Row> deliveries(Connection connection, UUID[] ids) throws SQLException {
        Map<UUID, Row> rows = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT id, endpoint_id, status, attempts, retry_step, next_attempt_at, last_attempt_at, last_status_code, delivered_at
                FROM delivery WHERE id = ANY(?)
                """)) {
            select.setArray(1, connection.createArrayOf("uuid", ids));
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    Row row = new Row(result.getObject(1, UUID.class), result.getObject(2, UUID.class));
                    row.status = DeliveryStatus.valueOf(result.getString(3));
                    row.attempts = result.getInt(4);
                    row.retryStep = result.getInt(5);
                    row.nextAttemptAt = result.getObject(6, OffsetDateTime.class);
                    row.lastAttemptAt = result.getObject(7, OffsetDateTime.class);
                    row.lastStatusCode = (Integer) result.getObject(8);
                    row.deliveredAt = result.getObject(9, OffsetDateTime.class);
                    rows.put(row.id, row);
                }
            }
        }
        return rows;
    }

    private static Map<UUID, EndpointState> endpointStates(Connection connection, UUID[] ids) throws SQLException {
        Map<UUID, EndpointState> states = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id, status, failing_since FROM endpoint WHERE id = ANY(?)")) {
            select.setArray(1, connection.createArrayOf("uuid", ids));
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    UUID id = result.getObject(1, UUID.class);
                    states.put(id, new EndpointState(id, EndpointStatus.ENABLED.name().equals(result.getString(2)),
                            result.getObject(3, OffsetDateTime.class)));
                }
            }
        }
        return states;
    }

    private Result apply(Row delivery, EndpointState endpoint, OutboundResult result, OffsetDateTime now, List<Logged> log) {
        if (result.outcome() == OutboundResult.Outcome.BUSY) {
            return Result.BUSY;
        }
        delivery.attempts++;
        delivery.retryStep++;
        delivery.lastAttemptAt = now;
        delivery.lastStatusCode = result.outcome() == OutboundResult.Outcome.ANSWERED ? result.status() : null;
        log.add(new Logged(delivery.id, delivery.attempts, result));
        if (result.successful()) {
            delivery.status = DeliveryStatus.DELIVERED;
            delivery.deliveredAt = now;
            delivery.nextAttemptAt = null;
            endpoint.failingSince = Optional.empty();
            return Result.DELIVERED;
        }
        if (result.outcome() == OutboundResult.Outcome.ANSWERED && result.status() == 410) {
            delivery.status = DeliveryStatus.FAILED;
            delivery.nextAttemptAt = null;
            disable(endpoint, DisabledReason.GONE, now);
            return Result.GONE;
        }
        if (endpoint.failingSince.isEmpty()) {
            endpoint.failingSince = Optional.of(now);
        } else if (endpoint.enabled && Endpoint.failingTooLong(endpoint.failingSince.get(), now, config.disableAfter())) {
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

    private void disable(EndpointState state, DisabledReason reason, OffsetDateTime now) {
        if (!state.enabled) {
            return;
        }
        state.enabled = false;
        Endpoint endpoint = Endpoint.findById(state.id);
        if (endpoint != null) {
            disable(endpoint, reason, now);
        }
    }

    /** Every recorded delivery's lease ends; the attempted ones take their new state. */
    private static void updateDeliveries(Connection connection, Collection<Row> rows) throws SQLException {
        int n = rows.size();
        UUID[] ids = new UUID[n];
        String[] statuses = new String[n];
        Integer[] attempts = new Integer[n];
        Integer[] retrySteps = new Integer[n];
        String[] nextAttempts = new String[n];
        String[] lastAttempts = new String[n];
        Integer[] statusCodes = new Integer[n];
        String[] delivered = new String[n];
        int i = 0;
        for (Row row : rows) {
            ids[i] = row.id;
            statuses[i] = row.status.name();
            attempts[i] = row.attempts;
            retrySteps[i] = row.retryStep;
            nextAttempts[i] = text(row.nextAttemptAt);
            lastAttempts[i] = text(row.lastAttemptAt);
            statusCodes[i] = row.lastStatusCode;
            delivered[i] = text(row.deliveredAt);
            i++;
        }
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE delivery d SET status = u.status, attempts = u.attempts, retry_step = u.retry_step,
                       next_attempt_at = u.next_attempt_at::timestamptz, last_attempt_at = u.last_attempt_at::timestamptz,
                       last_status_code = u.last_status_code, delivered_at = u.delivered_at::timestamptz, lease_until = NULL
                FROM unnest(?, ?, ?, ?, ?, ?, ?, ?)
                     AS u (id, status, attempts, retry_step, next_attempt_at, last_attempt_at, last_status_code, delivered_at)
                WHERE d.id = u.id
                """)) {
            update.setArray(1, connection.createArrayOf("uuid", ids));
            update.setArray(2, connection.createArrayOf("text", statuses));
            update.setArray(3, connection.createArrayOf("int4", attempts));
            update.setArray(4, connection.createArrayOf("int4", retrySteps));
            update.setArray(5, connection.createArrayOf("text", nextAttempts));
            update.setArray(6, connection.createArrayOf("text", lastAttempts));
            update.setArray(7, connection.createArrayOf("int4", statusCodes));
            update.setArray(8, connection.createArrayOf("text", delivered));
            update.executeUpdate();
        }
    }

    private static void insertLog(Connection connection, List<Logged> log, OffsetDateTime now) throws SQLException {
        if (log.isEmpty()) {
            return;
        }
        int n = log.size();
        UUID[] deliveries = new UUID[n];
        Integer[] attempts = new Integer[n];
        String[] outcomes = new String[n];
        Integer[] statusCodes = new Integer[n];
        Long[] latencies = new Long[n];
        String[] excerpts = new String[n];
        String[] details = new String[n];
        for (int i = 0; i < n; i++) {
            Logged logged = log.get(i);
            OutboundResult result = logged.result();
            deliveries[i] = logged.deliveryId();
            attempts[i] = logged.attempt();
            outcomes[i] = result.outcome().name();
            statusCodes[i] = result.outcome() == OutboundResult.Outcome.ANSWERED ? result.status() : null;
            latencies[i] = result.latency().toMillis();
            excerpts[i] = excerpt(result);
            details[i] = result.detail().isEmpty() ? null : result.detail();
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO delivery_attempt (delivery_id, attempt, attempted_at, outcome, status_code, latency_ms, response_excerpt, detail)
                SELECT a.delivery_id, a.attempt, ?, a.outcome, a.status_code, a.latency_ms, a.response_excerpt, a.detail
                FROM unnest(?, ?, ?, ?, ?, ?, ?) AS a (delivery_id, attempt, outcome, status_code, latency_ms, response_excerpt, detail)
                """)) {
            insert.setObject(1, now);
            insert.setArray(2, connection.createArrayOf("uuid", deliveries));
            insert.setArray(3, connection.createArrayOf("int4", attempts));
            insert.setArray(4, connection.createArrayOf("text", outcomes));
            insert.setArray(5, connection.createArrayOf("int4", statusCodes));
            insert.setArray(6, connection.createArrayOf("int8", latencies));
            insert.setArray(7, connection.createArrayOf("text", excerpts));
            insert.setArray(8, connection.createArrayOf("text", details));
            insert.executeUpdate();
        }
    }

    /**
     * Each endpoint's failing state as the batch left it, written only where it changed. Not a change of the endpoint's
     * version, so concurrent attempts do not conflict; a first failure does not overwrite another replica's earlier one.
     */
    private static void updateFailingSince(Connection connection, Collection<EndpointState> endpoints) throws SQLException {
        for (EndpointState endpoint : endpoints) {
            if (endpoint.failingSince.equals(endpoint.failingSinceAtStart)) {
                continue;
            }
            String sql = endpoint.failingSince.isEmpty() ? "UPDATE endpoint SET failing_since = NULL WHERE id = ?"
                    : endpoint.failingSinceAtStart.isEmpty() ? "UPDATE endpoint SET failing_since = ? WHERE id = ? AND failing_since IS NULL"
                    : "UPDATE endpoint SET failing_since = ? WHERE id = ?";
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                int parameter = 1;
                if (endpoint.failingSince.isPresent()) {
                    update.setObject(parameter++, endpoint.failingSince.get());
                }
                update.setObject(parameter, endpoint.id);
                update.executeUpdate();
            }
        }
    }

    /** PostgreSQL's text holds no NUL character. */
    private static String excerpt(OutboundResult result) {
        return result.excerpt().isEmpty() ? null : result.excerpt().replace('\u0000', '\uFFFD');
    }

    private static String text(OffsetDateTime time) {
        return time == null ? null : time.toString();
    }

    /** Disables an endpoint and tells its partner through an event; its pending deliveries wait until it is enabled. */
    void disable(Endpoint endpoint, DisabledReason reason, OffsetDateTime now) {
        if (!endpoint.enabled()) {
            return;
        }
        endpoint.disable(reason, now);
        outbox.record(new EndpointDisabledV1(endpoint.id, endpoint.partnerId, endpoint.url, reason.name(), now));
    }
}
