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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
     * The transitions below refuse by the same rule.
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
        requireOf(programme);
        return programme.takesDistributions(today)
                && programme.shortfall(sources, totalIdr, fundingMode == FundingMode.POOL ? null : shares).isEmpty();
    }

    /**
     * Approves it: reserves its total on its programme's funding sources, its named shares or (the pool) drawn in the
     * sources' order. Refused when its lifecycle does not allow it, by its proposer (four eyes), in a programme that
     * takes no approvals, or beyond the budget; nothing changes then.
     *
     * @param shares its explicit shares (ignored for the pool)
     * @return the shares reserved, in the order drawn
     */
    public List<Share> approve(Programme programme, List<FundingSource> sources, List<Share> shares, String approver, LocalDate today,
                               OffsetDateTime at) {
        requireOf(programme);
        requireLifecycleAllows(DistributionStatus.APPROVED);
        if (proposedBy.equals(approver)) {
            throw new FourEyesException("the approver cannot be the proposer of distribution " + id);
        }
        programme.requireTakesDistributions(today);
        List<Share> reserved = programme.reserve(sources, totalIdr, fundingMode == FundingMode.POOL ? null : shares);
        status = DistributionStatus.APPROVED;
        approvedBy = approver;
        approvedAt = at;
        return reserved;
    }

    public void dispatch(OffsetDateTime at) {
        requireLifecycleAllows(DistributionStatus.DISPATCHED);
        status = DistributionStatus.DISPATCHED;
        dispatchedAt = at;
    }

    /**
     * Records what reached the recipient, with proof: every line whole unless {@code reported} says fewer arrived (then
     * PARTIALLY_DELIVERED). The delivered value fills the shares in their order and the rest goes back to their sources
     * (see {@link Programme#deliver}).
     *
     * @param lines    its lines, whose delivered quantities this sets
     * @param shares   its shares, whose delivered amounts this sets
     * @param reported the quantities that arrived, by line position; empty when everything did
     * @return per share: what it paid for and what went back
     */
    public List<Settlement> deliver(Programme programme, List<FundingSource> sources, List<DistributionLine> lines, List<DistributionShare> shares,
                                    List<DeliveredQuantity> reported, Proof proof, String recordedBy, OffsetDateTime at) {
        requireOf(programme);
        requireLifecycleAllows(DistributionStatus.DELIVERED);
        Map<Integer, Long> quantities = new LinkedHashMap<>();
        for (DeliveredQuantity line : reported) {
            if (quantities.put(line.position(), line.quantity()) != null) {
                throw new InvalidDeliveryException(InvalidDeliveryException.Reason.REPEATED_POSITION, "name each position once");
            }
        }
        long delivered = 0;
        boolean partial = false;
        for (DistributionLine line : lines) {
            long quantity = quantities.getOrDefault(line.position, line.quantity);
            quantities.remove(line.position);
            if (quantity > line.quantity) {
                throw new InvalidDeliveryException(InvalidDeliveryException.Reason.MORE_THAN_PROPOSED,
                        "position " + line.position + " delivers more than its " + line.quantity);
            }
            partial |= quantity < line.quantity;
            line.deliveredQuantity = quantity;
            delivered = Math.addExact(delivered, Math.multiplyExact(line.unitValueIdr, quantity)); // at most the exact total
        }
        if (!quantities.isEmpty()) {
            throw new InvalidDeliveryException(InvalidDeliveryException.Reason.UNKNOWN_POSITION,
                    "no line at position " + quantities.keySet().iterator().next());
        }
        if (delivered == 0) {
            throw new InvalidDeliveryException(InvalidDeliveryException.Reason.NOTHING_DELIVERED, "nothing was delivered: record a return instead");
        }
        List<Settlement> settled = programme.deliver(sources, shares.stream().map(DistributionShare::share).toList(), delivered);
        for (int i = 0; i < shares.size(); i++) {
            shares.get(i).deliveredIdr = settled.get(i).deliveredIdr();
        }
        status = partial ? DistributionStatus.PARTIALLY_DELIVERED : DistributionStatus.DELIVERED;
        deliveredIdr = delivered;
        closedAt = at;
        proofReceivedBy = proof.receivedBy();
        proofReceivedAt = proof.receivedAt();
        proofPlace = proof.place();
        proofLatitude = proof.latitude();
        proofLongitude = proof.longitude();
        proofFileReference = proof.fileReference();
        proofFileSha256 = proof.fileSha256();
        proofRecordedBy = recordedBy;
        return settled;
    }

    /**
     * Cancels it before dispatch, or records that it came back after ({@code outcome} CANCELLED or RETURNED): whatever
     * it reserved goes back to its funding sources.
     *
     * @return per share: what went back; empty when nothing was reserved
     */
    public List<Settlement> close(DistributionStatus outcome, Programme programme, List<FundingSource> sources, List<Share> shares,
                                  String reason, OffsetDateTime at) {
        if (outcome != DistributionStatus.CANCELLED && outcome != DistributionStatus.RETURNED) {
            throw new IllegalArgumentException("a distribution is closed as CANCELLED or RETURNED, not " + outcome);
        }
        requireOf(programme);
        requireLifecycleAllows(outcome);
        List<Settlement> settled = status.reservesBudget() ? programme.release(sources, shares) : List.of();
        status = outcome;
        closeReason = reason;
        closedAt = at;
        return settled;
    }

    private void requireLifecycleAllows(DistributionStatus requested) {
        if (!status.next().contains(requested)) {
            throw new IllegalTransitionException(status, requested);
        }
    }

    private void requireOf(Programme programme) {
        if (!programme.id.equals(programmeId)) {
            throw new IllegalArgumentException("distribution " + id + " is not of programme " + programme.id);
        }
    }
}
