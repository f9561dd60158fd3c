package id.atensi.gateway.routing;

import id.atensi.gateway.problem.GatewayProblem;
import id.atensi.gateway.problem.Problems;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * One Vert.x route per configured prefix: it matches the prefix itself or the prefix followed by {@code /},
 * never a longer word ({@code /api/v1/aidx}).
 */
@ApplicationScoped
public class ProxyRoutes {

    private static final Logger LOG = Logger.getLogger(ProxyRoutes.class);

    void register(@Observes Router router, RouteTable table, UpstreamProxy proxy) {
        for (RouteTable.Route route : table.routes()) {
            Upstream upstream = route.upstream();
            router.route(route.prefix() + "/*")
                    // Quarkus tags HTTP metrics with a route's name when it holds a :parameter (as {parameter});
                    // otherwise every distinct path, i.e. every id, would become a time series of its own.
                    .setName(route.prefix() + "/:path")
                    .handler(ctx -> proxy.forward(ctx, upstream));
            LOG.infof("Routing %s to %s", route.prefix(), upstream);
        }
        // Registered last: whatever no service claimed under /api ends here.
        router.route("/api/*").handler(ctx -> Problems.send(ctx, GatewayProblem.NOT_FOUND, "No ATENSI service serves this path."));
    }
}
