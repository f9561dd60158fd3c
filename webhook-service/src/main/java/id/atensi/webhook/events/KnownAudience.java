package id.atensi.webhook.events;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

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

    static void remember(Kind kind, UUID id, Collection<UUID> partnerIds, String eventId) {
        String key = key(kind, id);
        KnownAudience known = findById(key);
        if (known == null) {
            known = new KnownAudience();
            known.key = key;
        }
        known.partnerIds = new ArrayList<>(new TreeSet<>(partnerIds));
        known.lastEventId = eventId;
        known.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        known.persist();
    }
}
