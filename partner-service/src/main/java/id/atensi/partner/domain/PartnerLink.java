package id.atensi.partner.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/** A partner in a service unit's network: since when it works with the unit, on what, and its track record. */
@Entity
@Table(name = "partner_link")
@IdClass(PartnerLink.Key.class)
public class PartnerLink extends PanacheEntityBase {

    @Id
    @Column(name = "service_unit_id")
    public UUID serviceUnitId;

    @Id
    @Column(name = "partner_id")
    public UUID partnerId;

    @Column(nullable = false)
    public LocalDate since;

    @Column(nullable = false)
    public String focus;

    public String notes;

    @Column(name = "linked_at", nullable = false)
    public OffsetDateTime linkedAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Version
    public long version;

    /** The link's identity: one link per unit and partner. */
    public static class Key implements Serializable {

        public UUID serviceUnitId;
        public UUID partnerId;

        public Key() {
        }

        public Key(UUID serviceUnitId, UUID partnerId) {
            this.serviceUnitId = serviceUnitId;
            this.partnerId = partnerId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(serviceUnitId, key.serviceUnitId) && Objects.equals(partnerId, key.partnerId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(serviceUnitId, partnerId);
        }
    }
}
