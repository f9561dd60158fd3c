package id.atensi.partner.domain;

import java.util.List;

/**
 * An agreement's lifecycle: DRAFT → SIGNED → ACTIVE → EXPIRED or TERMINATED. A signed agreement can
 * also lapse or be terminated before it was ever activated; EXPIRED and TERMINATED are final. Callers ask for
 * SIGNED, ACTIVE and TERMINATED; EXPIRED comes with the calendar alone (see {@link Agreement#statusOn}).
 */
public enum AgreementStatus {
    DRAFT,
    SIGNED,
    ACTIVE,
    EXPIRED,
    TERMINATED;

    public List<AgreementStatus> next() {
        return switch (this) {
            case DRAFT -> List.of(SIGNED);
            case SIGNED -> List.of(ACTIVE, EXPIRED, TERMINATED);
            case ACTIVE -> List.of(EXPIRED, TERMINATED);
            case EXPIRED, TERMINATED -> List.of();
        };
    }

    public boolean canMoveTo(AgreementStatus target) {
        return next().contains(target);
    }

    /** The next statuses a caller can ask for: every one but EXPIRED, which no request brings about. */
    public List<AgreementStatus> requestable() {
        return next().stream().filter(status -> status != EXPIRED).toList();
    }

    /** Still binding on its parties: counted in reports and watched for expiry. */
    public boolean inForce() {
        return this == SIGNED || this == ACTIVE;
    }
}
