package id.atensi.commons.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** An RFC 9457 problem detail, with the platform's stable {@code code} and the field errors of a failed validation. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem detail; a problem may carry further members (e.g. existingId, allowed, rule)",
        additionalProperties = Schema.True.class)
public record Problem(
        // No examples here: one schema serves every error response, and a 400 example would mislabel 404s and 409s.
        @Schema(description = "urn:atensi:problem: followed by the code") String type,
        @Schema(description = "Short summary of the kind of problem") String title,
        @Schema(description = "The HTTP status") int status,
        @Schema(description = "What went wrong with this request, without personal data") String detail,
        String instance,
        @Schema(description = "Stable machine-readable code, e.g. validation, not-found, conflict, precondition-failed")
        String code,
        @Schema(description = "Request id, as in the X-Request-Id header") String requestId,
        @Schema(description = "The rejected fields of a failed validation (400)") List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One rejected input field: the field's path in the request and what is wrong with it. */
    @Schema(name = "FieldError")
    public record FieldError(@Schema(description = "The field's path in the request") String field,
                             @Schema(description = "What is wrong with it") String message) {
    }
}
