package id.atensi.gateway.routing;

import id.atensi.gateway.console.ConsoleRoutes;
import id.atensi.gateway.limits.BodySizeLimit;
import id.atensi.gateway.logging.AccessLog;
import id.atensi.gateway.metrics.HttpServerTimers;
import id.atensi.gateway.request.MalformedRequests;
import id.atensi.gateway.request.RequestTarget;
import id.atensi.gateway.requestid.RequestIds;
import id.atensi.gateway.security.SecurityHeaders;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * The first handler of every request, ahead of Quarkus' CORS (300) and authentication (200) filters, which may
 * answer without going further: the request's timer and access-log line when it is answered, the security headers, the
 * console's page headers, the request id, then the checks that can refuse a request before anything else looks at it
 * (request line and headers, target, body size). One filter rather than one each: every filter is a step of
 * Vert.x Web's route iteration per request. A request with a token verified before is then forwarded at once
 * ({@link KnownTokenForwarding}); any other goes on through the chain. This class and the beans it calls are
 * {@code @Singleton}s: an {@code @ApplicationScoped} bean is reached through a client proxy that looks its instance
 * up in the application context on every call, several times per request here.
 */
@Singleton
public class RequestPipeline {

    private static final int PRIORITY = 4000;

    private final AccessLog accessLog;
    private final HttpServerTimers timers;
    private final ConsoleRoutes console;
    private final MalformedRequests malformedRequests;
    private final BodySizeLimit bodySizeLimit;
    private final KnownTokenForwarding knownTokens;

    public RequestPipeline(AccessLog accessLog, HttpServerTimers timers, ConsoleRoutes console, MalformedRequests malformedRequests,
                           BodySizeLimit bodySizeLimit, KnownTokenForwarding knownTokens) {
        this.accessLog = accessLog;
        this.timers = timers;
        this.console = console;
        this.malformedRequests = malformedRequests;
        this.bodySizeLimit = bodySizeLimit;
        this.knownTokens = knownTokens;
    }

    void register(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
    }

    private void handle(RoutingContext ctx) {
        whenAnswered(ctx);
        SecurityHeaders.onHead(ctx);
        console.headers(ctx);
        RequestIds.ensure(ctx);
        if (!malformedRequests.admit(ctx) || !bodySizeLimit.admit(ctx) || knownTokens.handled(ctx)) {
            return;
        }
        ctx.next();
    }

    /** The first step, so that every answer is timed and logged, those the later steps give included. */
    private void whenAnswered(RoutingContext ctx) {
        String route = accessLog.route(RequestTarget.path(ctx));
        long start = System.nanoTime();
        ctx.addEndHandler(result -> {
            long nanos = System.nanoTime() - start;
            timers.record(ctx.request().method(), route, ctx.response().getStatusCode(), result.succeeded(), nanos);
            accessLog.log(ctx, route, nanos, result.succeeded());
        });
    }
}
