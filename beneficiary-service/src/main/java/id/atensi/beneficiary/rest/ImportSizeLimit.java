package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.service.ImportService;
import id.atensi.commons.rest.Problem;
import id.atensi.commons.rest.RequestTracingFilter;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Optional;

/**
 * Refuses an import whose declared length is over {@code atensi.beneficiary.imports.max-file-size} with 413 before its
 * body is read (a body without a length is counted as it is spooled and refused when it passes the limit). The HTTP
 * server's own limit ({@code quarkus.http.limits.max-body-size}) is set above this one, so that this answer, with a
 * problem body, is the one a client sees.
 */
public class ImportSizeLimit {

    private static final String CODE = "payload-too-large";

    private final ImportService imports;

    ImportSizeLimit(ImportService imports) {
        this.imports = imports;
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> refuseOversizedImports(ContainerRequestContext request) {
        if (!"POST".equals(request.getMethod()) || !request.getUriInfo().getPath().equals(ImportResource.PATH)) {
            return Optional.empty();
        }
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return Optional.empty();
        }
        try {
            if (Long.parseLong(length.strip()) <= imports.maxFileSize()) {
                return Optional.empty();
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.of(tooLarge(imports.maxFileSize(), ImportResource.PATH, RequestTracingFilter.requestIdOf(request)));
    }

    static Response tooLarge(long limit, String path, String requestId) {
        return Response.status(413).type(Problem.MEDIA_TYPE)
                .entity(new Problem("urn:atensi:problem:" + CODE, "Payload too large", 413,
                        "The file is larger than " + limit + " bytes, the most an import takes; split it into several files.",
                        path, CODE, requestId, null))
                .header("Connection", "close").build();
    }
}
