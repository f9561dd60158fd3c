package id.atensi.gateway.routing;

import id.atensi.gateway.config.GatewayConfig;
import id.atensi.gateway.limits.BodySizeLimit;
import id.atensi.gateway.limits.LimitedBody;
import id.atensi.gateway.problem.GatewayProblem;
import id.atensi.gateway.problem.Problems;
import id.atensi.gateway.requestid.RequestIds;
import id.atensi.gateway.trace.TraceContext;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeoutException;

/**
 * Forwards one request to a service and streams the answer back, neither body held in memory. While nothing
 * has been sent to the caller yet, a failed exchange becomes a problem+json answer: 503 with Retry-After when
 * the service cannot be reached (or its circuit is open), 504 when it took too long, 502 when it answered
 * something that is not a usable HTTP response. A service's error answer that is not problem+json is replaced
 * by one with the same status, so that every answer of the gateway is.
 */
@Singleton
public class UpstreamProxy {

    private static final Logger LOG = Logger.getLogger(UpstreamProxy.class);

    /** Connection-specific headers (RFC 9110 §7.6.1): they describe one hop and are never passed on. */
    private static final String[] HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade"};

    /** Besides the hop-by-hop ones, the caller's headers the gateway sets or answers itself (see passesOn). */
    private static final String[] SET_BY_THE_GATEWAY = {"host", "forwarded", RequestIds.HEADER_LOWER_CASE,
            TraceContext.TRACEPARENT, "expect"};

    /** What a client acts on, kept when a service's error answer is replaced by a problem. */
    private static final List<String> KEPT_ON_REPLACED_ERRORS = List.of("Retry-After", "WWW-Authenticate", "Allow");

    private final UpstreamClient client;
    private final long timeoutMillis;
    private final long maxBodySize = BodySizeLimit.maxBodySize();
    private final Map<String, Long> serviceTimeoutMillis = new HashMap<>();
    private final Map<String, CircuitBreaker> breakers = new HashMap<>();
    private final MeterRegistry registry;
    private final List<Gauge> circuitGauges = new ArrayList<>();

    public UpstreamProxy(UpstreamClient client, GatewayConfig config, RouteTable table, MeterRegistry registry) {
        this.client = client;
        this.registry = registry;
        this.timeoutMillis = config.upstream().timeout().toMillis();
        config.services().forEach((name, service) ->
                service.timeout().ifPresent(timeout -> serviceTimeoutMillis.put(name, timeout.toMillis())));
        for (Upstream upstream : table.upstreams()) {
            CircuitBreaker breaker = new CircuitBreaker(config.circuitBreaker().failureThreshold(),
                    config.circuitBreaker().openDuration(), System::nanoTime);
            breakers.put(upstream.name(), breaker);
            // The alert AtensiGatewayCircuitOpen reads this: 1 from the failure that opens the circuit until an exchange succeeds.
            circuitGauges.add(Gauge.builder("atensi.gateway.circuit.open", breaker, b -> b.isClosed() ? 0 : 1)
                    .description("1 while the gateway's circuit to the service is open or half-open (no exchange has succeeded since it opened)")
                    .tag("service", upstream.name()).strongReference(true).register(registry));
        }
    }

    /**
     * The registry outlives this application when it restarts in the same JVM (as the tests restart it), and would
     * keep answering with the breakers of the stopped one: a gauge registered again under the same name and tags is
     * the old gauge.
     */
    @PreDestroy
    void removeCircuitGauges() {
        circuitGauges.forEach(registry::remove);
    }


