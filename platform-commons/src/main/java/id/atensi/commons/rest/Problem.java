package id.atensi.commons.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** An RFC 9457 problem detail, with the platform's stable {@code code} and the field errors of a failed validation. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem detail")
public record Problem(
        @Schema(examples = "urn:atensi:problem:validation") String type,
        @Schema(examples = "Invalid input") String title,
        @Schema(examples = "400") int status,
        String detail,
        String instance,
        @Schema(description = "Stable machine-readable code", examples = "validation") String code,
        @Schema(description = "Request id, as in the X-Request-Id header") String requestId,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One rejected input field: the field's path in the request and what is wrong with it. */
    @Schema(name = "FieldError")
    public record FieldError(@Schema(examples = "nik") String field, @Schema(examples = "must be 16 digits") String message) {
    }
}
