package id.atensi.training.service;

import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;

import java.util.List;
import java.util.Map;

/** Optimistic concurrency for updates: the caller's If-Match must name the version it read. */
final class Versions {

    private Versions() {
    }

    static void check(Long expected, long actual, String what) {
        if (expected != null && expected != actual) {
            throw new ProblemException(ProblemCode.PRECONDITION_FAILED,
                    what + " was changed since you read it; read it again and reapply your change", List.of(),
                    Map.of("currentVersion", actual));
        }
    }
}
