package id.atensi.aid.rest;

import id.atensi.aid.config.AidConfig;
import id.atensi.commons.rest.Problem;
import id.atensi.commons.rest.RequestTracingFilter;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Refuses a proof file whose declared length is over {@code atensi.aid.proof-file-max-bytes} with 413 before a byte of
 * its body is read; a body sent without a length is counted by {@link ProofFileResource} as it arrives and refused
 * once it passes the limit. platform-commons has no problem code for 413 (only the gateway answers it elsewhere), so
 * the problem is written here with the gateway's code, payload-too-large, as beneficiary-service's import limit does.
 */
public class ProofFileSizeLimit {

    private static final String CODE = "payload-too-large";
    private static final Pattern UPLOADS = Pattern.compile("/api/v1/aid/distributions/[^/]+/proof-files/?");

    private final AidConfig config;

    ProofFileSizeLimit(AidConfig config) {
        this.config = config;
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> refuseOversizedProofFiles(ContainerRequestContext request) {
        if (!"POST".equals(request.getMethod()) || !UPLOADS.matcher(request.getUriInfo().getPath()).matches()) {
            return Optional.empty();
        }
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return Optional.empty();
        }
        try {
            if (Long.parseLong(length.strip()) <= config.proofFileMaxBytes()) {
                return Optional.empty();
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.of(tooLarge(config.proofFileMaxBytes(), request));
    }

    /** The answer to a file over the limit; the connection is closed, since the rest of its body is never read. */
    static Response tooLarge(long limit, ContainerRequestContext request) {
        return Response.status(413).type(Problem.MEDIA_TYPE)
                .entity(new Problem("urn:atensi:problem:" + CODE, "Payload too large", 413,
                        "a proof file takes at most " + limit + " bytes (atensi.aid.proof-file-max-bytes): send a smaller photo or scan",
                        request.getUriInfo().getRequestUri().getRawPath(), CODE, RequestTracingFilter.requestIdOf(request), null))
                .header("Connection", "close").build();
    }
}
