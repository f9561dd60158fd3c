package id.atensi.beneficiary.service;

import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;

/** Optimistic concurrency for updates (as partner-service's): the caller names the version it read, and loses if another change came first. */
final class Versions {

    private Versions() {
    }

    static void require(String what, long current, long expected) {
        if (current != expected) {
            throw stale(what);
        }
    }

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
