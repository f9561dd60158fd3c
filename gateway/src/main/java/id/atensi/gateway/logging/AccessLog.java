package id.atensi.gateway.logging;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import id.atensi.gateway.requestid.RequestIds;
import id.atensi.gateway.routing.RouteTable;
import id.atensi.gateway.trace.TraceContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * One JSON line per request on the {@value #CATEGORY} logger: request id, trace id, method, route template,
 * status, latency and the token's subject. Never the token, the query string or the raw path: a path can hold
 * ids and a query can hold a NIK, so the route template ({@code /api/v1/beneficiaries/{path}}) is logged.
 */
@Singleton
public class AccessLog {

    public static final String CATEGORY = "id.atensi.gateway.access";

    private static final Logger LOG = Logger.getLogger(CATEGORY);

    private final RouteTable routes;

    public AccessLog(RouteTable routes) {
        this.routes = routes;
    }

    /** The line of a request whose answer has ended (RequestPipeline), 401s, 413s and 429s included. */
    public void log(RoutingContext ctx, String route, long nanos, boolean completed) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        // Written field by field rather than through a JSON object model: this runs for every request, and the
        // object model's serialisation was a tenth of the gateway's own CPU per request.
        StringBuilder line = new StringBuilder(256).append("{\"type\":\"access\"");
        field(line, "requestId", RequestIds.of(ctx));
        field(line, "traceId", TraceContext.traceId(ctx));
        field(line, "method", ctx.request().method().name());
        field(line, "route", route);
        line.append(",\"status\":").append(ctx.response().getStatusCode());
        line.append(",\"latencyMs\":").append(Math.round(nanos / 100_000.0) / 10.0);
        field(line, "subject", subject(ctx));
        if (!completed) {
            line.append(",\"aborted\":true");
        }
        LOG.info(line.append('}').toString());
    }

    private static void field(StringBuilder line, String name, String value) {
        if (value != null) {
            line.append(",\"").append(name).append("\":\"");
            JsonStringEncoder.getInstance().quoteAsString(value, line);
            line.append('"');
        }
    }

    /**
     * The route template of a request, for its log line and its timer: a service's prefix, the gateway's own /q/
     * endpoints by name, anything else as one bucket. Never the raw path: a path can hold an id or a NIK.
     */
    public String route(String path) {
        String template = routes.template(path);
        if (template != null) {
            return template;
        }
        if (path != null && (path.startsWith("/q/") || path.equals("/q"))) {
            int end = path.indexOf('/', 3);
            return end < 0 ? path : path.substring(0, end) + "/*";
        }
        if (path != null && path.startsWith("/api/")) {
            return "/api/{unrouted}";
        }
        return "{other}";
    }

    private static String subject(RoutingContext ctx) {
        if (!(ctx.user() instanceof QuarkusHttpUser user)) {
            return null;
        }
        SecurityIdentity identity = user.getSecurityIdentity();
        if (identity == null || identity.isAnonymous()) {
            return null;
        }
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null) {
            return jwt.getSubject();
        }
        return identity.getPrincipal().getName();
    }
}
