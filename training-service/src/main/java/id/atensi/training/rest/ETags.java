package id.atensi.training.rest;

import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import jakarta.ws.rs.core.EntityTag;

/** Entity versions as ETags ({@code "3"}), and the If-Match values callers send back. */
final class ETags {

    private ETags() {
    }

    static EntityTag of(long version) {
        return new EntityTag(Long.toString(version));
    }

    /** Updates must say which version they change; without If-Match a lost update would go unnoticed. */
    static long required(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(ProblemCode.PRECONDITION_REQUIRED, "send If-Match with the ETag you read, so that you do not overwrite a change you have not seen");
        }
        return parse(ifMatch);
    }

    static Long optional(String ifMatch) {
        return ifMatch == null || ifMatch.isBlank() ? null : parse(ifMatch);
    }

    /** A value that is no version of ours can never match: the precondition fails rather than the syntax. */
    private static long parse(String ifMatch) {
        String value = ifMatch.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ProblemException(ProblemCode.PRECONDITION_FAILED, "If-Match " + ifMatch + " names no version of this resource");
        }
    }
}
