package id.atensi.training.domain;

import java.util.EnumSet;
import java.util.Set;

/** The lifecycle of a class: PLANNED → OPEN → RUNNING → COMPLETED, or CANCELLED before it completes. */
public enum ClassStatus {
    PLANNED,
    OPEN,
    RUNNING,
    COMPLETED,
    CANCELLED;

    public Set<ClassStatus> next() {
        return switch (this) {
            case PLANNED -> EnumSet.of(OPEN, CANCELLED);
            case OPEN -> EnumSet.of(RUNNING, CANCELLED);
            case RUNNING -> EnumSet.of(COMPLETED, CANCELLED);
            case COMPLETED, CANCELLED -> EnumSet.noneOf(ClassStatus.class);
        };
    }

    public boolean canBecome(ClassStatus target) {
        return next().contains(target);
    }

    /**
     * The transitions a class in this status accepts, given the two facts besides its status that decide them: a class
     * opens only while its host unit is open, and completes only with at least one session. What a read offers and
     * what a transition accepts both come from here, so they cannot disagree.
     */
    public Set<ClassStatus> allowed(boolean hostOpen, boolean hasSessions) {
        Set<ClassStatus> allowed = next();
        if (!hostOpen) {
            allowed.remove(OPEN);
        }
        if (!hasSessions) {
            allowed.remove(COMPLETED);
        }
        return allowed;
    }

    /** Late joiners are taken while a class runs, as the Balai classes do; not before it opens or after it ends. */
    public boolean takesEnrolments() {
        return this == OPEN || this == RUNNING;
    }
}
