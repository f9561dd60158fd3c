package id.atensi.commons.readmodel;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * What every service keeps of a Balai/Sentra it learned of from partner-service's events. Each service owns its table
 * ({@code known_service_unit} in its own database) and declares the {@code @Entity} subclass; {@link PartnerReadModel}
 * keeps the rows up to date.
 */
@MappedSuperclass
public abstract class KnownServiceUnitBase extends PanacheEntityBase {

    public static final String ACTIVE = "ACTIVE";

    @Id
    @Column(name = "service_unit_id")
    public UUID serviceUnitId;

    @Column(nullable = false)
    public String name;

    /** ACTIVE, or INACTIVE while the partner service has the unit closed. */
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
    void learn(String eventId, String name, String status) {
        this.name = name;
        this.status = status;
        this.lastEventId = eventId;
        this.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }
}
