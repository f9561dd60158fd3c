package id.atensi.gateway.routing;

import id.atensi.gateway.limits.RateLimits;
import id.atensi.gateway.request.RequestTarget;
import id.atensi.gateway.security.ProblemChallengeJwtMechanism;
import id.atensi.gateway.security.VerifiedIdentities;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;

/**
 * Forwards a request whose bearer token the gateway verified before, as soon as the checks every request gets are
 * done (RequestPipeline), without the rest of the chain: Quarkus' authentication (a Mutiny pipeline that captures
 * contexts at each step even when the token is known), its path-matching permission check, the rate limiter's and
 * the proxy's own routes. These were about a fifth of the gateway's CPU per proxied read (bench/RESULTS.md). It
 * does what they would have done for such a request: the identity is the one the mechanism keeps for the token,
 * the roles are those every configured permission admits ({@code PlatformPermissions}), the client is counted
 * against its rate limit, the service is the route table's. Everything else takes the chain as before: no token,
 * a token not seen or refused (its 401 and its signature check are the mechanism's), an identity without a
 * platform role (403), a path no service serves, and any request with an {@code Origin} header (CORS decides
 * those; without one, Quarkus' CORS filter and the gateway's CorsRejections let a request pass untouched).
 */
@Singleton
public class KnownTokenForwarding {

    private final VerifiedIdentities identities;
    private final RouteTable routes;
    private final RateLimits rateLimits;
    private final UpstreamProxy proxy;
    /** How many requests took this way: its share of all requests tells whether the verified-token cache is too small. */
    private final Counter taken;

    public KnownTokenForwarding(VerifiedIdentities identities, RouteTable routes, RateLimits rateLimits, UpstreamProxy proxy,
                                MeterRegistry registry) {
        this.identities = identities;
        this.routes = routes;
        this.rateLimits = rateLimits;
        this.proxy = proxy;
        this.taken = Counter.builder("atensi.gateway.known.token.requests")
                .description("Requests with a token verified before, taken past Quarkus' authentication chain")
                .register(registry);
    }

    /** @return true when the request has been taken (forwarded, or answered with 429); false to go on through the chain */
    public boolean handled(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (request.headers().contains(HttpHeaders.ORIGIN)) {
            return false;
        }
        String token = ProblemChallengeJwtMechanism.bearerToken(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (token == null) {
            return false;
        }
        Upstream upstream = routes.serviceFor(RequestTarget.path(ctx));
        if (upstream == null) {
            return false;
        }
        VerifiedIdentities.Verified verified = identities.find(token);
        if (verified == null || !verified.admittedEverywhere()) {
            return false;
        }
        // Where Quarkus' authentication would have left the identity: the access log reads the subject from it.
        ctx.setUser(new QuarkusHttpUser(verified.identity()));
        taken.increment();
        if (rateLimits.admitAuthenticated(ctx, verified.client())) {
            proxy.forward(ctx, upstream);
        }
        return true;
    }
}
