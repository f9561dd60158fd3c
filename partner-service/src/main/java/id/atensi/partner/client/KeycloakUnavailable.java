package id.atensi.partner.client;

import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;

/** Keycloak did not answer, or answered with a failure: nothing was changed, and the call can be repeated. */
public class KeycloakUnavailable extends ProblemException {

    /** Keycloak restarts in about 20 s; a caller that waits 10 s and retries usually finds it back. */
    static final int RETRY_AFTER_SECONDS = 10;

    KeycloakUnavailable(String detail, Throwable cause) {
        super(ProblemCode.UNAVAILABLE, detail);
        initCause(cause);
    }
}
