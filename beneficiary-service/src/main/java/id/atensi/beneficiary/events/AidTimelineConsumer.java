package id.atensi.beneficiary.events;

import id.atensi.beneficiary.domain.TimelineEntry;
import id.atensi.commons.events.ConsumedEvent;
import id.atensi.commons.events.EventConsumer;
import id.atensi.commons.events.PermanentEventFailure;
import id.atensi.commons.persistence.TimeOrderedIds;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Puts aid on the timelines of the people it reached, from the aid service's events: an approved distribution names
 * its recipient (a PERSON, HOUSEHOLD or COMMUNITY_GROUP, kept in {@code aid_distribution}); its delivery and
 * cancellation name only the distribution, so they are matched through that table. Aid to a household or group goes
 * on the timeline of each person who is a member when the event arrives. Idempotent through the inbox.
 * <p>
 * The aid service publishes {@code distribution.approved} as v2 (funding shares, which this consumer does not keep) and,
 * while consumers move, as v1 beside it: two events of different ids for one approval. Both are read, so that approvals
 * published before v2 existed stay on the timeline when the topic is replayed; whichever of the pair arrives first
 * records the distribution and its entry, and the other finds it recorded and adds nothing (one key, one partition:
 * the pair is never applied at once).
 */
@ApplicationScoped
public class AidTimelineConsumer implements EventConsumer {

    static final String APPROVED = "atensi.aid.distribution.approved.v2";
    static final String APPROVED_V1 = "atensi.aid.distribution.approved.v1";
    static final String DELIVERED = "atensi.aid.distribution.delivered.v1";
    static final String CANCELLED = "atensi.aid.distribution.cancelled.v1";

    private static final Map<String, String> MEMBERS = Map.of(
            "PERSON", "SELECT id FROM beneficiary WHERE id = :r",
            "HOUSEHOLD", "SELECT beneficiary_id FROM household_member WHERE household_id = :r",
            "COMMUNITY_GROUP", "SELECT beneficiary_id FROM community_group_member WHERE group_id = :r");

    private static final Map<String, String> TO = Map.of("PERSON", "", "HOUSEHOLD", " to the household",
            "COMMUNITY_GROUP", " to the community group");

    /** The fields of the aid payloads this consumer reads. */
    record Distribution(UUID distributionId, String recipientKind, UUID recipientId, Long amountIdr, Long deliveredIdr,
                        Boolean partial, String outcome, OffsetDateTime approvedAt, OffsetDateTime deliveredAt,
                        OffsetDateTime cancelledAt) {
    }

    private record Recipient(String kind, UUID id) {
    }

    @Override
    public String name() {
        return "aid-timeline";
    }

    @Override
    public Set<String> topics() {
        return Set.of("atensi.aid.events");
    }

    @Override
    public void resetReadModel() {
        TimelineEntry.delete("source", "aid");
        Panache.getEntityManager().createNativeQuery("DELETE FROM aid_distribution").executeUpdate();
    }

    @Override
    public void handle(ConsumedEvent event) {
        boolean approved = APPROVED.equals(event.type()) || APPROVED_V1.equals(event.type());
        if (!approved && !DELIVERED.equals(event.type()) && !CANCELLED.equals(event.type())) {
            return;
        }
        Distribution d = event.dataAs(Distribution.class);
        if (d.distributionId() == null) {
            throw new PermanentEventFailure(event.type() + " " + event.id() + " lacks distributionId");
        }
        if (approved) {
            if (!MEMBERS.containsKey(d.recipientKind()) || d.recipientId() == null) {
                return;
            }
            long amount = d.amountIdr() == null ? 0 : d.amountIdr();
            int recorded = Panache.getEntityManager().createNativeQuery("INSERT INTO aid_distribution (distribution_id, recipient_kind, recipient_id, "
                            + "amount_idr) VALUES (:d, :k, :r, :a) ON CONFLICT (distribution_id) DO NOTHING")
                    .setParameter("d", d.distributionId()).setParameter("k", d.recipientKind()).setParameter("r", d.recipientId())
                    .setParameter("a", amount)
                    .executeUpdate();
            if (recorded == 0) {
                return;
            }
            Recipient recipient = new Recipient(d.recipientKind(), d.recipientId());
            add(recipient, d.approvedAt() != null ? d.approvedAt() : event.time(), "aid.approved",
                    "aid of Rp " + amount + " approved" + TO.get(recipient.kind()), d.distributionId());
            return;
        }
        List<?> rows = Panache.getEntityManager()
                .createNativeQuery("SELECT recipient_kind, recipient_id FROM aid_distribution WHERE distribution_id = :d")
                .setParameter("d", d.distributionId()).getResultList();
        if (rows.isEmpty()) {
            return;
        }
        Object[] row = (Object[]) rows.get(0);
        Recipient recipient = new Recipient((String) row[0], (UUID) row[1]);
        if (DELIVERED.equals(event.type())) {
            add(recipient, d.deliveredAt() != null ? d.deliveredAt() : event.time(), "aid.delivered",
                    "aid delivered" + TO.get(recipient.kind()) + ": Rp " + d.deliveredIdr()
                            + (Boolean.TRUE.equals(d.partial()) ? " (partly)" : ""), d.distributionId());
        } else {
            add(recipient, d.cancelledAt() != null ? d.cancelledAt() : event.time(), "aid.cancelled",
                    "aid cancelled" + TO.get(recipient.kind()) + (d.outcome() == null ? "" : " (" + d.outcome() + ")"),
                    d.distributionId());
        }
    }

    /** One entry per person reached; a person registered elsewhere (an id this service does not know) gets none. */
    private static void add(Recipient recipient, OffsetDateTime at, String kind, String summary, UUID distributionId) {
        List<?> people = Panache.getEntityManager().createNativeQuery(MEMBERS.get(recipient.kind()))
                .setParameter("r", recipient.id()).getResultList();
        for (Object person : people) {
            TimelineEntry entry = new TimelineEntry();
            entry.id = TimeOrderedIds.next();
            entry.beneficiaryId = (UUID) person;
            entry.occurredAt = at;
            entry.kind = kind;
            entry.summary = summary;
            entry.source = "aid";
            entry.referenceId = distributionId.toString();
            entry.persist();
        }
    }
}
