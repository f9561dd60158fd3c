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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * An aid programme and its budget in rupiah over its funding sources (the aggregate: the programme row and its
 * {@link FundingSource} rows, changed together under the programme's row lock). {@code committedIdr} is what approved
 * distributions hold (delivered ones at their delivered amount), {@code deliveredIdr} what reached the recipients;
 * remaining = budget − committed. The same three per funding source, and the programme's are their sums.
 * <p>
 * The money rules are here, exact to the rupiah: a distribution draws on one or more sources (its shares); an explicit
 * split names them, the pool draws on the sources in their order (position), each giving what it has left until the
 * total is reached. Delivery fills the shares in their order; what was not delivered goes back from the last share
 * first. Every comparison is against what remains (never negative), so no sum beyond a source's amount is ever formed.
 */
@Entity
@Table(name = "programme")
public class Programme extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ProgrammeKind kind;

    @Column(name = "period_start", nullable = false)
    public LocalDate periodStart;

    @Column(name = "period_end", nullable = false)
    public LocalDate periodEnd;

    /** OPEN or CLOSED as recorded; {@link #statusOn} is what it is on a given day. */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ProgrammeStatus status;

    @Column(name = "budget_idr", nullable = false)
    public long budgetIdr;

    @Column(name = "committed_idr", nullable = false)
    public long committedIdr;

    @Column(name = "delivered_idr", nullable = false)
    public long deliveredIdr;

    /** Optimistic locking: Hibernate moves it on every change, and the ETag is this. */
    @Version
    @Column(nullable = false)
    public long version;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "closed_at")
    public OffsetDateTime closedAt;

    public long remainingIdr() {
        return budgetIdr - committedIdr;
    }

    /** The status on {@code today}: an open programme whose period is over is ENDED, whether or not anyone closed it. */
    public ProgrammeStatus statusOn(LocalDate today) {
        return status == ProgrammeStatus.OPEN && today.isAfter(periodEnd) ? ProgrammeStatus.ENDED : status;
    }

    /** Whether it takes new proposals and approvals on {@code today}: only while open and within its period's end. */
    public boolean takesDistributions(LocalDate today) {
        return statusOn(today) == ProgrammeStatus.OPEN;
    }

    /** An admin may close it once, open or ended. */
    public Set<ProgrammeStatus> allowedTransitionsOn(LocalDate today) {
        return statusOn(today) == ProgrammeStatus.CLOSED ? EnumSet.noneOf(ProgrammeStatus.class) : EnumSet.of(ProgrammeStatus.CLOSED);
    }

    /** @throws ProgrammeNotOpenException when it takes no new proposals or approvals on {@code today} */
    public void requireTakesDistributions(LocalDate today) {
        if (!takesDistributions(today)) {
            throw new ProgrammeNotOpenException(statusOn(today), periodEnd);
        }
    }

    /**
     * Closes it: it takes no new proposals or approvals, and distributions under way go on.
     *
     * @throws IllegalTransitionException when it is closed already
     */
    public void close(LocalDate today, OffsetDateTime at) {
        if (!allowedTransitionsOn(today).contains(ProgrammeStatus.CLOSED)) {
            throw new IllegalTransitionException(statusOn(today), ProgrammeStatus.CLOSED);
        }
        status = ProgrammeStatus.CLOSED;
        closedAt = at;
    }

    /**
     * Checks a proposal's explicit split: each share names one of this programme's sources, each source once, and the
     * shares add up exactly to the distribution's total. Proposals are not held to the budget: that is the approval's.
     *
     * @return the shares, in the order given (their positions)
     */
    public List<Share> split(List<FundingSource> sources, long amountIdr, List<Share> requested) {
        Map<UUID, FundingSource> byId = own(sources);
        Set<UUID> named = new HashSet<>();
        long sum = 0;
        boolean overflow = false;
        for (int i = 0; i < requested.size(); i++) {
            Share share = requested.get(i);
            if (!byId.containsKey(share.fundingSourceId())) {
                throw new FundingSplitException(FundingSplitException.Reason.UNKNOWN_SOURCE, i,
                        "funding source " + share.fundingSourceId() + " is not one of programme " + id);
            }
            if (!named.add(share.fundingSourceId())) {
                throw new FundingSplitException(FundingSplitException.Reason.REPEATED_SOURCE, i,
                        "funding source " + share.fundingSourceId() + " is named twice");
            }
            if (share.amountIdr() <= 0) {
                throw new IllegalArgumentException("a share is at least 1 rupiah: " + share);
            }
            try {
                sum = Math.addExact(sum, share.amountIdr());
            } catch (ArithmeticException e) {
                overflow = true;
            }
        }
        if (overflow || sum != amountIdr) {
            throw new FundingSplitException(FundingSplitException.Reason.SUM_MISMATCH, -1, "the shares add up to "
                    + (overflow ? "more than Rp " + Long.MAX_VALUE : "Rp " + sum) + ", not to the distribution's total of Rp " + amountIdr);
        }
        return List.copyOf(requested);
    }

    /**
     * Why a distribution of {@code amountIdr} would not fit now, if it would not: with {@code requested} shares (an
     * explicit split) each must fit what its source has left; without ({@code null}: the pool) the total must fit what
     * the programme's sources have left together.
     */
    public Optional<BudgetShortfall> shortfall(List<FundingSource> sources, long amountIdr, List<Share> requested) {
        Map<UUID, FundingSource> byId = own(sources);
        if (requested == null) {
            long remaining = 0;
            for (FundingSource source : sources) {
                remaining += source.remainingIdr(); // at most the budget, itself an exact sum
            }
            return amountIdr <= remaining ? Optional.empty()
                    : Optional.of(new BudgetShortfall(amountIdr, remaining, amountIdr - remaining, List.of()));
        }
        List<BudgetShortfall.SourceShortfall> unpaid = new ArrayList<>();
        long remaining = 0;
        long shortfall = 0;
        for (Share share : requested) {
            FundingSource source = source(byId, share);
            remaining += source.remainingIdr();
            if (share.amountIdr() > source.remainingIdr()) {
                long missing = share.amountIdr() - source.remainingIdr();
                shortfall += missing; // at most the sum of the shares, the distribution's total
                unpaid.add(new BudgetShortfall.SourceShortfall(source.id, share.amountIdr(), source.remainingIdr(), missing));
            }
        }
        return unpaid.isEmpty() ? Optional.empty() : Optional.of(new BudgetShortfall(amountIdr, remaining, shortfall, List.copyOf(unpaid)));
    }

    /**
     * Reserves a distribution's total on its funding sources: the {@code requested} shares, or ({@code null}) drawn from
     * the pool, sources in order, each giving what it has left until the total is reached.
     *
     * @return the shares reserved, in the order drawn
     * @throws BudgetExceededException when it does not fit; nothing is changed then
     */
    public List<Share> reserve(List<FundingSource> sources, long amountIdr, List<Share> requested) {
        if (amountIdr <= 0) {
            throw new IllegalArgumentException("a distribution is at least 1 rupiah");
        }
        if (requested != null && total(requested) != amountIdr) {
            throw new IllegalArgumentException("shares of Rp " + total(requested) + " for a distribution of Rp " + amountIdr);
        }
        Optional<BudgetShortfall> shortfall = shortfall(sources, amountIdr, requested);
        if (shortfall.isPresent()) {
            throw new BudgetExceededException(shortfall.get());
        }
        Map<UUID, FundingSource> byId = own(sources);
        List<Share> shares = requested != null ? List.copyOf(requested) : drawFromPool(sources, amountIdr);
        for (Share share : shares) {
            FundingSource source = source(byId, share);
            source.committedIdr = Math.addExact(source.committedIdr, share.amountIdr());
        }
        committedIdr = Math.addExact(committedIdr, amountIdr);
        return shares;
    }

    private static List<Share> drawFromPool(List<FundingSource> sources, long amountIdr) {
        List<Share> shares = new ArrayList<>();
        long left = amountIdr;
        for (FundingSource source : inOrder(sources)) {
            long take = Math.min(left, source.remainingIdr());
            if (take > 0) {
                shares.add(new Share(source.id, take));
                left -= take;
            }
            if (left == 0) {
                break;
            }
        }
        return List.copyOf(shares);
    }

    /**
     * Records a delivery of {@code deliveredIdr} of a distribution that reserved {@code reserved}: the delivered value
     * fills the shares in their order, so that what was not delivered goes back from the last share first; each source's
     * committed amount keeps what it paid for, which also counts as delivered.
     *
     * @return per share: what it paid for and what went back
     */
    public List<Settlement> deliver(List<FundingSource> sources, List<Share> reserved, long deliveredIdr) {
        long total = total(reserved);
        if (deliveredIdr <= 0 || deliveredIdr > total) {
            throw new IllegalArgumentException("a delivery of Rp " + deliveredIdr + " is not within the reserved Rp 1.." + total);
        }
        return settle(sources, reserved, deliveredIdr);
    }

    /** Gives every share of a cancelled or returned distribution back to its source. */
    public List<Settlement> release(List<FundingSource> sources, List<Share> reserved) {
        return settle(sources, reserved, 0);
    }

    private List<Settlement> settle(List<FundingSource> sources, List<Share> reserved, long deliveredTotal) {
        Map<UUID, FundingSource> byId = own(sources);
        for (Share share : reserved) {
            FundingSource source = source(byId, share);
            if (share.amountIdr() > source.committedIdr) {
                throw new IllegalStateException("funding source " + source.id + " holds Rp " + source.committedIdr
                        + ", less than the share of Rp " + share.amountIdr() + " it is asked to settle");
            }
        }
        List<Settlement> settlements = new ArrayList<>();
        long toDeliver = deliveredTotal;
        long released = 0;
        for (Share share : reserved) {
            FundingSource source = source(byId, share);
            long delivered = Math.min(share.amountIdr(), toDeliver);
            toDeliver -= delivered;
            long back = share.amountIdr() - delivered;
            source.committedIdr -= back;
            source.deliveredIdr = Math.addExact(source.deliveredIdr, delivered);
            released += back;
            settlements.add(new Settlement(source.id, share.amountIdr(), delivered, back));
        }
        committedIdr -= released;
        deliveredIdr = Math.addExact(deliveredIdr, deliveredTotal);
        return List.copyOf(settlements);
    }

    private static long total(List<Share> shares) {
        long total = 0;
        for (Share share : shares) {
            total = Math.addExact(total, share.amountIdr());
        }
        return total;
    }

    private Map<UUID, FundingSource> own(List<FundingSource> sources) {
        Map<UUID, FundingSource> byId = new HashMap<>();
        for (FundingSource source : sources) {
            if (!id.equals(source.programmeId)) {
                throw new IllegalArgumentException("funding source " + source.id + " belongs to programme " + source.programmeId + ", not " + id);
            }
            byId.put(source.id, source);
        }
        return byId;
    }

    private FundingSource source(Map<UUID, FundingSource> byId, Share share) {
        FundingSource source = byId.get(share.fundingSourceId());
        if (source == null) {
            throw new IllegalArgumentException("funding source " + share.fundingSourceId() + " is not one of programme " + id);
        }
        return source;
    }

    private static List<FundingSource> inOrder(List<FundingSource> sources) {
        return sources.stream().sorted(Comparator.comparingInt(source -> source.position)).toList();
    }
}
