package id.atensi.gateway.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.http.HttpMethod;
import jakarta.inject.Singleton;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's HTTP server timer, {@code http.server.requests} with the tags Quarkus' own binder gives it (method, uri,
 * status, outcome), so that the HTTP alerts and dashboards read the gateway as they read the services. Recorded here
 * when a request's answer ends (RequestPipeline) instead of by Micrometer's Vert.x binder, which is switched off for
 * the gateway: the binder builds a meter id and looks its timer up for every request, and could only be given the
 * route template through Vert.x' and Quarkus' internal request classes. Here each (method, route, status) finds its
 * timer once. The uri tag is the route template (RouteTable's, or the gateway's own /q/ endpoint), never a raw path:
 * a path can hold an id. Requests that Vert.x refuses before any handler (an unparseable request line) are not timed.
 */
@Singleton
public class HttpServerTimers {

    static final String NAME = "http.server.requests";

    /** Methods tagged by name; any other (an extension method a client invents) as one value, to bound the series. */
    private static final Set<HttpMethod> NAMED_METHODS = Set.copyOf(HttpMethod.values());

    /** The gateway's own /q/ endpoints, tagged by name; any other /q/ path (anyone can send one) as one value. */
    private static final Set<String> OWN_ENDPOINTS = Set.of("/q/health", "/q/metrics", "/q/openapi", "/q/openapi-gateway", "/q/swagger-ui");

    private final MeterRegistry registry;
    private final ConcurrentHashMap<Key, Timer> timers = new ConcurrentHashMap<>();

    public HttpServerTimers(MeterRegistry registry) {
        this.registry = registry;
    }

    private static final String RESET = "RESET";

    private record Key(String method, String uri, String status) {
    }

    /**
     * @param answered false when the connection ended before the whole answer was sent: tagged {@code status="RESET"},
     *                 {@code outcome="CLIENT_ERROR"} as the binder did, not under the status that was never delivered
     */
    public void record(HttpMethod method, String route, int status, boolean answered, long nanos) {
        String methodName = NAMED_METHODS.contains(method) ? method.name() : "OTHER";
        Key key = new Key(methodName, uri(route), answered ? Integer.toString(status) : RESET);
        timers.computeIfAbsent(key, this::register).record(nanos, TimeUnit.NANOSECONDS);
    }

    private static String uri(String route) {
        if (!route.startsWith("/q/") && !route.equals("/q")) {
            return route;
        }
        String endpoint = route.endsWith("/*") ? route.substring(0, route.length() - 2) : route;
        return OWN_ENDPOINTS.contains(endpoint) ? route : "/q/{other}";
    }

    private Timer register(Key key) {
        return Timer.builder(NAME)
                .tag("method", key.method())
                .tag("uri", key.uri())
                .tag("status", key.status())
                .tag("outcome", outcome(key.status()))
                .register(registry);
    }

    private static String outcome(String status) {
        if (status.equals(RESET)) {
            return "CLIENT_ERROR";
        }
        return switch (Integer.parseInt(status) / 100) {
            case 1 -> "INFORMATIONAL";
            case 2 -> "SUCCESS";
            case 3 -> "REDIRECTION";
            case 4 -> "CLIENT_ERROR";
            case 5 -> "SERVER_ERROR";
            default -> "UNKNOWN";
        };
    }
}
