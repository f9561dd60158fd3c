package id.atensi.beneficiary.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a person stands in the case workflow: REGISTERED → ASSESSED → ACTIVE (designated Penerima Manfaat by a
 * decision) → GRADUATED (self-reliant) or TERMINATED (with a reason, from any open status).
 */
public enum BeneficiaryStatus {
    REGISTERED,
    ASSESSED,
    ACTIVE,
    GRADUATED,
    TERMINATED;

    /** The statuses a case of this status may move to; a move to any other is refused. */
    public Set<BeneficiaryStatus> allowedTransitions() {
        return switch (this) {
            case REGISTERED -> EnumSet.of(ASSESSED, TERMINATED);
            case ASSESSED -> EnumSet.of(ACTIVE, TERMINATED);
            case ACTIVE -> EnumSet.of(GRADUATED, TERMINATED);
            case GRADUATED, TERMINATED -> EnumSet.noneOf(BeneficiaryStatus.class);
        };
    }
}
