package id.atensi.aid.domain;

import java.util.EnumSet;
import java.util.Set;

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

    /** Whether this distribution holds budget: approved and not released again. */
    public boolean reservesBudget() {
        return this == APPROVED || this == DISPATCHED || this == DELIVERED || this == PARTIALLY_DELIVERED;
    }

    /** Whether the aid went, or is going, to the recipient (what the duplicate guard counts). */
    public boolean counts() {
        return this != CANCELLED && this != RETURNED;
    }
}
