package id.atensi.commons.readmodel;

import id.atensi.commons.time.ServiceClocks;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

import java.time.OffsetDateTime;

/** What a read model keeps of any organisation partner-service announces: whether it is active, and which event said so. */
@MappedSuperclass
public abstract class KnownOrganisation extends PanacheEntityBase {

    public static final String ACTIVE = "ACTIVE";

    /** ACTIVE; INACTIVE once closed or deactivated; or another of partner-service's statuses (a partner SUSPENDED). */
    @Column(nullable = false)
    public String status;

    @Column(name = "last_event_id", nullable = false)
    public String lastEventId;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    public boolean active() {
        return ACTIVE.equals(status);
    }

    // Written here rather than by the read model so that Hibernate's dirty tracking of an enhanced entity sees it.
    void learned(String eventId, String status) {
        this.status = status;
        this.lastEventId = eventId;
        this.updatedAt = OffsetDateTime.now(ServiceClocks.SYSTEM_UTC);
    }
}
