package id.atensi.outbound;

/** A URL the platform will not send to: its scheme, its form, or an address its host resolves to. */
public class TargetRefusedException extends Exception {

    public TargetRefusedException(String message) {
        super(message);
    }
}
