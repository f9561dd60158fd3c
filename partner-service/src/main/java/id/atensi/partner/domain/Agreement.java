package id.atensi.partner.domain;

import id.atensi.vocabulary.AtensiService;
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
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.Fetch;
import org.hibernate.annotations.FetchMode;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** An MoU or PKS between two or more parties, with its scope, period, commitments and lifecycle. */
@Entity
@Table(name = "agreement")
public class Agreement extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String number;

    @Column(nullable = false)
    public String title;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AgreementKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AgreementStatus status;

    @Column(name = "starts_on", nullable = false)
    public LocalDate startsOn;

    @Column(name = "ends_on", nullable = false)
    public LocalDate endsOn;

    @Column(name = "signed_on")
    public LocalDate signedOn;

    @Column(name = "termination_reason")
    public String terminationReason;

    // Loaded with the entity, one select per collection (not joined, which would multiply the rows): a use case's
    // transaction ends before the resource shows the result.
    @ElementCollection(fetch = FetchType.EAGER)
    @Fetch(FetchMode.SELECT)
    @CollectionTable(name = "agreement_party", joinColumns = @JoinColumn(name = "agreement_id"))
    @OrderColumn(name = "position")
    public List<Party> parties = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @Fetch(FetchMode.SELECT)
    @CollectionTable(name = "agreement_signatory", joinColumns = @JoinColumn(name = "agreement_id"))
    @OrderColumn(name = "position")
    public List<Signatory> signatories = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @Fetch(FetchMode.SELECT)
    @CollectionTable(name = "agreement_service", joinColumns = @JoinColumn(name = "agreement_id"))
    @Column(name = "service")
    @Enumerated(EnumType.STRING)
    public Set<AtensiService> services = EnumSet.noneOf(AtensiService.class);

    @ElementCollection(fetch = FetchType.EAGER)
    @Fetch(FetchMode.SELECT)
    @CollectionTable(name = "agreement_cluster", joinColumns = @JoinColumn(name = "agreement_id"))
    @Column(name = "cluster")
    @Enumerated(EnumType.STRING)
    public Set<Cluster> clusters = EnumSet.noneOf(Cluster.class);

    @ElementCollection(fetch = FetchType.EAGER)
    @Fetch(FetchMode.SELECT)
    @CollectionTable(name = "agreement_region", joinColumns = @JoinColumn(name = "agreement_id"))
    @Column(name = "region_code")
    public Set<String> regionCodes = new HashSet<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @Fetch(FetchMode.SELECT)
    @CollectionTable(name = "agreement_service_unit", joinColumns = @JoinColumn(name = "agreement_id"))
    @Column(name = "service_unit_id")
    public Set<UUID> serviceUnitIds = new HashSet<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @Fetch(FetchMode.SELECT)
    @CollectionTable(name = "agreement_commitment", joinColumns = @JoinColumn(name = "agreement_id"))
    @OrderColumn(name = "position")
    public List<Commitment> commitments = new ArrayList<>();

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Version
    public long version;

    public static Optional<Agreement> findByNumber(String number) {
        return find("upper(number) = upper(?1)", number.strip()).firstResultOptional();
    }

    public boolean hasPartnerParty(UUID partnerId) {
        return parties.stream().anyMatch(party -> partnerId.equals(party.partnerId));
    }

    public boolean hasParty(UUID id) {
        return parties.stream().anyMatch(party -> id.equals(party.id()));
    }

    /** The service units the agreement reaches: those that are parties and those in its scope. None makes it national. */
    public Set<UUID> unitIds() {
        Set<UUID> units = new HashSet<>(serviceUnitIds);
        parties.stream().filter(party -> party.serviceUnitId != null).forEach(party -> units.add(party.serviceUnitId));
        return units;
    }

    /**
     * The status as of {@code today} (a date in the ministry's time zone): an agreement in force is EXPIRED from the
     * day after its last day, whether or not the expiry job has recorded that yet. Reads, lists, list filters and
     * transitions all go by this, so none of them can tell another story than the others.
     */
    public AgreementStatus statusOn(LocalDate today) {
        return lapsedOn(today) ? AgreementStatus.EXPIRED : status;
    }

    /** Whether the stored status says "in force" although the period is over: what the expiry job records. */
    public boolean lapsedOn(LocalDate today) {
        return status.inForce() && endsOn.isBefore(today);
    }

    /** The transitions the service accepts on {@code today}; exactly those, so a client can offer them as they are. */
    public List<AgreementStatus> allowedTransitionsOn(LocalDate today) {
        return statusOn(today).requestable();
    }

    public long committedIdr() {
        return Commitment.totalIdr(commitments);
    }
}
