package id.atensi.gateway.health;

import id.atensi.gateway.routing.RouteTable;
import id.atensi.gateway.routing.Upstream;
import id.atensi.gateway.routing.UpstreamClient;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.HealthGroup;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import java.util.List;

/**
 * The readiness of each service as the gateway sees it, at {@code /q/health/group/upstreams}. Always UP,
 * and kept out of the gateway's own readiness: taking the gateway out of rotation because one service is
 * down would cut off the others too, while the gateway answers calls to the missing one with a proper 503.
 */
@HealthGroup("upstreams")
@ApplicationScoped
public class UpstreamServicesHealthCheck implements AsyncHealthCheck {

    /** A probe is for an operator looking now; a slow service counts as not ready. */
    private static final long PROBE_TIMEOUT_MILLIS = 2000;

    private final UpstreamClient client;
    private final List<Upstream> upstreams;

    public UpstreamServicesHealthCheck(UpstreamClient client, RouteTable routes) {
        this.client = client;
        this.upstreams = routes.upstreams();
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        List<Future<String>> states = upstreams.stream().map(this::probe).toList();
        Future<HealthCheckResponse> response = Future.all(states).map(ignored -> {
            HealthCheckResponseBuilder builder = HealthCheckResponse.named("upstream-services").up();
            for (int i = 0; i < upstreams.size(); i++) {
                builder.withData(upstreams.get(i).name(), states.get(i).result());
            }
            return builder.build();
        });
        return Uni.createFrom().completionStage(response.toCompletionStage());
    }

    private Future<String> probe(Upstream upstream) {
        return client.http()
                .request(upstream.request(HttpMethod.GET, "/q/health/ready", null).setIdleTimeout(PROBE_TIMEOUT_MILLIS))
                .compose(HttpClientRequest::send)
                .map(response -> response.statusCode() == 200 ? "UP" : "DOWN")
                .otherwise("UNREACHABLE");
    }
}