    public void forward(RoutingContext ctx, Upstream upstream) {
        CircuitBreaker breaker = breakers.get(upstream.name());
        CircuitBreaker.Permit permit = breaker.tryAcquire();
        if (!permit.allowed()) {
            unavailable(ctx, permit.retryAfterNanos(), "The " + upstream.name()
                    + " service is failing; the gateway is not sending it requests for now.");
            return;
        }
        HttpServerRequest request = ctx.request();
        long timeout = serviceTimeoutMillis.getOrDefault(upstream.name(), timeoutMillis);
        RequestOptions options = upstream.request(request.method(), ctx.normalizedPath(), request.query())
                .setIdleTimeout(timeout);
        // Quarkus pauses every request on arrival, so the body waits in the request until the pipe to the
        // service takes it. An ended request has nothing left to pipe (and refuses a pipe).
        // A declared length was checked by BodySizeLimit; a chunked body is counted on its way.
        boolean chunked = request.getHeader(HttpHeaders.CONTENT_LENGTH) == null;
        long limit = chunked && maxBodySize >= 0 ? maxBodySize : Long.MAX_VALUE;
        LimitedBody[] limitedBody = new LimitedBody[1];
        // A client waiting for "100 Continue" (curl does for bodies over 1 KB) gets it once authentication and
        // the limits have let the request through; the service is not asked, the gateway has decided.
        if (!request.isEnded() && "100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            ctx.response().writeContinue();
        }
        client.http().request(options)
                .compose(upstreamRequest -> {
                    // Straight into the request's own headers: handed over in the options, they were copied once more.
                    putForwardedHeaders(ctx, upstreamRequest.headers());
                    if (request.isEnded()) {
                        return upstreamRequest.send();
                    }
                    Runnable tooLarge = () -> {
                        upstreamRequest.reset();
                        if (!ctx.response().headWritten()) {
                            BodySizeLimit.tooLarge(ctx, maxBodySize);
                        } else if (!ctx.response().ended()) {
                            ctx.response().reset();
                        }
                    };
                    // Vert.x times an exchange out when nothing came back from the service for that long, even
                    // while a slow client's body is still on its way to it: each chunk passed on restarts the wait.
                    limitedBody[0] = new LimitedBody(request, limit, tooLarge, () -> upstreamRequest.idleTimeout(timeout));
                    return upstreamRequest.send(limitedBody[0]);
                })
                .onSuccess(upstreamResponse -> {
                    breaker.onSuccess();
                    relay(ctx, upstream, upstreamResponse);
                })
                .onFailure(failure -> {
                    if (limitedBody[0] != null && limitedBody[0].exceeded()) {
                        // The caller's fault, answered already; the service did nothing wrong.
                        breaker.onNeitherSuccessNorFailure();
                        return;
                    }
                    failed(ctx, upstream, breaker, failure);
                });
    }

    private static void putForwardedHeaders(RoutingContext ctx, MultiMap headers) {
        HttpServerRequest request = ctx.request();
        MultiMap incoming = request.headers();
        Set<String> namedByConnection = namedByConnection(incoming);
        // A valid traceparent of the caller's goes on unchanged; otherwise the gateway starts the trace (and
        // a tracestate without its traceparent means nothing).
        boolean keptTrace = TraceContext.incomingKept(ctx);
        for (Map.Entry<String, String> header : incoming) {
            String name = header.getKey();
            if (passesOn(name, keptTrace)
                    && (namedByConnection.isEmpty() || !namedByConnection.contains(name.toLowerCase(Locale.ROOT)))) {
                headers.add(name, header.getValue());
            }
        }
        headers.set(RequestIds.HEADER, RequestIds.of(ctx));
        headers.set(TraceContext.TRACEPARENT, TraceContext.of(ctx));
        String forwardedFor = request.getHeader("X-Forwarded-For");
        String client = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        headers.set("X-Forwarded-For", forwardedFor == null || forwardedFor.isBlank() ? client : forwardedFor + ", " + client);
        headers.set("X-Forwarded-Proto", request.scheme());
        HostAndPort authority = request.authority();
        if (authority != null) {
            headers.set("X-Forwarded-Host", authority.port() < 0 ? authority.host() : authority.host() + ":" + authority.port());
        }
    }

    /**
     * Whether a caller's header goes on to the service. Not the hop-by-hop ones; not Host, the service's own (the
     * caller's goes on as X-Forwarded-Host); not the caller's forwarding headers, which prove nothing (the gateway
     * sets its own, X-Forwarded-For appended to); not the request id, traceparent and Expect, which the gateway sets
     * or answers itself; tracestate only with the caller's own traceparent. Compared without case, so that no name
     * is copied in lower case on every request.
     */
    private static boolean passesOn(String name, boolean keptTrace) {
        if (isHopByHop(name)) {
            return false;
        }
        for (String refused : SET_BY_THE_GATEWAY) {
            if (name.equalsIgnoreCase(refused)) {
                return false;
            }
        }
        if (name.regionMatches(true, 0, "x-forwarded-", 0, 12)) {
            return false;
        }
        return keptTrace || !name.equalsIgnoreCase(TraceContext.TRACESTATE);
    }

    private static void relay(RoutingContext ctx, Upstream upstream, HttpClientResponse upstreamResponse) {
        HttpServerResponse response = ctx.response();
        if (response.closed()) {
            upstreamResponse.request().reset();
            return;
        }
        if (upstreamResponse.statusCode() >= 400 && !isProblem(upstreamResponse.getHeader(HttpHeaders.CONTENT_TYPE))) {
            replaceErrorAnswer(ctx, upstream, upstreamResponse);
            return;
        }
        response.setStatusCode(upstreamResponse.statusCode());
        MultiMap answer = upstreamResponse.headers();
        Set<String> namedByConnection = namedByConnection(answer);
        MultiMap headers = response.headers();
        // The service's values replace any the response has already (its request id aside, below); several values of one
        // name all go on. One pass over the entries: a set of the names and a list of values per name cost more than
        // the copy itself.
        Set<String> existing = null;
        if (!headers.isEmpty()) {
            existing = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            for (Map.Entry<String, String> header : headers) {
                existing.add(header.getKey());
            }
        }
        for (Map.Entry<String, String> header : answer) {
            String name = header.getKey();
            // The gateway's request id is already on the response and is the one that counts.
            if (isHopByHop(name) || name.equalsIgnoreCase(RequestIds.HEADER)
                    || (!namedByConnection.isEmpty() && namedByConnection.contains(name.toLowerCase(Locale.ROOT)))) {
                continue;
            }
            if (existing != null && existing.remove(name)) {
                headers.remove(name);
            }
            headers.add(name, header.getValue());
        }
        response.send(upstreamResponse).onFailure(failure -> {
            // The status line is out: the only honest signal left is a cut connection.
            LOG.debugf("Response from %s for request %s broke off: %s", upstream.name(), RequestIds.of(ctx), failure);
            if (!response.ended()) {
                response.reset();
            }
        });
    }

