package id.atensi.gateway.security;

import id.atensi.gateway.request.RequestTarget;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * Security headers on every response, the gateway's own and the services' alike: no MIME sniffing, no
 * framing, no referrer, a Content-Security-Policy that allows nothing (API responses are data, not pages)
 * except on Swagger UI and on pages that name their own policy ({@link #PAGE_POLICY}: the console), and HSTS when the request came over HTTPS (directly or through a TLS-terminating
 * proxy that says so in {@code X-Forwarded-Proto}).
 */
public final class SecurityHeaders {

    public static final String API_CSP = "default-src 'none'; frame-ancestors 'none'";
    public static final String HSTS = "max-age=31536000; includeSubDomains";
    /** A context key under which a filter running after this one names the policy of the page it serves. */
    public static final String PAGE_POLICY = "atensi.security.page-policy";

    private SecurityHeaders() {
    }

    /**
     * Puts the headers on the response when its head goes out, over whatever a service's answer brought: a step of
     * RequestPipeline, before anything can answer, so that even a CORS preflight or a 413 carries them.
     */
    public static void onHead(RoutingContext ctx) {
        ctx.addHeadersEndHandler(ignored -> applyTo(ctx));
    }

    /** Puts the headers on the response now: for answers to requests Vert.x Web failed before any filter ran. */
    public static void applyTo(RoutingContext ctx) {
        String path = RequestTarget.path(ctx);
        boolean https = "https".equalsIgnoreCase(ctx.request().scheme()) || forwardedHttps(ctx.request().getHeader("X-Forwarded-Proto"));
        // Swagger UI (and Dev UI in dev mode) are pages with scripts and styles: a "none" policy would blank them.
        boolean page = path != null && (path.startsWith("/q/swagger-ui") || path.startsWith("/q/dev-ui") || path.startsWith("/q/dev/"));
        String pagePolicy = ctx.get(PAGE_POLICY);
        MultiMap headers = ctx.response().headers();
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        if (pagePolicy != null) {
            headers.set("Content-Security-Policy", pagePolicy);
        } else if (page) {
            headers.remove("Content-Security-Policy");
        } else {
            headers.set("Content-Security-Policy", API_CSP);
        }
        if (https) {
            headers.set("Strict-Transport-Security", HSTS);
        }
    }

    private static boolean forwardedHttps(String forwardedProto) {
        if (forwardedProto == null) {
            return false;
        }
        // The first entry is the hop nearest the client.
        int comma = forwardedProto.indexOf(',');
        return (comma < 0 ? forwardedProto : forwardedProto.substring(0, comma)).trim().equalsIgnoreCase("https");
    }
}
