package id.atensi.commons.events;

/** An event that will never apply, however often it is retried: it goes to the dead-letter topic. */
public class PermanentEventFailure extends RuntimeException {

    public PermanentEventFailure(String message) {
        super(message);
    }

    public PermanentEventFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
