package id.atensi.commons.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.atensi.commons.config.PlatformConfig;
import id.atensi.commons.persistence.SqlStates;
import id.atensi.commons.persistence.TimeOrderedIds;
import id.atensi.commons.rest.ProblemException;
import id.atensi.commons.time.ServiceClocks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Records domain events in the service's outbox table, inside the caller's transaction: the event
 * exists if and only if the state change that caused it committed. The relay publishes it afterwards.
 * <p>
 * The relay's wake-up ({@code pg_notify}, delivered on commit and never on rollback) rides on the transaction's first
 * event INSERT rather than costing a statement of its own per event: one notice per transaction is all the relay
 * needs, since it then reads every pending row.
 */
@ApplicationScoped
public class EventOutbox {

    static final String CHANNEL = "atensi_outbox";

    private static final String INSERT = """
            INSERT INTO outbox_event (id, aggregate_type, aggregate_id, event_type, payload, trace_parent, occurred_at)
            VALUES (?, ?, ?, ?, CAST(? AS jsonb), ?, ?)""";
    private static final String INSERT_AND_NOTIFY = """
            INSERT INTO outbox_event (id, aggregate_type, aggregate_id, event_type, payload, trace_parent, occurred_at)
            SELECT CAST(? AS uuid), CAST(? AS text), CAST(? AS text), CAST(? AS text), CAST(? AS jsonb), CAST(? AS text),
                CAST(? AS timestamptz)
            FROM (SELECT pg_notify('""" + CHANNEL + "', '')) AS notified";
    /** The producer's delivery timeout: the longest the relay holds one batch while Kafka does not answer. */
    static final int RELAY_BUSY_RETRY_AFTER_SECONDS = 10;
    /** The key under which a transaction remembers that its commit will wake the relay already. */
    private static final Object NOTIFIED = EventOutbox.class.getName() + ".notified";

    private final EntityManager entityManager;
    private final ObjectMapper objectMapper;
    private final String serviceName;
    private final TransactionSynchronizationRegistry transactions;

    EventOutbox(EntityManager entityManager, ObjectMapper objectMapper, PlatformConfig config, TransactionSynchronizationRegistry transactions) {
        this.entityManager = entityManager;
        this.objectMapper = objectMapper;
        this.serviceName = config.serviceName();
        this.transactions = transactions;
    }

    /** @return the id of the recorded event (the CloudEvent id) */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID record(DomainEvent event) {
        Session session = entityManager.unwrap(Session.class);
        // the state change the event reports is written first, as a native query's automatic flush did
        session.flush();
        return session.doReturningWork(connection -> record(connection, event));
    }

    /**
     * As {@link #record(DomainEvent)}, on a connection of the caller's transaction that the caller writes its own rows
     * on with plain JDBC (the persistence context is neither read nor flushed).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID record(Connection connection, DomainEvent event) throws SQLException {
        return insert(connection, event, firstOfTransaction() ? INSERT_AND_NOTIFY : INSERT);
    }

    /**
     * As {@link #record(Connection, DomainEvent)}, for a use case that commits {@code connection}'s transaction itself
     * instead of joining a JTA one (beneficiary-service's registration, where Narayana's begin, enlistment and
     * two-phase bookkeeping cost a visible share of the request's CPU): the row commits or rolls back with the
     * connection's transaction, as the caller's state change does. Each call wakes the relay, since no transaction
     * registry tells whether an earlier event of the transaction did; PostgreSQL delivers a transaction's identical
     * notices once.
     */
    public UUID recordOnConnection(Connection connection, DomainEvent event) throws SQLException {
        return insert(connection, event, INSERT_AND_NOTIFY);
    }

    /**
     * For a transaction that rewrites pending outbox rows, before it reads or writes them: once this returns, no event
     * it rewrites can leave as it was before, since the relay publishes nothing it read earlier after this transaction
     * commits, and reads nothing until it has (V0_0_3's {@code outbox_hold_relay}, held until the transaction ends).
     * The relay holds the lock through one batch at a time, Kafka's acknowledgements included; while Kafka does not
     * answer that is up to the producer's delivery timeout (10 s). Waits at most {@code wait}, then throws a 503
     * problem with {@code Retry-After} (the transaction is then to be rolled back).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void holdRelay(Duration wait) {
        entityManager.unwrap(Session.class).doWork(connection -> holdRelay(connection, wait));
    }

    /** As {@link #holdRelay(Duration)}, on a connection whose transaction the caller runs itself. */
    public static void holdRelay(Connection connection, Duration wait) throws SQLException {
        try (PreparedStatement hold = connection.prepareStatement("SELECT outbox_hold_relay(CAST(? AS interval))")) {
            hold.setString(1, wait.toMillis() + " milliseconds");
            hold.execute();
        } catch (SQLException e) {
            if (SqlStates.LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                throw ProblemException.unavailable("the event relay is publishing a batch that Kafka has not acknowledged yet;"
                        + " try again after the seconds Retry-After gives", RELAY_BUSY_RETRY_AFTER_SECONDS);
            }
            throw e;
        }
    }

    private UUID insert(Connection connection, DomainEvent event, String statement) throws SQLException {
        // outbox_event.id is UNIQUE: a random id would put each event's entry on a random page of that index
        UUID id = TimeOrderedIds.next();
        try (PreparedStatement insert = connection.prepareStatement(statement)) {
            Object[] values = values(id, event);
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    insert.setNull(i + 1, Types.VARCHAR);
                } else {
                    insert.setObject(i + 1, values[i]);
                }
            }
            insert.executeUpdate();
        }
        return id;
    }

    /** Whether this is the transaction's first event, and so the one whose INSERT notifies the relay. */
    private boolean firstOfTransaction() {
        if (transactions.getResource(NOTIFIED) != null) {
            return false;
        }
        transactions.putResource(NOTIFIED, Boolean.TRUE);
        return true;
    }

    private Object[] values(UUID id, DomainEvent event) {
        return new Object[]{id, EventNames.aggregateType(event.getClass()), event.aggregateId(),
                EventNames.type(serviceName, event.getClass()), json(event), TraceContext.currentTraceParent(),
                OffsetDateTime.now(ServiceClocks.SYSTEM_UTC)};
    }

    private String json(DomainEvent event) {
        try {
            return objectMapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event " + event.getClass().getSimpleName() + " cannot be written as JSON", e);
        }
    }
}
