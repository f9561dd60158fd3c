package id.atensi.gateway.routing;

import id.atensi.gateway.config.GatewayConfig;
import io.netty.channel.EventLoop;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.impl.ContextInternal;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connection pools to the services, shared by the proxy, the OpenAPI merge and the health check: one pool
 * per event loop, each holding its share of {@code upstream.max-connections} per service.
 * <p>
 * A Vert.x client's pool lends any idle connection to any caller, and a connection lives on the event loop that
 * opened it: with one pool for all loops most exchanges went out on another loop's connection, so each crossed
 * between threads twice (a task queued, an eventfd write to wake the other loop, a context switch, and back).
 * With a pool per loop the request, the exchange with the service and the answer stay on one thread. Session 13
 * measured lower throughput with this and went back to one pool; session 15 measured it again, with the request
 * now forwarded from the first filter (KnownTokenForwarding), side by side with the shared pool: a quarter less
 * CPU per read in every run, more throughput in two runs of three (bench/RESULTS.md).
 */
@Singleton
public class UpstreamClient {

    private final Vertx vertx;
    private final HttpClientOptions perLoopOptions;
    /** For callers without a Vert.x context (none of the request path): not tied to a loop. */
    private final HttpClient shared;
    private final Map<EventLoop, HttpClient> perLoop = new ConcurrentHashMap<>();

    public UpstreamClient(Vertx vertx, GatewayConfig config) {
        this.vertx = vertx;
        int maxConnections = config.upstream().maxConnections();
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout((int) config.upstream().connectTimeout().toMillis())
                .setMaxPoolSize(maxConnections)
                // Bodies pass through as the service sent them, compressed or not.
                .setDecompressionSupported(false);
        // Each loop's pool may open max-connections: a client's connection stays on one loop, so a share of the total
        // (7 of 100 on 16 loops) would queue one busy HTTP/2 client or ingress connection behind a few slow calls.
        this.perLoopOptions = new HttpClientOptions(options);
        this.shared = vertx.createHttpClient(options);
    }

    /** The pool of the event loop the caller's Vert.x context runs on (a request's loop, also on a worker thread). */
    public HttpClient http() {
        Context context = Vertx.currentContext();
        if (!(context instanceof ContextInternal internal) || internal.nettyEventLoop() == null) {
            return shared;
        }
        EventLoop loop = internal.nettyEventLoop();
        HttpClient client = perLoop.get(loop);
        return client != null ? client : perLoop.computeIfAbsent(loop, ignored -> vertx.createHttpClient(perLoopOptions));
    }

    /** How many event loops' pools have been made so far. */
    int pools() {
        return perLoop.size();
    }

    int maxConnectionsPerPool() {
        return perLoopOptions.getMaxPoolSize();
    }


    @PreDestroy
    void close() {
        perLoop.values().forEach(HttpClient::close);
        shared.close();
    }
}
