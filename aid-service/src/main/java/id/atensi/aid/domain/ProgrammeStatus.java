package id.atensi.aid.domain;

/** An open programme takes new distributions; a closed one does not. */
public enum ProgrammeStatus {
    OPEN, CLOSED
}
