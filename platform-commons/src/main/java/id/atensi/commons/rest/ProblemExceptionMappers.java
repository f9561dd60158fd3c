package id.atensi.commons.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import id.atensi.commons.persistence.DatabaseUnreachable;
import id.atensi.commons.persistence.SqlStates;
import id.atensi.commons.text.PlainTextDeserializer;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Turns every failure into {@code application/problem+json}. No stack trace or SQL reaches a caller:
 * unexpected failures are logged here with the request id and answered with a generic 500; a database that cannot
 * be reached is 503 with {@code Retry-After}, since the same request succeeds once it answers again.
 */
public class ProblemExceptionMappers {

    /**
     * The pool tries a new connection for every request, so an answer may come as soon as the database is back; 5 s
     * spares it a crowd of immediate retries while a restart or a failover (seconds to tens of seconds) goes on.
     */
    public static final int DATABASE_RETRY_AFTER_SECONDS = 5;

    private static final Logger LOG = Logger.getLogger(ProblemExceptionMappers.class);
    /** PostgreSQL's "character not in repertoire" and "untranslatable character": text it will not store. */
    private static final Set<String> UNSTORABLE_TEXT = Set.of("22021", "22P05");

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri, ContainerRequestContext request) {
        Response problem = ProblemResponses.of(e.code(), e.getMessage(), e.fieldErrors(), e.properties(), uri, request);
        if (e.retryAfterSeconds().isEmpty()) {
            return problem;
        }
        return Response.fromResponse(problem).header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds().getAsInt()).build();
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri, ContainerRequestContext request) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(violation -> new Problem.FieldError(fieldName(violation), violation.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message))
                .toList();
        return ProblemResponses.of(ProblemCode.VALIDATION, "the request has invalid fields", errors, Map.of(), uri, request);
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri, ContainerRequestContext request) {
        return unreadableJson(e, uri, request);
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e, UriInfo uri, ContainerRequestContext request) {
        return unreadableJson(e, uri, request);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, UriInfo uri, ContainerRequestContext request) {
        return unreadableJson(e, uri, request);
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e, UriInfo uri, ContainerRequestContext request) {
        return ProblemResponses.of(ProblemCode.UNAUTHENTICATED, "a valid bearer token is required", List.of(), Map.of(), uri, request);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri, ContainerRequestContext request) {
        return ProblemResponses.of(ProblemCode.UNAUTHENTICATED, "a valid bearer token is required", List.of(), Map.of(), uri, request);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri, ContainerRequestContext request) {
        return ProblemResponses.of(ProblemCode.FORBIDDEN, "your role does not allow this operation", List.of(), Map.of(), uri, request);
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri, ContainerRequestContext request) {
        int status = e.getResponse().getStatus();
        if (status == 400 && e.getCause() instanceof JsonProcessingException unreadable) {
            // The JSON reader wraps what the parser itself refuses (a number too large for its field) in a bare 400.
            return unreadableJson(unreadable, uri, request);
        }
        if (status >= 500) {
            LOG.errorf(e, "request %s failed", requestId(request));
        }
        return ProblemResponses.of(ProblemCode.forStatus(status), status >= 500 ? null : e.getMessage(), List.of(), Map.of(), uri, request);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri, ContainerRequestContext request) {
        if (DatabaseUnreachable.causes(e)) {
            // An outage, not a fault of this request: one line without the stack, which would be the same for every request.
            LOG.warnf("request %s answered 503: the database cannot be reached (%s)", requestId(request), DatabaseUnreachable.describe(e));
            return Response.fromResponse(ProblemResponses.of(ProblemCode.UNAVAILABLE,
                            "the service cannot reach its database for a moment; try again after the seconds Retry-After gives", List.of(), Map.of(),
                            uri, request))
                    .header(HttpHeaders.RETRY_AFTER, DATABASE_RETRY_AFTER_SECONDS)
                    .build();
        }
        if (SqlStates.causedBy(e, SqlStates.UNIQUE_VIOLATION)) {
            // Two requests raced past the same uniqueness check and the unique index decided: the loser
            // learns of the conflict it would have been told of a moment later.
            return ProblemResponses.of(ProblemCode.CONFLICT, "a record with the same unique value was created meanwhile; read it or retry",
                    List.of(), Map.of(), uri, request);
        }
        if (SqlStates.causedBy(e, UNSTORABLE_TEXT)) {
            // The last line of defence behind PlainTextDeserializer and PlainTextParameters, for text that
            // reached the database another way (an untyped JSON value, an uploaded file's cell).
            return ProblemResponses.of(ProblemCode.VALIDATION, "the request contains characters that cannot be stored",
                    List.of(), Map.of(), uri, request);
        }
        LOG.errorf(e, "request %s failed unexpectedly", requestId(request));
        return ProblemResponses.of(ProblemCode.INTERNAL, "the request could not be completed; quote the request id when reporting it",
                List.of(), Map.of(), uri, request);
    }

    private static Response unreadableJson(JsonProcessingException e, UriInfo uri, ContainerRequestContext request) {
        List<Problem.FieldError> errors = List.of();
        String field = fieldOf(e);
        if (field != null) {
            if (e instanceof PlainTextDeserializer.RefusedControlCharacter refused) {
                return ProblemResponses.of(ProblemCode.VALIDATION, "the request has invalid fields",
                        List.of(new Problem.FieldError(field, refused.fieldMessage())), Map.of(), uri, request);
            }
            errors = List.of(new Problem.FieldError(field, "has a value of the wrong type or format"));
        }
        return ProblemResponses.of(ProblemCode.MALFORMED_REQUEST, "the request body is not valid JSON for this operation", errors,
                Map.of(), uri, request);
    }

    /**
     * The refused value's path in the body, as a client names it ({@code lines[0].quantity}): from the mapping's
     * path, or where the parser stood when it refused a number out of its type's range; null when the body was
     * refused as a whole (a syntax error is not the fault of the field the parser last read).
     */
    private static String fieldOf(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return mapping.getPath().stream()
                    .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
        }
        if (e instanceof InputCoercionException coercion && coercion.getProcessor() != null) {
            JsonParser parser = coercion.getProcessor();
            List<String> segments = new ArrayList<>();
            for (JsonStreamContext context = parser.getParsingContext(); context != null && !context.inRoot(); context = context.getParent()) {
                if (context.inArray()) {
                    segments.add(0, "[" + context.getCurrentIndex() + "]");
                } else if (context.getCurrentName() != null) {
                    segments.add(0, "." + context.getCurrentName());
                }
            }
            return segments.isEmpty() ? null : String.join("", segments).replaceFirst("^\\.", "");
        }
        return null;
    }

    /** The last named segment of the violation's path, skipping the method and parameter names. */
    /**
     * The field's path in the request, as a client addresses it: {@code lines[0].quantity}, {@code distributions[3]}.
     * An element's index (or key) comes with the node that follows the collection, so it is written after the name
     * before it.
     */
    private static String fieldName(ConstraintViolation<?> violation) {
        List<Path.Node> nodes = StreamSupport.stream(violation.getPropertyPath().spliterator(), false).toList();
        StringBuilder path = new StringBuilder();
        for (Path.Node node : nodes) {
            Object position = node.getIndex() != null ? node.getIndex() : node.getKey();
            if (node.isInIterable() && position != null && !path.isEmpty()) {
                path.append('[').append(position).append(']');
            }
            boolean field = node.getKind() == jakarta.validation.ElementKind.PROPERTY || node.getKind() == jakarta.validation.ElementKind.CONTAINER_ELEMENT;
            if (field && node.getName() != null && !node.getName().startsWith("<")) {
                path.append(path.isEmpty() ? "" : ".").append(node.getName());
            }
        }
        if (!path.isEmpty()) {
            return path.toString();
        }
        Path.Node last = nodes.isEmpty() ? null : nodes.get(nodes.size() - 1);
        return last == null || last.getName() == null ? "request" : last.getName();
    }

    private static String requestId(ContainerRequestContext request) {
        return request == null ? null : RequestTracingFilter.requestIdOf(request);
    }
}
