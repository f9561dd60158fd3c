package id.atensi.partner.domain;

import id.atensi.vocabulary.Cluster;
import id.atensi.vocabulary.PartnerType;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.FetchType;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.Fetch;
import org.hibernate.annotations.FetchMode;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** An organisation ATENSI works with: an LKS, a company's CSR programme, a government body, a university… */
@Entity
@Table(name = "partner")
public class Partner extends PanacheEntityBase {

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PartnerType type;

    @Column(name = "legal_name", nullable = false)
    public String legalName;

    @Column(name = "short_name")
    public String shortName;

    @Column(name = "registration_number")
    public String registrationNumber;

    @Enumerated(EnumType.STRING)
    @Column(name = "accreditation_grade")
    public AccreditationGrade accreditationGrade;

    @Column(name = "accreditation_expires_on")
    public LocalDate accreditationExpiresOn;

    /** Digits only, 15 or 16 of them. */
    public String npwp;

    @Column(name = "address_line")
    public String addressLine;

    @Column(name = "province_code", nullable = false)
    public String provinceCode;

    @Column(name = "regency_code")
    public String regencyCode;

    @Column(name = "parent_id")
    public UUID parentId;

    // Loaded with the entity, one select per collection (not joined, which would multiply the rows): a use case's
    // transaction ends before the resource shows the result.
    @ElementCollection(fetch = FetchType.EAGER)
    @Fetch(FetchMode.SELECT)
    @CollectionTable(name = "partner_contact", joinColumns = @JoinColumn(name = "partner_id"))
    @OrderColumn(name = "position")
    public List<Contact> contacts = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @Fetch(FetchMode.SELECT)
    @CollectionTable(name = "partner_cluster", joinColumns = @JoinColumn(name = "partner_id"))
    @Column(name = "cluster")
    @Enumerated(EnumType.STRING)
    public Set<Cluster> clusters = EnumSet.noneOf(Cluster.class);

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PartnerStatus status;

    @Column(name = "deactivation_reason")
    public String deactivationReason;

    @Column(name = "deactivated_at")
    public OffsetDateTime deactivatedAt;

    @Column(name = "registered_at", nullable = false)
    public OffsetDateTime registeredAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Version
    public long version;

    public static Optional<Partner> findByRegistrationNumber(String registrationNumber) {
        return find("upper(registrationNumber) = upper(?1)", registrationNumber.strip()).firstResultOptional();
    }

    /** An accredited LKS whose accreditation ended before {@code today}: it may no longer be counted as accredited. */
    public boolean accreditationLapsed(LocalDate today) {
        return accreditationExpiresOn != null && accreditationExpiresOn.isBefore(today);
    }

    public boolean active() {
        return status == PartnerStatus.ACTIVE;
    }
}
