package id.atensi.aid.domain;

/** A move its lifecycle does not allow from the status an aggregate is in. */
public class IllegalTransitionException extends RuntimeException {

    private final transient Enum<?> current;
    private final transient Enum<?> requested;

    public IllegalTransitionException(Enum<?> current, Enum<?> requested) {
        super(current + " cannot become " + requested);
        this.current = current;
        this.requested = requested;
    }

    public Enum<?> current() {
        return current;
    }

    public Enum<?> requested() {
        return requested;
    }
}
