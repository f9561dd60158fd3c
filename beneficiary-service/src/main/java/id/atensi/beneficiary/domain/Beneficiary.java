package id.atensi.beneficiary.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** A person registered as PPKS, followed through the case workflow. */
@Entity
@Table(name = "beneficiary")
public class Beneficiary extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "full_name", nullable = false)
    public String fullName;

    @Column(nullable = false, unique = true, length = 16)
    public String nik;

    @Column(name = "birth_date", nullable = false)
    public LocalDate birthDate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Sex sex;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public BeneficiaryStatus status;

    @Column(name = "registered_at", nullable = false)
    public OffsetDateTime registeredAt;

    @Version
    public long version;

    public static Optional<Beneficiary> findByNik(String nik) {
        return find("nik", nik).firstResultOptional();
    }
}
