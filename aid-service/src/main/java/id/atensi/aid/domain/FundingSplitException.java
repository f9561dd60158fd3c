package id.atensi.aid.domain;

/** A proposal's explicit split that its programme cannot take, whatever its budget. */
public class FundingSplitException extends RuntimeException {

    /** What is wrong with the split. */
    public enum Reason {
        /** A share names a source that is not one of the programme's. */
        UNKNOWN_SOURCE,
        /** Two shares name the same source. */
        REPEATED_SOURCE,
        /** The shares do not add up to the distribution's total. */
        SUM_MISMATCH
    }

    private final Reason reason;
    private final int index;

    public FundingSplitException(Reason reason, int index, String message) {
        super(message);
        this.reason = reason;
        this.index = index;
    }

    public Reason reason() {
        return reason;
    }

    /** The position of the offending share in the request; -1 when the split as a whole is wrong. */
    public int index() {
        return index;
    }
}
