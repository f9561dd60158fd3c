package id.atensi.bench.gateway;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;

/**
 * The floor under the gateway's cost: a reverse proxy with nothing but Vert.x's HTTP server and client, the same
 * libraries the gateway runs on, at their cheapest (one server and one connection pool per event loop, so that
 * an exchange never leaves its thread). It forwards method, target, headers (except {@code Host}) and body and
 * relays the answer; no authentication, limits, ids, logging or metrics. {@code bench/gateway.sh} measures it
 * beside the gateway (ATENSI_BENCH_BARE_PROXY=1): what the gateway costs above it is what its own work costs.
 * <p>
 * Arguments: port, the service's host and port.
 */
public final class BareProxy extends AbstractVerticle {

    private final String host;
    private final int port;
    private final int listenPort;

    private BareProxy(int listenPort, String host, int port) {
        this.listenPort = listenPort;
        this.host = host;
        this.port = port;
    }

    public static void main(String[] args) {
        int listenPort = Integer.parseInt(args[0]);
        String host = args[1];
        int port = Integer.parseInt(args[2]);
        int loops = Runtime.getRuntime().availableProcessors();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
        vertx.deployVerticle(() -> new BareProxy(listenPort, host, port), new DeploymentOptions().setInstances(loops))
                .onSuccess(ignored -> System.out.println("bare proxy on port " + listenPort + " to " + host + ":" + port))
                .onFailure(failure -> {
                    failure.printStackTrace();
                    System.exit(1);
                });
    }

    @Override
    public void start(Promise<Void> started) {
        // Created on this verticle's event loop: its connections live there.
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(100));
        vertx.createHttpServer(new HttpServerOptions().setPort(listenPort))
                .requestHandler(request -> forward(client, request))
                .listen()
                .<Void>mapEmpty()
                .onComplete(started);
    }

    private void forward(HttpClient client, HttpServerRequest request) {
        request.pause();
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(request.headers()).remove("Host");
        client.request(new RequestOptions().setHost(host).setPort(port).setMethod(request.method())
                        .setURI(request.uri()).setHeaders(headers))
                .compose(upstream -> upstream.send(request))
                .onSuccess(answer -> {
                    request.response().setStatusCode(answer.statusCode());
                    request.response().headers().addAll(answer.headers());
                    request.response().send(answer);
                })
                .onFailure(failure -> request.response().setStatusCode(502).end());
    }
}
