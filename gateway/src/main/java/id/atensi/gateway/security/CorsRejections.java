package id.atensi.gateway.security;

import id.atensi.gateway.problem.GatewayProblem;
import id.atensi.gateway.problem.Problems;
import io.quarkus.vertx.http.runtime.cors.CORSFilter;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Quarkus' CORS filter refuses a request from an origin it does not allow, and one from an allowed origin with a
 * method it does not allow, with a bare 403 and no body. Just before it, this filter takes the same decision
 * from the same configuration ({@code quarkus.http.cors.origins}, {@code .methods}) and answers those requests
 * with problem+json; everything it lets through, Quarkus' filter handles as before (grants and preflights).
 */
@ApplicationScoped
public class CorsRejections {

    /** Just above Quarkus' CORS filter (300). */
    private static final int PRIORITY = 310;

    private final boolean enabled;
    private final Optional<List<String>> origins;
    private final boolean anyOrigin;
    private final List<Pattern> originPatterns;
    private final boolean anyMethod;
    private final Set<HttpMethod> methods;

    public CorsRejections() {
        Config config = ConfigProvider.getConfig();
        this.enabled = config.getOptionalValue("quarkus.http.cors.enabled", Boolean.class).orElse(false);
        this.origins = config.getOptionalValues("quarkus.http.cors.origins", String.class);
        this.anyOrigin = origins.filter(list -> list.size() == 1 && (list.get(0).equals("*") || list.get(0).equals("/.*/"))).isPresent();
        this.originPatterns = CORSFilter.parseAllowedOriginsRegex(origins);
        Optional<List<String>> configuredMethods = config.getOptionalValues("quarkus.http.cors.methods", String.class);
        this.anyMethod = CORSFilter.isConfiguredWithWildcard(configuredMethods);
        this.methods = configuredMethods.orElse(List.of()).stream().map(HttpMethod::valueOf).collect(Collectors.toSet());
    }

    void register(@Observes Filters filters) {
        if (enabled) {
            filters.register(this::check, PRIORITY);
        }
    }

    private void check(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null) {
            ctx.next();
            return;
        }
        boolean listed = !anyOrigin && origins.isPresent()
                && (origins.get().contains(origin) || CORSFilter.isOriginAllowedByRegex(originPatterns, origin));
        if (!anyOrigin && !listed && !sameOrigin(request, origin)) {
            Problems.send(ctx, GatewayProblem.FORBIDDEN, "Requests from " + printable(origin) + " are not allowed.");
            return;
        }
        boolean preflight = request.method() == HttpMethod.OPTIONS
                && (request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null
                || request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS) != null);
        if ((anyOrigin || listed) && !preflight && !anyMethod && !methods.contains(request.method())) {
            Problems.send(ctx, GatewayProblem.FORBIDDEN, "Cross-origin requests may not use the method " + request.method().name() + ".");
            return;
        }
        ctx.next();
    }

    /** The origin is the gateway's own address as the request names it: same scheme, host and port. */
    static boolean sameOrigin(HttpServerRequest request, String origin) {
        URI uri;
        try {
            uri = new URI(origin);
        } catch (Exception e) {
            return false;
        }
        HostAndPort authority = request.authority();
        if (uri.getScheme() == null || uri.getHost() == null || authority == null
                || (uri.getRawPath() != null && !uri.getRawPath().isEmpty())) {
            return false;
        }
        String scheme = request.scheme();
        return uri.getScheme().equalsIgnoreCase(scheme)
                && uri.getHost().equalsIgnoreCase(authority.host())
                && port(uri.getScheme(), uri.getPort()) == port(scheme, authority.port());
    }

    private static int port(String scheme, int port) {
        return port >= 0 ? port : "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }

    /** An origin is only echoed when it looks like one; anything else a client sent is not repeated. */
    private static String printable(String origin) {
        return origin.length() <= 200 && origin.toLowerCase(Locale.ROOT).matches("[a-z][a-z0-9+.-]*://[a-z0-9.:\\[\\]-]+")
                ? "the origin '" + origin + "'" : "this origin";
    }
}
