package id.atensi.commons.text;

import id.atensi.commons.rest.Problem;
import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The same rule as for JSON bodies, for decoded path and query parameters: {@code %00} in a search term
 * or a path segment is refused naming the parameter instead of reaching the database.
 */
public class PlainTextParameters {

    @ServerRequestFilter
    public void refuseControlCharacters(ContainerRequestContext request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        collect(request.getUriInfo().getPathParameters(), errors);
        collect(request.getUriInfo().getQueryParameters(), errors);
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(Problem.FieldError::field));
            throw new ProblemException(ProblemCode.VALIDATION, "the request has invalid parameters", errors, Map.of());
        }
    }

    private static void collect(MultivaluedMap<String, String> parameters, List<Problem.FieldError> errors) {
        parameters.forEach((name, values) -> {
            int refusedInName = ControlCharacters.firstRefused(name);
            if (refusedInName >= 0) {
                errors.add(new Problem.FieldError("parameter", ControlCharacters.refusal(name.charAt(refusedInName))));
                return;
            }
            for (String value : values) {
                int refused = ControlCharacters.firstRefused(value);
                if (refused >= 0) {
                    errors.add(new Problem.FieldError(name, ControlCharacters.refusal(value.charAt(refused))));
                    return;
                }
            }
        });
    }
}
