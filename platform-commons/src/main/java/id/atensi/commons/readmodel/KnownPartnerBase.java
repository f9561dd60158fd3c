package id.atensi.commons.readmodel;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * What every service keeps of a partner organisation it learned of from partner-service's events. Each service owns
 * its table ({@code known_partner} in its own database), so it declares the {@code @Entity} subclass, adding the
 * columns only it needs; {@link PartnerReadModel} keeps the rows up to date.
 */
@MappedSuperclass
public abstract class KnownPartnerBase extends PanacheEntityBase {

    public static final String ACTIVE = "ACTIVE";

    @Id
    @Column(name = "partner_id")
    public UUID partnerId;

    @Column(name = "legal_name", nullable = false)
    public String legalName;

    /** ACTIVE; INACTIVE once ATENSI no longer works with the partner; or another of partner-service's (SUSPENDED). */
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
    void learn(String eventId, String legalName, String status) {
        this.legalName = legalName;
        this.status = status;
        this.lastEventId = eventId;
        this.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }
}
