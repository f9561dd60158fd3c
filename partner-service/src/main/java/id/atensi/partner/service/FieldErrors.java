package id.atensi.partner.service;

import id.atensi.commons.rest.Problem;
import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Collects every rule a request breaks, so that the caller learns all of them in one answer. */
final class FieldErrors {

    private final List<Problem.FieldError> errors = new ArrayList<>();

    FieldErrors add(String field, String message) {
        errors.add(new Problem.FieldError(field, message));
        return this;
    }

    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemCode.VALIDATION, "the request has invalid fields", errors, Map.of());
        }
    }
}
