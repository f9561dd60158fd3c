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

    /**
     * The statuses a case of this status may be moved to on request; a request for any other is refused. ASSESSED is
     * not among them: only recording an assessment makes a REGISTERED case ASSESSED, so a list that offered it would
     * offer a move no request can make.
     */
    public Set<BeneficiaryStatus> allowedTransitions() {
        return switch (this) {
            case REGISTERED -> EnumSet.of(TERMINATED);
            case ASSESSED -> EnumSet.of(ACTIVE, TERMINATED);
            case ACTIVE -> EnumSet.of(GRADUATED, TERMINATED);
            case GRADUATED, TERMINATED -> EnumSet.noneOf(BeneficiaryStatus.class);
        };
    }
}
