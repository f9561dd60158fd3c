package id.atensi.commons.rest;

import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;

/**
 * Optimistic concurrency in a service's use case: the version the caller read ({@link ETags}) must still be the
 * entity's {@code @Version}, and a concurrent commit that slipped in between loses at flush. Both answer 412.
 */
public final class Versions {

    private Versions() {
    }

    /** @param expected the version from If-Match, or null where If-Match is optional and was not sent */
    public static void require(String what, long current, Long expected) {
        if (expected != null && expected == ETags.ANY_VERSION) {
            throw new ProblemException(ProblemCode.PRECONDITION_REQUIRED,
                    "If-Match: * names no version; send the ETag of the " + what + " you read, so that a concurrent change is not overwritten");
        }
        if (expected != null && expected == ETags.NO_VERSION_OF_OURS) {
            throw new ProblemException(ProblemCode.PRECONDITION_FAILED,
                    "If-Match is not an ETag this service issued for the " + what + "; read it and send back its ETag");
        }
        if (expected != null && current != expected) {
            throw stale(what);
        }
    }

    public static void flush(EntityManager entityManager, String what) {
        try {
            entityManager.flush();
        } catch (OptimisticLockException e) {
            throw stale(what);
        }
    }

    private static ProblemException stale(String what) {
        return new ProblemException(ProblemCode.PRECONDITION_FAILED,
                "the " + what + " changed since you read it; read it again and repeat the change on the current version");
    }
}
