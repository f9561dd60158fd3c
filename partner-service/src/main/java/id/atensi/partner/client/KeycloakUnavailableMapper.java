package id.atensi.partner.client;

import id.atensi.commons.rest.ProblemExceptionMappers;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The platform's problem+json for a 503, with the Retry-After that tells a client when trying again makes sense. */
public class KeycloakUnavailableMapper {

    private final ProblemExceptionMappers problems = new ProblemExceptionMappers();

    @ServerExceptionMapper
    public Response unavailable(KeycloakUnavailable e, UriInfo uri, ContainerRequestContext request) {
        return Response.fromResponse(problems.problem(e, uri, request))
                .header(HttpHeaders.RETRY_AFTER, KeycloakUnavailable.RETRY_AFTER_SECONDS)
                .build();
    }
}
