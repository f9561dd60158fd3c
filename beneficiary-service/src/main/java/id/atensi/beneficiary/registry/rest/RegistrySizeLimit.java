package id.atensi.beneficiary.registry.rest;

import id.atensi.beneficiary.registry.domain.MessageError;
import id.atensi.beneficiary.registry.service.EnvelopeReader;
import id.atensi.beneficiary.registry.service.RegistryExchange;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Optional;
import java.util.UUID;

/**
 * Refuses a registry message that declares a length over {@link EnvelopeReader#MAX_BODY_BYTES} before its body is read,
 * with the standard's ERR acknowledgement (the HTTP server's own limit is the imports' 300 MB). A body without a
 * length is read no further than the limit by {@link EnvelopeReader}.
 */
public class RegistrySizeLimit {

    private final RegistryExchange exchange;

    RegistrySizeLimit(RegistryExchange exchange) {
        this.exchange = exchange;
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> refuseOversizedMessages(ContainerRequestContext request) {
        if (!"POST".equals(request.getMethod()) || !request.getUriInfo().getPath().startsWith("/registry/")) {
            return Optional.empty();
        }
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        try {
            if (length == null || Long.parseLong(length.strip()) <= EnvelopeReader.MAX_BODY_BYTES) {
                return Optional.empty();
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.of(tooLarge(exchange));
    }

    /** The answer to a message past the limit; the rest of its body is left unread, so the connection is closed. */
    static Response tooLarge(RegistryExchange exchange) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                .entity(exchange.acknowledgement("ERR", UUID.randomUUID().toString(), Optional.of(MessageError.REQUEST_BAD),
                        EnvelopeReader.TooLarge.MESSAGE))
                .header("Connection", "close").build();
    }
}
