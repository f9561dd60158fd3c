package id.atensi.aid.domain;

/**
 * An open programme takes new distributions; an ended or closed one does not, and distributions under way go on.
 * ENDED is never stored: an OPEN programme reads ENDED from the day after its period's end, at the moment it is read.
 */
public enum ProgrammeStatus {
    OPEN, ENDED, CLOSED
}
