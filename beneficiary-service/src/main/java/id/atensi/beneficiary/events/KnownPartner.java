package id.atensi.beneficiary.events;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A partner organisation as the beneficiary service learned of it from the partner service's events: who may serve people. */
@Entity
@Table(name = "known_partner")
public class KnownPartner extends PanacheEntityBase {

    public static final String ACTIVE = "ACTIVE";

    @Id
    @Column(name = "partner_id")
    public UUID partnerId;

    @Column(name = "legal_name", nullable = false)
    public String legalName;

    /** ACTIVE, or INACTIVE once ATENSI no longer works with the partner. */
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
