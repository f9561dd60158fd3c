package id.atensi.gateway.limits;

import id.atensi.gateway.problem.GatewayProblem;
import id.atensi.gateway.problem.Problems;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * {@code quarkus.http.limits.max-body-size} as problem+json: a request whose declared length is over the
 * limit gets 413 before authentication or forwarding (Quarkus' own check would answer a bare 413). The
 * connection is closed after the answer, since the body is never read. A chunked body is counted while it
 * is forwarded (see UpstreamProxy).
 */
@Singleton
public class BodySizeLimit {

    public static final String MAX_BODY_SIZE_KEY = "quarkus.http.limits.max-body-size";

    private final long limit = maxBodySize();

    /** The configured limit in bytes, or -1 when there is none. */
    public static long maxBodySize() {
        return ConfigProvider.getConfig().getOptionalValue(MAX_BODY_SIZE_KEY, String.class)
                .filter(value -> !value.isBlank())
                .map(value -> new MemorySizeConverter().convert(value))
                .map(MemorySize::asLongValue)
                .orElse(-1L);
    }

    /**
     * A step of RequestPipeline, after the request id, before CORS and authentication.
     *
     * @return true when the request may go on; false when the 413 has been sent
     */
    public boolean admit(RoutingContext ctx) {
        if (limit < 0) {
            return true;
        }
        String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long length;
        try {
            length = declared == null ? -1 : Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            length = -1;
        }
        if (length > limit) {
            tooLarge(ctx, limit);
            return false;
        }
        return true;
    }

    public static void tooLarge(RoutingContext ctx, long limit) {
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        // The unread body would otherwise be taken for the next request on this connection.
        ctx.response().endHandler(ended -> ctx.request().connection().close());
        Problems.send(ctx, GatewayProblem.PAYLOAD_TOO_LARGE, "The request body is larger than " + limit + " bytes.");
    }
}
