package id.atensi.aid.domain;

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
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Aid given from one or more of a programme's funding sources (its {@link DistributionShare}s) to a person, household
 * or community group, with its proof of delivery.
 */
@Entity
@Table(name = "distribution")
public class Distribution extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "programme_id", nullable = false)
    public UUID programmeId;

    /** EXPLICIT: its shares were named when proposed; POOL: they are drawn from the programme's sources on approval. */
    @Enumerated(EnumType.STRING)
    @Column(name = "funding_mode", nullable = false)
    public FundingMode fundingMode;

    @Enumerated(EnumType.STRING)
    @Column(name = "recipient_kind", nullable = false)
    public RecipientKind recipientKind;

    @Column(name = "recipient_id", nullable = false)
    public UUID recipientId;

    @Column(name = "recipient_verified", nullable = false)
    public boolean recipientVerified;

    @Column(name = "channelling_partner_id")
    public UUID channellingPartnerId;

    @Column(name = "channelling_partner_verified", nullable = false)
    public boolean channellingPartnerVerified;

    /** The service unit whose officers run it: the recipient's, else the proposing officer's; none means admins only. */
    @Column(name = "service_unit_id")
    public UUID serviceUnitId;

    /** The recipient's region when the distribution was proposed, for the totals by region. */
    @Column(name = "province_code")
    public String provinceCode;

    @Column(name = "regency_code")
    public String regencyCode;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DistributionStatus status;

    @Column(name = "total_idr", nullable = false)
    public long totalIdr;

    @Column(name = "delivered_idr", nullable = false)
    public long deliveredIdr;

    public String note;

    @Column(name = "duplicate_override_reason")
    public String duplicateOverrideReason;

    @Column(name = "duplicate_override_by")
    public String duplicateOverrideBy;

    @Column(name = "proposed_by", nullable = false)
    public String proposedBy;

    @Column(name = "proposed_at", nullable = false)
    public OffsetDateTime proposedAt;

    @Column(name = "approved_by")
    public String approvedBy;

    @Column(name = "approved_at")
    public OffsetDateTime approvedAt;

    @Column(name = "dispatched_at")
    public OffsetDateTime dispatchedAt;

    @Column(name = "closed_at")
    public OffsetDateTime closedAt;

    @Column(name = "close_reason")
    public String closeReason;

    @Column(name = "proof_received_by")
    public String proofReceivedBy;

    @Column(name = "proof_received_at")
    public OffsetDateTime proofReceivedAt;

    @Column(name = "proof_place")
    public String proofPlace;

    @Column(name = "proof_latitude")
    public Double proofLatitude;

    @Column(name = "proof_longitude")
    public Double proofLongitude;

    @Column(name = "proof_file_reference")
    public String proofFileReference;

    @Column(name = "proof_file_sha256")
    public String proofFileSha256;

    @Column(name = "proof_recorded_by")
    public String proofRecordedBy;

    /** Optimistic locking: Hibernate moves it on every change, and the ETag is this. */
    @Version
    @Column(nullable = false)
    public long version;

    /**
     * The statuses it can move to now: its lifecycle's, less APPROVED while its programme could not approve it (closed,
     * past its period, or the budget does not hold its total). Whether a caller may make a move is its role's and scope's.
     *
     * @param shares its explicit shares (ignored for the pool)
     */
    public Set<DistributionStatus> allowedTransitions(Programme programme, List<FundingSource> sources, List<Share> shares, LocalDate today) {
        Set<DistributionStatus> next = status.next();
        if (next.contains(DistributionStatus.APPROVED) && !approvable(programme, sources, shares, today)) {
            next.remove(DistributionStatus.APPROVED);
        }
        return next;
    }

    private boolean approvable(Programme programme, List<FundingSource> sources, List<Share> shares, LocalDate today) {
        if (!programme.id.equals(programmeId)) {
            throw new IllegalArgumentException("distribution " + id + " is not of programme " + programme.id);
        }
        return programme.takesDistributions(today)
                && programme.shortfall(sources, totalIdr, fundingMode == FundingMode.POOL ? null : shares).isEmpty();
    }
}
