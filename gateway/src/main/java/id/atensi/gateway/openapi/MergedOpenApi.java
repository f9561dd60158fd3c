package id.atensi.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import id.atensi.gateway.config.GatewayConfig;
import id.atensi.gateway.routing.RouteTable;
import id.atensi.gateway.routing.Upstream;
import id.atensi.gateway.routing.UpstreamClient;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The merged OpenAPI document, fetched from the services without blocking and kept for a while. Callers
 * arriving during a fetch share it rather than each starting their own; a service that does not answer is
 * left out and named in the document instead of failing it.
 */
@Singleton
public class MergedOpenApi {

    private static final Logger LOG = Logger.getLogger(MergedOpenApi.class);

    /** The merged document in both serialisations, and when it is to be fetched again. */
    public record Snapshot(Buffer json, Buffer yaml, long expiresAtNanos) {
    }

    private final Vertx vertx;
    private final UpstreamClient client;
    private final RouteTable routes;
    private final List<Upstream> upstreams;
    private final OpenApiMerger merger;
    private final ObjectMapper json;
    private final YAMLMapper yaml = new YAMLMapper();
    private final Duration fetchTimeout;
    private final Duration cacheTtl;
    private final Duration retryMissingAfter;
    private final AtomicReference<Future<Snapshot>> current = new AtomicReference<>();

    public MergedOpenApi(Vertx vertx, UpstreamClient client, RouteTable routes, ObjectMapper json, GatewayConfig config,
                         @ConfigProperty(name = "quarkus.application.version", defaultValue = "1.0") String version,
                         @ConfigProperty(name = "quarkus.http.auth.permission.public.paths") List<String> publicPaths) {
        this.vertx = vertx;
        this.client = client;
        this.routes = routes;
        this.upstreams = routes.upstreams();
        this.json = json;
        this.merger = new OpenApiMerger(json, version, OpenApiMerger.LoginEndpoints.ofKeycloakRealm(config.identity().issuer()),
                path -> isPublic(path, publicPaths));
        this.fetchTimeout = config.openapi().fetchTimeout();
        this.cacheTtl = config.openapi().cacheTtl();
        this.retryMissingAfter = config.openapi().retryMissingAfter();
    }

    /** Whether the gateway's permission for anyone covers the path: an exact path, or a prefix ending in {@code /*}. */
    static boolean isPublic(String path, List<String> publicPaths) {
        return publicPaths.stream().anyMatch(open -> open.endsWith("/*")
                ? path.startsWith(open.substring(0, open.length() - 1))
                : path.equals(open));
    }

    public Future<Snapshot> current() {
        Future<Snapshot> cached = current.get();
        if (cached != null && !isStale(cached)) {
            return cached;
        }
        Promise<Snapshot> refresh = Promise.promise();
        if (!current.compareAndSet(cached, refresh.future())) {
            return current.get();
        }
        fetchAndMerge().onComplete(refresh);
        return refresh.future();
    }

    private static boolean isStale(Future<Snapshot> snapshot) {
        if (!snapshot.isComplete()) {
            return false;
        }
        return snapshot.failed() || System.nanoTime() - snapshot.result().expiresAtNanos() >= 0;
    }

    private Future<Snapshot> fetchAndMerge() {
        List<Future<Buffer>> fetches = upstreams.stream().map(this::fetch).toList();
        // join waits for every fetch, failed or not; parsing and merging then run off the event loop.
        return Future.join(fetches).transform(ignored -> vertx.executeBlocking(() -> merge(fetches), false));
    }

    private Future<Buffer> fetch(Upstream upstream) {
        return client.http()
                .request(upstream.request(HttpMethod.GET, "/q/openapi", "format=json")
                        .setIdleTimeout(fetchTimeout.toMillis())
                        .putHeader(HttpHeaders.ACCEPT, "application/json"))
                .compose(HttpClientRequest::send)
                .compose(response -> response.statusCode() == 200
                        ? response.body()
                        : Future.failedFuture("HTTP status " + response.statusCode()));
    }

    private Snapshot merge(List<Future<Buffer>> fetches) throws IOException {
        List<OpenApiMerger.ServiceDocument> documents = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < upstreams.size(); i++) {
            Upstream upstream = upstreams.get(i);
            Future<Buffer> fetch = fetches.get(i);
            JsonNode document = fetch.succeeded() ? parse(upstream, fetch.result()) : null;
            if (document != null) {
                documents.add(new OpenApiMerger.ServiceDocument(upstream.name(), document));
            } else {
                if (fetch.failed()) {
                    LOG.warnf("The OpenAPI document of %s is left out of the merged one: %s", upstream, fetch.cause().toString());
                }
                missing.add(upstream.name());
            }
        }
        ObjectNode merged = merger.merge(documents, missing, path -> {
            Upstream owner = routes.serviceFor(path);
            return owner == null ? null : owner.name();
        });
        Duration keepFor = missing.isEmpty() || retryMissingAfter.compareTo(cacheTtl) > 0 ? cacheTtl : retryMissingAfter;
        return new Snapshot(Buffer.buffer(json.writeValueAsBytes(merged)), Buffer.buffer(yaml.writeValueAsBytes(merged)),
                System.nanoTime() + keepFor.toNanos());
    }

    private JsonNode parse(Upstream upstream, Buffer body) {
        try {
            JsonNode document = json.readTree(body.getBytes());
            if (document != null && document.isObject()) {
                return document;
            }
            LOG.warnf("The OpenAPI document of %s is not a JSON object; it is left out of the merged one", upstream);
        } catch (IOException e) {
            LOG.warnf("The OpenAPI document of %s is not JSON (%s); it is left out of the merged one", upstream, e.getMessage());
        }
        return null;
    }
}
