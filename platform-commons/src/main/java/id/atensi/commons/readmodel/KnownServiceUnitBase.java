package id.atensi.commons.readmodel;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

import java.util.UUID;

/**
 * What every service keeps of a Balai/Sentra it learned of from partner-service's events. Each service owns its table
 * ({@code known_service_unit} in its own database) and declares the {@code @Entity} subclass; {@link PartnerReadModel}
 * keeps the rows up to date.
 */
@MappedSuperclass
public abstract class KnownServiceUnitBase extends KnownOrganisation {

    @Id
    @Column(name = "service_unit_id")
    public UUID serviceUnitId;

    @Column(nullable = false)
    public String name;

    void learn(String eventId, String name, String status) {
        this.name = name;
        learned(eventId, status);
    }
}
