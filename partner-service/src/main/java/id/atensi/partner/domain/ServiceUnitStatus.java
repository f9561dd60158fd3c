package id.atensi.partner.domain;

import java.util.List;

/** Whether a unit takes new residents, classes and distributions: ACTIVE ⇄ INACTIVE, both ways, any number of times. */
public enum ServiceUnitStatus {
    ACTIVE,
    INACTIVE;

    public List<ServiceUnitStatus> allowedTransitions() {
        return switch (this) {
            case ACTIVE -> List.of(INACTIVE);
            case INACTIVE -> List.of(ACTIVE);
        };
    }
}
