package id.atensi.beneficiary.events;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A Balai/Sentra as the beneficiary service learned of it from the partner service's events: whether it takes people. */
@Entity
@Table(name = "known_service_unit")
public class KnownServiceUnit extends PanacheEntityBase {

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
}
