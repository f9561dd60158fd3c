package id.atensi.aid.domain;

/** The four-eyes rule: whoever proposed a distribution cannot approve it. */
public class FourEyesException extends RuntimeException {

    public FourEyesException(String message) {
        super(message);
    }
}
