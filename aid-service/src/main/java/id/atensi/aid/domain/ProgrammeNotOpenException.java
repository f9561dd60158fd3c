package id.atensi.aid.domain;

import java.time.LocalDate;

/** A programme closed, or past its period, takes no new proposals or approvals. */
public class ProgrammeNotOpenException extends RuntimeException {

    private final transient ProgrammeStatus status;
    private final transient LocalDate periodEnd;

    public ProgrammeNotOpenException(ProgrammeStatus status, LocalDate periodEnd) {
        super(status == ProgrammeStatus.CLOSED ? "the programme is closed" : "the programme ended on " + periodEnd + " and takes no new distributions");
        this.status = status;
        this.periodEnd = periodEnd;
    }

    /** CLOSED or ENDED. */
    public ProgrammeStatus status() {
        return status;
    }

    public LocalDate periodEnd() {
        return periodEnd;
    }
}
