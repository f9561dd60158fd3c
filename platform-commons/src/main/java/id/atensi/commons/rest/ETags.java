package id.atensi.commons.rest;

import jakarta.ws.rs.core.EntityTag;

/**
 * Optimistic concurrency over HTTP: the ETag is the record's version, and a change sends it back in
 * {@code If-Match}. Without it a change is refused (428), so that no client overwrites blindly.
 */
public final class ETags {

    private ETags() {
    }

    public static EntityTag of(long version) {
        return new EntityTag(Long.toString(version));
    }

    /** @return the version the caller read, from {@code If-Match: "3"}; 428 when the header is missing */
    public static long required(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(ProblemCode.PRECONDITION_REQUIRED,
                    "send If-Match with the ETag of the version you read, so that a concurrent change is not overwritten");
        }
        return parse(ifMatch);
    }

    /** @return the version the caller read, or {@code null} where If-Match is optional and absent */
    public static Long optional(String ifMatch) {
        return ifMatch == null || ifMatch.isBlank() ? null : parse(ifMatch);
    }

    /** A value that is no version of ours can never match: the precondition fails (412), not the syntax. */
    private static long parse(String ifMatch) {
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw new ProblemException(ProblemCode.PRECONDITION_FAILED, "If-Match " + ifMatch + " is not an ETag this service issued");
        }
    }
}
