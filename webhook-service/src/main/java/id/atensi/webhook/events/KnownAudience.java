package id.atensi.webhook.events;

import id.atensi.commons.time.ServiceClocks;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The partners that may see one object, as its events said: those serving a person, party to an agreement,
 * providing a class or channelling a distribution. Later events of the object that do not name partners are
 * delivered to these.
 */
@Entity
@Table(name = "known_audience")
public class KnownAudience extends PanacheEntityBase {

    public enum Kind { BENEFICIARY, AGREEMENT, CLASS, DISTRIBUTION }

    @Id
    @Column(name = "audience_key")
    public String key;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "partner_ids", nullable = false)
    public List<UUID> partnerIds = new ArrayList<>();

    @Column(name = "last_event_id", nullable = false)
    public String lastEventId;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    static String key(Kind kind, UUID id) {
        return kind + ":" + id;
    }

    /** The partners of an object; empty for one never heard of (its first event was not consumed). */
    public static Set<UUID> of(Kind kind, UUID id) {
        if (id == null) {
            return Set.of();
        }
        KnownAudience known = findById(key(kind, id));
        return known == null ? Set.of() : new TreeSet<>(known.partnerIds);
    }

    /**
     * One upsert instead of a read and a write: it runs once for every registration and update the fan-out consumes.
     * Nothing reads the row as an entity in the same event, so no managed copy goes stale.
     */
    static void remember(Kind kind, UUID id, Collection<UUID> partnerIds, String eventId) {
        String partners = new TreeSet<>(partnerIds).stream().map(partner -> "\"" + partner + "\"").collect(Collectors.joining(",", "[", "]"));
        getEntityManager().createNativeQuery("""
                        INSERT INTO known_audience (audience_key, partner_ids, last_event_id, updated_at)
                        VALUES (:key, CAST(:partners AS jsonb), :event, :now)
                        ON CONFLICT (audience_key) DO UPDATE
                        SET partner_ids = EXCLUDED.partner_ids, last_event_id = EXCLUDED.last_event_id, updated_at = EXCLUDED.updated_at
                        """)
                .setParameter("key", key(kind, id))
                .setParameter("partners", partners)
                .setParameter("event", eventId)
                .setParameter("now", OffsetDateTime.now(ServiceClocks.SYSTEM_UTC))
                .executeUpdate();
    }
}
