package id.atensi.aid.events;

import id.atensi.commons.events.EventHousekeeping;
import id.atensi.testing.AtensiTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Retention of the platform's event tables, on this service's real database with the default settings. */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "aid"))
class EventRetentionTest {

    @Inject
    EventHousekeeping housekeeping;

    @Inject
    EntityManager entityManager;

    @Test
    void publishedOutboxRowsAndInboxIdsPastTheirRetentionArePrunedAndNothingElse() {
        String marker = "retention-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            outboxRow(marker + "-published-long-ago", "now() - interval '8 days'", "now() - interval '8 days'");
            outboxRow(marker + "-published-recently", "now() - interval '1 day'", "now() - interval '1 day'");
            outboxRow(marker + "-never-published", "now() - interval '9 days'", "NULL");
            inboxRow(marker, "old", "now() - interval '31 days'");
            inboxRow(marker, "recent", "now() - interval '2 days'");
        });

        housekeeping.pruneOldRows();

        assertEquals(0, count("SELECT count(*) FROM outbox_event WHERE aggregate_id = :marker", marker + "-published-long-ago"));
        assertEquals(1, count("SELECT count(*) FROM outbox_event WHERE aggregate_id = :marker", marker + "-published-recently"),
                "a row published within seven days stays");
        // The relay may publish this row meanwhile (its publication is then recent); either way it must still be there.
        assertEquals(1, count("SELECT count(*) FROM outbox_event WHERE aggregate_id = :marker", marker + "-never-published"),
                "an unpublished row is never pruned, however old");
        assertEquals(1, count("SELECT count(*) FROM inbox_event WHERE consumer = :marker", marker),
                "only the inbox id past thirty days goes");
    }

    private void outboxRow(String marker, String occurredAt, String publishedAt) {
        entityManager.createNativeQuery("""
                        INSERT INTO outbox_event (id, aggregate_type, aggregate_id, event_type, payload, occurred_at, published_at)
                        VALUES (:id, 'test', :marker, 'atensi.aid.retention-test.v1', '{}'::jsonb, %s, %s)
                        """.formatted(occurredAt, publishedAt))
                .setParameter("id", UUID.randomUUID())
                .setParameter("marker", marker)
                .executeUpdate();
    }

    private void inboxRow(String marker, String eventId, String processedAt) {
        entityManager.createNativeQuery("INSERT INTO inbox_event (consumer, event_id, event_type, processed_at) VALUES (:marker, :id, 'test', %s)"
                        .formatted(processedAt))
                .setParameter("marker", marker)
                .setParameter("id", eventId)
                .executeUpdate();
    }

    private long count(String sql, String marker) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(sql)
                .setParameter("marker", marker).getSingleResult()).longValue());
    }
}
