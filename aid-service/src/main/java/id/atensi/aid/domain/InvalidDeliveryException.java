package id.atensi.aid.domain;

/** A delivery report that the distribution's lines cannot take. */
public class InvalidDeliveryException extends RuntimeException {

    /** What is wrong with the report. */
    public enum Reason {
        /** Two quantities for one line. */
        REPEATED_POSITION,
        /** A quantity for a line the distribution does not have. */
        UNKNOWN_POSITION,
        /** More delivered than the line proposed. */
        MORE_THAN_PROPOSED,
        /** Nothing arrived at all: that is a return, not a delivery. */
        NOTHING_DELIVERED
    }

    private final Reason reason;

    public InvalidDeliveryException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
