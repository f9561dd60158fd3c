package id.atensi.commons.rest;

import jakarta.ws.rs.core.EntityTag;

import java.util.regex.Pattern;

/**
 * Optimistic concurrency over HTTP: the ETag is the record's version, and a change sends it back in
 * {@code If-Match}. Without it a change is refused (428), so that no client overwrites blindly.
 *
 * <p>What the header names is judged in {@link Versions#require}, after the record was looked up: an unknown record is
 * 404 whatever tag If-Match names (RFC 9110, 13.2.1: preconditions are ignored where the answer without them would not
 * be 2xx).
 */
public final class ETags {

    /** What a tag this service never issued reads as: no record has this version, so the precondition fails (412). */
    public static final long NO_VERSION_OF_OURS = -1;

    /** {@code If-Match: *} where a version is required: it names none, so the change would overwrite blindly (428). */
    public static final long ANY_VERSION = -2;

    private static final String ANY = "*";
    private static final Pattern ISSUED = Pattern.compile("0|[1-9][0-9]{0,17}");

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
        return ifMatch.strip().equals(ANY) ? ANY_VERSION : parse(ifMatch);
    }

    /**
     * @return the version the caller read, or {@code null} (any version) where If-Match is optional and absent or
     *         {@code *}
     */
    public static Long optional(String ifMatch) {
        return ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals(ANY) ? null : parse(ifMatch);
    }

    /** One tag, quoted or bare, weak or strong (see docs/api-conventions.md); anything else is no version of ours. */
    private static long parse(String ifMatch) {
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        return ISSUED.matcher(tag).matches() ? Long.parseLong(tag) : NO_VERSION_OF_OURS;
    }
}
