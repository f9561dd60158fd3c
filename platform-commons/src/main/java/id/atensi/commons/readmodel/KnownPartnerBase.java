package id.atensi.commons.readmodel;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

import java.util.UUID;

/**
 * What every service keeps of a partner organisation it learned of from partner-service's events. Each service owns
 * its table ({@code known_partner} in its own database), so it declares the {@code @Entity} subclass, adding the
 * columns only it needs; {@link PartnerReadModel} keeps the rows up to date.
 */
@MappedSuperclass
public abstract class KnownPartnerBase extends KnownOrganisation {

    @Id
    @Column(name = "partner_id")
    public UUID partnerId;

    @Column(name = "legal_name", nullable = false)
    public String legalName;

    void learn(String eventId, String legalName, String status) {
        this.legalName = legalName;
        learned(eventId, status);
    }
}
