package id.atensi.commons.rest;

import jakarta.ws.rs.core.EntityTag;

/**
 * Optimistic concurrency over HTTP: the ETag is the record's version, and a change sends it back in
 * {@code If-Match}. Without it a change is refused (428), so that no client overwrites blindly.
 */
public final class ETags {

    /**
     * What a tag this service never issued reads as: no record has this version, so the precondition fails (412) in
     * {@link Versions#require}, after the record was looked up. An unknown record is 404 whatever If-Match says
     * (RFC 9110, 13.2.1: preconditions are ignored where the answer without them would not be 2xx).
     */
    public static final long NO_VERSION_OF_OURS = -1;

    private static final String ANY = "*";

    private ETags() {
    }

    public static EntityTag of(long version) {
        return new EntityTag(Long.toString(version));
    }

    /**
     * @return the version the caller read, from {@code If-Match: "3"}; 428 when the header is missing, or is {@code *},
     *         which names no version and so would overwrite whatever a concurrent change left
     */
    public static long required(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(ProblemCode.PRECONDITION_REQUIRED,
                    "send If-Match with the ETag of the version you read, so that a concurrent change is not overwritten");
        }
        if (ifMatch.strip().equals(ANY)) {
            throw new ProblemException(ProblemCode.PRECONDITION_REQUIRED,
                    "If-Match: * names no version; send the ETag of the version you read, so that a concurrent change is not overwritten");
        }
        return parse(ifMatch);
    }

    /**
     * @return the version the caller read, or {@code null} (any version) where If-Match is optional and absent or
     *         {@code *}
     */
    public static Long optional(String ifMatch) {
        return ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals(ANY) ? null : parse(ifMatch);
    }

    private static long parse(String ifMatch) {
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            long version = Long.parseLong(tag);
            return version < 0 ? NO_VERSION_OF_OURS : version;
        } catch (NumberFormatException e) {
            return NO_VERSION_OF_OURS;
        }
    }
}
