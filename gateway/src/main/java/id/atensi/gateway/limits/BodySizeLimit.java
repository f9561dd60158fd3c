package id.atensi.gateway.limits;

import id.atensi.gateway.problem.GatewayProblem;
import id.atensi.gateway.problem.Problems;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * {@code quarkus.http.limits.max-body-size} as problem+json: a request whose declared length is over the
 * limit gets 413 before authentication or forwarding (Quarkus' own check would answer a bare 413). The
 * connection is closed after the answer, since the body is never read. A chunked body is counted while it
 * is forwarded (see UpstreamProxy).
 */
@ApplicationScoped
public class BodySizeLimit {

    public static final String MAX_BODY_SIZE_KEY = "quarkus.http.limits.max-body-size";

    /** After the request id (1000), before CORS (300) and authentication (200). */
    private static final int PRIORITY = 900;

    void register(@Observes Filters filters) {
        long limit = maxBodySize();
        if (limit >= 0) {
            filters.register(ctx -> check(ctx, limit), PRIORITY);
        }
    }

    /** The configured limit in bytes, or -1 when there is none. */
    public static long maxBodySize() {
        return ConfigProvider.getConfig().getOptionalValue(MAX_BODY_SIZE_KEY, String.class)
                .filter(value -> !value.isBlank())
                .map(value -> new MemorySizeConverter().convert(value))
                .map(MemorySize::asLongValue)
                .orElse(-1L);
    }

    private static void check(RoutingContext ctx, long limit) {
        String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long length;
        try {
            length = declared == null ? -1 : Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            length = -1;
        }
        if (length > limit) {
            tooLarge(ctx, limit);
        } else {
            ctx.next();
        }
    }

    public static void tooLarge(RoutingContext ctx, long limit) {
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        // The unread body would otherwise be taken for the next request on this connection.
        ctx.response().endHandler(ended -> ctx.request().connection().close());
        Problems.send(ctx, GatewayProblem.PAYLOAD_TOO_LARGE, "The request body is larger than " + limit + " bytes.");
    }
}
