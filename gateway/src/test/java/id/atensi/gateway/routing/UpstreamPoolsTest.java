package id.atensi.gateway.routing;

import id.atensi.gateway.support.FakeServicesResource;
import io.netty.channel.EventLoop;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.impl.ConnectionBase;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each event loop has its own pool of connections to the services: a request made on one loop is sent on, and
 * answered on, a connection of that loop, also when another loop's connections to the same service are idle.
 */
@QuarkusTest
@WithTestResource(FakeServicesResource.class)
class UpstreamPoolsTest {

    private static final int REQUESTS_PER_LOOP = 4;

    @Inject
    Vertx vertx;

    @Inject
    UpstreamClient client;

    @Inject
    RouteTable routes;

    /** What one exchange ran on: the caller's loop, the connection's loop and the thread the answer came on. */
    private record Exchange(EventLoop caller, EventLoop connection, boolean answeredOnCallerLoop, int status) {
    }

    @Test
    void aRequestUsesAConnectionOfItsOwnEventLoop() throws Exception {
        Upstream beneficiary = routes.upstreams().stream().filter(upstream -> upstream.name().equals("beneficiary"))
                .findFirst().orElseThrow();
        ContextInternal first = ((VertxInternal) vertx).createEventLoopContext();
        ContextInternal second = ((VertxInternal) vertx).createEventLoopContext();
        // Contexts are handed loops in turn: two in a row are on two loops whenever there are two (2 per core).
        assertNotEquals(first.nettyEventLoop(), second.nettyEventLoop(), "the test needs two event loops");

        // The first loop's connections are idle in its pool when the second loop asks: one shared pool lent them out.
        List<Exchange> exchanges = new ArrayList<>(exchanges(first, beneficiary));
        exchanges.addAll(exchanges(second, beneficiary));

        assertEquals(2 * REQUESTS_PER_LOOP, exchanges.size());
        for (Exchange exchange : exchanges) {
            assertEquals(200, exchange.status());
            assertEquals(exchange.caller(), exchange.connection(), "a connection of another event loop was used");
            assertTrue(exchange.answeredOnCallerLoop(), "the answer was handled on another thread than the caller's loop");
        }
        assertTrue(client.pools() >= 2, "one pool per event loop that made requests");
        // Each loop's pool may open max-connections per service (100 in the tests' configuration), not a share of it.
        assertEquals(100, client.maxConnectionsPerPool());
    }

    private List<Exchange> exchanges(ContextInternal context, Upstream upstream) throws Exception {
        CompletableFuture<List<Exchange>> done = new CompletableFuture<>();
        context.runOnContext(ignored -> {
            List<Future<Exchange>> sent = new ArrayList<>();
            for (int i = 0; i < REQUESTS_PER_LOOP; i++) {
                sent.add(client.http().request(upstream.request(HttpMethod.GET, "/api/v1/beneficiaries/" + i, null))
                        .compose(HttpClientRequest::send)
                        .compose(response -> response.body().map(body -> new Exchange(context.nettyEventLoop(),
                                ((ConnectionBase) response.request().connection()).channel().eventLoop(),
                                context.nettyEventLoop().inEventLoop(), response.statusCode()))));
            }
            Future.all(sent).onComplete(all -> {
                if (all.failed()) {
                    done.completeExceptionally(all.cause());
                } else {
                    done.complete(all.result().list());
                }
            });
        });
        return done.get(10, TimeUnit.SECONDS);
    }
}
