package id.atensi.gateway.routing;

import id.atensi.gateway.config.GatewayConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

/** The one connection pool to the services, shared by the proxy, the OpenAPI merge and the health check. */
@Singleton
public class UpstreamClient {

    private final HttpClient http;

    public UpstreamClient(Vertx vertx, GatewayConfig config) {
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout((int) config.upstream().connectTimeout().toMillis())
                .setMaxPoolSize(config.upstream().maxConnections())
                // Bodies pass through as the service sent them, compressed or not.
                .setDecompressionSupported(false);
        this.http = vertx.createHttpClient(options);
    }

    public HttpClient http() {
        return http;
    }

    @PreDestroy
    void close() {
        http.close();
    }
}
