package id.atensi.beneficiary.events;

import id.atensi.beneficiary.domain.TimelineEntry;
import id.atensi.commons.events.ConsumedEvent;
import id.atensi.commons.events.EventConsumer;
import id.atensi.commons.events.PermanentEventFailure;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Puts aid to a person on its timeline, from the aid service's events: an approved distribution to a PERSON names
 * the beneficiary (kept in {@code aid_distribution}); its delivery and cancellation name only the distribution, so
 * they are matched through that table. Distributions to households and groups are not followed here. Idempotent
 * through the inbox.
 */
@ApplicationScoped
public class AidTimelineConsumer implements EventConsumer {

    static final String APPROVED = "atensi.aid.distribution.approved.v1";
    static final String DELIVERED = "atensi.aid.distribution.delivered.v1";
    static final String CANCELLED = "atensi.aid.distribution.cancelled.v1";

    /** The fields of the aid payloads this consumer reads. */
    record Distribution(UUID distributionId, String recipientKind, UUID recipientId, Long amountIdr, Long deliveredIdr,
                        Boolean partial, String outcome, OffsetDateTime approvedAt, OffsetDateTime deliveredAt,
                        OffsetDateTime cancelledAt) {
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
        if (!APPROVED.equals(event.type()) && !DELIVERED.equals(event.type()) && !CANCELLED.equals(event.type())) {
            return;
        }
        Distribution d = event.dataAs(Distribution.class);
        if (d.distributionId() == null) {
            throw new PermanentEventFailure(event.type() + " " + event.id() + " lacks distributionId");
        }
        if (APPROVED.equals(event.type())) {
            if (!"PERSON".equals(d.recipientKind()) || d.recipientId() == null) {
                return;
            }
            long amount = d.amountIdr() == null ? 0 : d.amountIdr();
            Panache.getEntityManager().createNativeQuery("INSERT INTO aid_distribution (distribution_id, beneficiary_id, amount_idr) "
                            + "VALUES (:d, :b, :a) ON CONFLICT (distribution_id) DO NOTHING")
                    .setParameter("d", d.distributionId()).setParameter("b", d.recipientId()).setParameter("a", amount)
                    .executeUpdate();
            add(d.recipientId(), d.approvedAt() != null ? d.approvedAt() : event.time(), "aid.approved",
                    "aid of Rp " + amount + " approved", d.distributionId());
            return;
        }
        List<?> beneficiary = Panache.getEntityManager()
                .createNativeQuery("SELECT beneficiary_id FROM aid_distribution WHERE distribution_id = :d")
                .setParameter("d", d.distributionId()).getResultList();
        if (beneficiary.isEmpty()) {
            return;
        }
        UUID beneficiaryId = (UUID) beneficiary.get(0);
        if (DELIVERED.equals(event.type())) {
            add(beneficiaryId, d.deliveredAt() != null ? d.deliveredAt() : event.time(), "aid.delivered",
                    "aid delivered: Rp " + d.deliveredIdr() + (Boolean.TRUE.equals(d.partial()) ? " (partly)" : ""), d.distributionId());
        } else {
            add(beneficiaryId, d.cancelledAt() != null ? d.cancelledAt() : event.time(), "aid.cancelled",
                    "aid cancelled" + (d.outcome() == null ? "" : " (" + d.outcome() + ")"), d.distributionId());
        }
    }

    private static void add(UUID beneficiaryId, OffsetDateTime at, String kind, String summary, UUID distributionId) {
        TimelineEntry entry = new TimelineEntry();
        entry.id = UUID.randomUUID();
        entry.beneficiaryId = beneficiaryId;
        entry.occurredAt = at;
        entry.kind = kind;
        entry.summary = summary;
        entry.source = "aid";
        entry.referenceId = distributionId.toString();
        entry.persist();
    }
}
