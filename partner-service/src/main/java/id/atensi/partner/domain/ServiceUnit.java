package id.atensi.partner.domain;

import id.atensi.vocabulary.Cluster;
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
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.Fetch;
import org.hibernate.annotations.FetchMode;

import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** A Kemensos technical unit (Balai, Balai Besar, Loka, Sentra) that hosts residents and classes. */
@Entity
@Table(name = "service_unit")
public class ServiceUnit extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ServiceUnitKind kind;

    @Column(name = "province_code", nullable = false)
    public String provinceCode;

    @Column(name = "regency_code")
    public String regencyCode;

    @Column(name = "address_line")
    public String addressLine;

    @Column(name = "residential_capacity", nullable = false)
    public int residentialCapacity;

    // Loaded with the entity, one select per collection (not joined, which would multiply the rows): a use case's
    // transaction ends before the resource shows the result.
    @ElementCollection(fetch = FetchType.EAGER)
    @Fetch(FetchMode.SELECT)
    @CollectionTable(name = "service_unit_cluster", joinColumns = @JoinColumn(name = "service_unit_id"))
    @Column(name = "cluster")
    @Enumerated(EnumType.STRING)
    public Set<Cluster> clusters = EnumSet.noneOf(Cluster.class);

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ServiceUnitStatus status = ServiceUnitStatus.ACTIVE;

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

    /** The transitions the service accepts now; exactly those, so a client can offer them as they are. */
    public List<ServiceUnitStatus> allowedTransitions() {
        return status.allowedTransitions();
    }

    public static Optional<ServiceUnit> findByName(String name) {
        return find("upper(name) = upper(?1)", name.strip()).firstResultOptional();
    }
}
