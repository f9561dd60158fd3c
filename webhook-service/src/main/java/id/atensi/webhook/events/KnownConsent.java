package id.atensi.webhook.events;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A person's latest consent for one purpose, from {@code atensi.beneficiary.consent-changed.v1}; no row is no consent. */
@Entity
@Table(name = "known_consent")
@IdClass(KnownConsent.Key.class)
public class KnownConsent extends PanacheEntityBase {

    public record Key(UUID beneficiaryId, String purpose) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "beneficiary_id")
    public UUID beneficiaryId;

    @Id
    public String purpose;

    @Column(name = "consent_id")
    public UUID consentId;

    @Column(nullable = false)
    public boolean given;

    @Column(name = "changed_at", nullable = false)
    public OffsetDateTime changedAt;

    @Column(name = "last_event_id", nullable = false)
    public String lastEventId;
}
