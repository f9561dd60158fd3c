package id.atensi.commons.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;
import java.util.Map;

/** Builds problem+json responses; every exception mapper goes through here so that all problems look alike. */
final class ProblemResponses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProblemResponses() {
    }

    static Response of(ProblemCode code, String detail, List<Problem.FieldError> errors, Map<String, Object> properties,
                       UriInfo uri, ContainerRequestContext request) {
        Problem problem = new Problem(code.type(), code.title(), code.status(), detail,
                uri == null ? null : uri.getRequestUri().getRawPath(), code.code(),
                request == null ? null : RequestTracingFilter.requestIdOf(request), errors);
        Object body = problem;
        if (!properties.isEmpty()) {
            ObjectNode node = JSON.valueToTree(problem);
            properties.forEach((name, value) -> node.set(name, JSON.valueToTree(value)));
            body = node;
        }
        return Response.status(code.status()).type(Problem.MEDIA_TYPE).entity(body).build();
    }
}
