package id.atensi.gateway.routing;

import id.atensi.gateway.config.GatewayConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The configured services and the path prefixes each one serves, checked once at start so that a
 * mistyped URL or a prefix claimed twice stops the gateway instead of misrouting requests.
 */
@Singleton
public class RouteTable {

    /** A path prefix (no trailing slash), the service that serves it, and the template of the paths below it. */
    public record Route(String prefix, Upstream upstream, String belowTemplate) {

        Route(String prefix, Upstream upstream) {
            this(prefix, upstream, prefix + "/{path}");
        }
    }

    private final List<Upstream> upstreams;
    private final List<Route> routes;

    @Inject
    public RouteTable(GatewayConfig config) {
        this(config.services());
    }

    public RouteTable(Map<String, GatewayConfig.Service> services) {
        if (services.isEmpty()) {
            throw new IllegalArgumentException("no service configured under atensi.gateway.services");
        }
        List<Upstream> upstreamsByName = new ArrayList<>();
        Map<String, Route> routesByPrefix = new HashMap<>();
        // Sorted by name: the merged OpenAPI document takes the first of two conflicting definitions, and
        // "first" has to mean the same thing on every start.
        for (Map.Entry<String, GatewayConfig.Service> entry : new TreeMap<>(services).entrySet()) {
            Upstream upstream = Upstream.of(entry.getKey(), entry.getValue().url());
            upstreamsByName.add(upstream);
            for (String configured : entry.getValue().prefixes()) {
                String prefix = normalise(entry.getKey(), configured);
                Route earlier = routesByPrefix.putIfAbsent(prefix, new Route(prefix, upstream));
                if (earlier != null) {
                    throw new IllegalArgumentException("path prefix " + prefix + " is configured for both "
                            + earlier.upstream().name() + " and " + upstream.name());
                }
            }
        }
        List<Route> longestFirst = new ArrayList<>(routesByPrefix.values());
        // Longest first, so that a service owning /api/v1/a/b wins over one owning /api/v1/a.
        longestFirst.sort(Comparator.comparingInt((Route route) -> route.prefix().length()).reversed()
                .thenComparing(Route::prefix));
        this.upstreams = List.copyOf(upstreamsByName);
        this.routes = List.copyOf(longestFirst);
    }

    /** The services, ordered by name. */
    public List<Upstream> upstreams() {
        return upstreams;
    }

    /** The routes, longest prefix first. */
    public List<Route> routes() {
        return routes;
    }

    /**
     * The route template of a path, for logs and metrics: {@code <prefix>/{path}} (or the prefix itself), and
     * null when no service serves the path. Ids and names in the path stay out of it.
     */
    public String template(String path) {
        Route route = routeOf(path);
        if (route == null) {
            return null;
        }
        return path.length() == route.prefix().length() ? route.prefix() : route.belowTemplate();
    }

    /** The service a path is sent to, or null when no service serves it. */
    public Upstream serviceFor(String path) {
        Route route = routeOf(path);
        return route == null ? null : route.upstream();
    }

    private Route routeOf(String path) {
        if (path == null) {
            return null;
        }
        for (Route route : routes) {
            if (path.equals(route.prefix())
                    || (path.startsWith(route.prefix()) && path.charAt(route.prefix().length()) == '/')) {
                return route;
            }
        }
        return null;
    }

    private static String normalise(String service, String prefix) {
        String trimmed = prefix.trim();
        while (trimmed.length() > 1 && trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (!trimmed.startsWith("/") || trimmed.length() == 1 || trimmed.contains("*") || trimmed.contains("?")) {
            throw new IllegalArgumentException("atensi.gateway.services." + service + ".prefixes: '" + prefix
                    + "' must be a literal path such as /api/v1/things");
        }
        return trimmed;
    }
}
