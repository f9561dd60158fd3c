package id.atensi.commons.rest;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A failure of a use case that the caller must see as a problem: not found, conflict, unprocessable…
 * {@code properties} are extra members of the problem (for a duplicate, the existing record's id).
 */
public class ProblemException extends RuntimeException {

    /** RFC 9457's members and the platform's own: an extra property must not take one of these names. */
    private static final Set<String> STANDARD_MEMBERS = Set.of("type", "title", "status", "detail", "instance", "code", "requestId", "errors");

    private final ProblemCode code;
    private final List<Problem.FieldError> fieldErrors;
    private final Map<String, Object> properties;
    private Integer retryAfterSeconds;

    public ProblemException(ProblemCode code, String detail) {
        this(code, detail, List.of(), Map.of());
    }

    public ProblemException(ProblemCode code, String detail, List<Problem.FieldError> fieldErrors, Map<String, Object> properties) {
        super(detail);
        for (String member : STANDARD_MEMBERS) {
            if (properties.containsKey(member)) {
                throw new IllegalArgumentException("problem property '" + member + "' would replace the problem's own member");
            }
        }
        this.code = code;
        this.fieldErrors = List.copyOf(fieldErrors);
        this.properties = Map.copyOf(properties);
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(ProblemCode.NOT_FOUND, what + " " + id + " does not exist");
    }

    /**
     * The one shape of a refused state change, in every service: 409 with the state the object is in, the one asked
     * for, and the transitions it allows now (the same list its representation shows as {@code allowedTransitions}).
     */
    public static ProblemException illegalTransition(String what, Enum<?> current, Enum<?> requested, Collection<? extends Enum<?>> allowed) {
        String detail = allowed.isEmpty()
                ? what + " is " + current + " and can no longer change"
                : what + " is " + current + ": it cannot become " + requested + " (it can become " + allowed.stream().map(Enum::name)
                        .collect(Collectors.joining(", ")) + ")";
        return new ProblemException(ProblemCode.CONFLICT, detail, List.of(), Map.of(
                "currentStatus", current.name(),
                "requestedStatus", requested.name(),
                "allowedTransitions", allowed.stream().map(Enum::name).toList()));
    }

    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(ProblemCode.VALIDATION, "the request has invalid fields",
                List.of(new Problem.FieldError(field, message)), Map.of());
    }

    /** 503 with {@code Retry-After}: the same request is expected to succeed after that many seconds. */
    public static ProblemException unavailable(String detail, int retryAfterSeconds) {
        ProblemException unavailable = new ProblemException(ProblemCode.UNAVAILABLE, detail);
        unavailable.retryAfterSeconds = retryAfterSeconds;
        return unavailable;
    }

    public ProblemCode code() {
        return code;
    }

    public List<Problem.FieldError> fieldErrors() {
        return fieldErrors;
    }

    public Map<String, Object> properties() {
        return properties;
    }

    public OptionalInt retryAfterSeconds() {
        return retryAfterSeconds == null ? OptionalInt.empty() : OptionalInt.of(retryAfterSeconds);
    }
}
