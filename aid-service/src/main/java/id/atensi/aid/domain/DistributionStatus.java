package id.atensi.aid.domain;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The lifecycle of a distribution: PROPOSED → APPROVED → DISPATCHED → DELIVERED, or PARTIALLY_DELIVERED,
 * RETURNED (after dispatch) and CANCELLED (before dispatch). The last four are final.
 */
public enum DistributionStatus {
    PROPOSED, APPROVED, DISPATCHED, DELIVERED, PARTIALLY_DELIVERED, RETURNED, CANCELLED;

    /** The statuses this one may move to. */
    public Set<DistributionStatus> next() {
        return switch (this) {
            case PROPOSED -> EnumSet.of(APPROVED, CANCELLED);
            case APPROVED -> EnumSet.of(DISPATCHED, CANCELLED);
            case DISPATCHED -> EnumSet.of(DELIVERED, PARTIALLY_DELIVERED, RETURNED);
            default -> EnumSet.noneOf(DistributionStatus.class);
        };
    }

    /** Whether it awaits approval: its amount is proposed, not yet reserved on any funding source. */
    public boolean awaitsApproval() {
        return this == PROPOSED;
    }

    /** Whether this distribution holds budget: approved and not released again (delivered ones what was delivered). */
    public boolean reservesBudget() {
        return this == APPROVED || this == DISPATCHED || delivered();
    }

    /** Whether it reached its recipient, wholly or in part: it then holds, and has paid for, what was delivered. */
    public boolean delivered() {
        return this == DELIVERED || this == PARTIALLY_DELIVERED;
    }

    /** Whether the aid went, or is going, to the recipient (what the duplicate guard counts). */
    public boolean counts() {
        return this != CANCELLED && this != RETURNED;
    }

    /** The statuses of which {@code rule} holds, for a query that must say the same as these methods. */
    public static Set<DistributionStatus> where(Predicate<DistributionStatus> rule) {
        Set<DistributionStatus> matching = EnumSet.noneOf(DistributionStatus.class);
        for (DistributionStatus status : values()) {
            if (rule.test(status)) {
                matching.add(status);
            }
        }
        return matching;
    }
}
