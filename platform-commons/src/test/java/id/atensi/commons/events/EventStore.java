package id.atensi.commons.events;

import id.atensi.testing.TestInfrastructure;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import org.flywaydb.core.Flyway;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * A database of its own with the platform's outbox and inbox tables, written the way a service's
 * transaction writes them: a business row and its outbox row in one commit, then a NOTIFY.
 */
final class EventStore {

    private final String url;
    private final String user;
    private final String password;

    private EventStore(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    static EventStore fresh(String name) {
        return fresh(name, null);
    }

    /** As {@link #fresh(String)}, with the db/events migrations up to {@code version} only (all when null). */
    static EventStore fresh(String name, String version) {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        String database = name + "_" + UUID.randomUUID().toString().substring(0, 8);
        EventStore store = new EventStore(infrastructure.jdbcUrl(database), infrastructure.dbUser(), infrastructure.dbPassword());
        store.migrate(version);
        // txid tells which transaction applied an effect, applied_order in which order effects were applied.
        store.execute("""
                CREATE TABLE applied_effect (event_id TEXT NOT NULL, aggregate_id TEXT NOT NULL, sequence INT NOT NULL,
                    txid BIGINT NOT NULL DEFAULT txid_current(), applied_order BIGINT GENERATED ALWAYS AS IDENTITY)""");
        return store;
    }

    void migrate(String version) {
        var flyway = Flyway.configure().dataSource(url, user, password).locations("classpath:db/events");
        if (version != null) {
            flyway.target(version);
        }
        flyway.load().migrate();
    }

    Connection open() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** A pool of the service's kind on this database, for the beans that take one. */
    AgroalDataSource pool() throws SQLException {
        return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier().connectionPoolConfiguration(pool -> pool.maxSize(2)
                .connectionFactoryConfiguration(factory -> factory.jdbcUrl(url).principal(new NamePrincipal(user))
                        .credential(new SimplePassword(password)))));
    }

    /** Records one event as {@link EventOutbox} does, committing or rolling back as told. */
    UUID record(String aggregateId, String type, String json, boolean commit) {
        return record(aggregateId, type, json, null, commit);
    }

    UUID record(String aggregateId, String type, String json, String traceParent, boolean commit) {
        UUID id = UUID.randomUUID();
        try (Connection connection = open()) {
            connection.setAutoCommit(false);
            insert(connection, id, aggregateId, type, json, traceParent);
            if (commit) {
                connection.commit();
            } else {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    /** A transaction that has recorded one event and is still open: its caller commits or rolls it back, and closes it. */
    Open begin(String aggregateId, String json) {
        try {
            Connection connection = open();
            connection.setAutoCommit(false);
            UUID id = UUID.randomUUID();
            insert(connection, id, aggregateId, "atensi.test.changed.v1", json, null);
            return new Open(connection, id, seqOf(connection, id));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    record Open(Connection connection, UUID id, long seq) implements AutoCloseable {
        /** Records one more event in this transaction; its seq. */
        long record(String aggregateId, String json) throws SQLException {
            UUID another = UUID.randomUUID();
            insert(connection, another, aggregateId, "atensi.test.changed.v1", json, null);
            return seqOf(connection, another);
        }

        void commit() throws SQLException {
            connection.commit();
        }

        void rollback() throws SQLException {
            connection.rollback();
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }

    private static long seqOf(Connection connection, UUID id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT seq FROM outbox_event WHERE id = ?")) {
            select.setObject(1, id);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static void insert(Connection connection, UUID id, String aggregateId, String type, String json, String traceParent)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO outbox_event (id, aggregate_type, aggregate_id, event_type, payload, occurred_at, trace_parent)
                VALUES (?, 'test', ?, ?, CAST(? AS jsonb), ?, ?)
                """)) {
            insert.setObject(1, id);
            insert.setString(2, aggregateId);
            insert.setString(3, type);
            insert.setString(4, json);
            insert.setObject(5, OffsetDateTime.now());
            insert.setString(6, traceParent);
            insert.executeUpdate();
        }
        try (Statement notify = connection.createStatement()) {
            notify.execute("SELECT pg_notify('" + EventOutbox.CHANNEL + "', '')");
        }
    }

    /** What applying an event does here: one effect row carrying the sequence this returns, or an exception. */
    interface Effect {
        int sequenceOf(ConsumedEvent event);
    }

    /** An applier as the consumer runner's: the batch's inbox rows and effects commit together or not at all. */
    ConsumerLoop.Applier applier(String consumer, Effect effect) {
        return applier(consumer, effect, event -> true);
    }

    /** As {@link #applier(String, Effect)}, for a consumer that wants only some events ({@link EventConsumer#wants}). */
    ConsumerLoop.Applier applier(String consumer, Effect effect, Predicate<ConsumedEvent> wants) {
        return events -> applyAll(consumer, events, effect, wants);
    }

    private List<Inbox.Outcome> applyAll(String consumer, List<ConsumedEvent> events, Effect effect, Predicate<ConsumedEvent> wants) {
        try (Connection connection = open()) {
            connection.setAutoCommit(false);
            // Closing the connection uncommitted, whatever the effect threw, rolls the batch back.
            List<Inbox.Outcome> outcomes = Inbox.admit(connection, consumer, events, events.stream().map(wants::test).toList());
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO applied_effect (event_id, aggregate_id, sequence) VALUES (?, ?, ?)")) {
                for (int i = 0; i < events.size(); i++) {
                    if (outcomes.get(i) == Inbox.Outcome.APPLIED) {
                        ConsumedEvent event = events.get(i);
                        insert.setString(1, event.id());
                        insert.setString(2, event.subject());
                        insert.setInt(3, effect.sequenceOf(event));
                        insert.executeUpdate();
                    }
                }
            }
            connection.commit();
            return outcomes;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    long count(String sql) {
        try (Connection connection = open(); Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void execute(String sql) {
        try (Connection connection = open(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
