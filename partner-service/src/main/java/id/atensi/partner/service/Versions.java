package id.atensi.partner.service;

import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;

/** Optimistic concurrency for updates: the caller names the version it read, and loses if another change came first. */
final class Versions {

    private Versions() {
    }

    /** @param expected the version the caller read; null where If-Match is optional and was not sent */
    static void require(String what, long current, Long expected) {
        if (expected != null && current != expected) {
            throw stale(what);
        }
    }

    /** Writes now, so that a concurrent change is reported as stale and the response carries the new version. */
    static void flush(EntityManager entityManager, String what) {
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