    /**
     * A service answered an error without a problem body: a bare status from its HTTP server (a line or header
     * it would not take), or a page from something in front of it. The caller gets the status with a problem
     * body; the headers that tell a client what to do next go with it.
     */
    private static void replaceErrorAnswer(RoutingContext ctx, Upstream upstream, HttpClientResponse upstreamResponse) {
        int status = upstreamResponse.statusCode();
        LOG.warnf("%s %s: %s answered request %s with %d and %s instead of a problem; the caller gets a problem",
                ctx.request().method(), ctx.normalizedPath(), upstream, RequestIds.of(ctx), status,
                upstreamResponse.getHeader(HttpHeaders.CONTENT_TYPE) == null ? "no content type" : upstreamResponse.getHeader(HttpHeaders.CONTENT_TYPE));
        for (String kept : KEPT_ON_REPLACED_ERRORS) {
            String value = upstreamResponse.getHeader(kept);
            if (value != null) {
                ctx.response().putHeader(kept, value);
            }
        }
        // The unread body is dropped as it arrives; the connection goes back to the pool when it has.
        upstreamResponse.handler(ignored -> { });
        Problems.sendStatus(ctx, status, "The " + upstream.name() + " service refused the request ("
                + HttpResponseStatus.valueOf(status).reasonPhrase() + ").");
    }

    private static boolean isProblem(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(Problems.MEDIA_TYPE);
    }

    private static void failed(RoutingContext ctx, Upstream upstream, CircuitBreaker breaker, Throwable failure) {
        // A connect timeout is a ConnectException too, but says the service is slow, not absent.
        boolean timedOut = failure instanceof TimeoutException || failure instanceof ConnectTimeoutException;
        boolean unreachable = !timedOut && (failure instanceof ConnectException || failure instanceof UnknownHostException
                || failure instanceof NoRouteToHostException);
        long retryAfterNanos = 0;
        if (unreachable) {
            retryAfterNanos = breaker.onUnreachable();
        } else {
            breaker.onFailure();
        }
        // The query is left out of the log: it can carry personal data (NIK searches).
        LOG.warnf("%s %s: %s did not answer request %s (%s)", ctx.request().method(), ctx.normalizedPath(),
                upstream, RequestIds.of(ctx), failure.toString());
        if (ctx.response().headWritten()) {
            if (!ctx.response().ended()) {
                ctx.response().reset();
            }
            return;
        }
        if (unreachable) {
            unavailable(ctx, retryAfterNanos, "The " + upstream.name() + " service is not accepting connections.");
        } else if (timedOut) {
            Problems.send(ctx, GatewayProblem.GATEWAY_TIMEOUT, "The " + upstream.name() + " service did not answer in time.");
        } else {
            Problems.send(ctx, GatewayProblem.BAD_GATEWAY, "The " + upstream.name() + " service did not give a usable answer.");
        }
    }

    private static void unavailable(RoutingContext ctx, long retryAfterNanos, String detail) {
        long seconds = Math.max(1, (retryAfterNanos + 999_999_999L) / 1_000_000_000L);
        ctx.response().putHeader("Retry-After", Long.toString(seconds));
        Problems.send(ctx, GatewayProblem.UNAVAILABLE, detail);
    }

    private static boolean isHopByHop(String name) {
        for (int i = 0; i < HOP_BY_HOP.length; i++) {
            if (name.equalsIgnoreCase(HOP_BY_HOP[i])) {
                return true;
            }
        }
        return false;
    }

    /** The headers a message's Connection header names as hop-by-hop for it (RFC 9110 §7.6.1), lower case. */
    private static Set<String> namedByConnection(MultiMap headers) {
        if (!headers.contains(HttpHeaders.CONNECTION)) {
            return Set.of();
        }
        Set<String> named = new HashSet<>();
        for (String connection : headers.getAll(HttpHeaders.CONNECTION)) {
            for (String token : connection.split(",")) {
                String name = token.trim().toLowerCase(Locale.ROOT);
                if (!name.isEmpty()) {
                    named.add(name);
                }
            }
        }
        return named;
    }
}
