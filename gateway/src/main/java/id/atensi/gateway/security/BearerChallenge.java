package id.atensi.gateway.security;

import id.atensi.gateway.limits.RateLimits;
import id.atensi.gateway.problem.GatewayProblem;
import id.atensi.gateway.problem.Problems;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The gateway's answer to a request without a usable token: 401, a Bearer challenge and a problem body; or
 * 429 when its address has used up the anonymous rate limit.
 */
@ApplicationScoped
class BearerChallenge {

    private final RateLimits rateLimits;

    BearerChallenge(RateLimits rateLimits) {
        this.rateLimits = rateLimits;
    }

    void send(RoutingContext ctx) {
        if (!rateLimits.admitUnauthenticated(ctx)) {
            return;
        }
        // RFC 6750 §3: a presented token that failed gets error="invalid_token"; no token gets a bare challenge.
        // The reason a token failed stays in the debug log: telling callers helps forgers more than clients.
        boolean tokenPresented = ctx.request().getHeader(HttpHeaders.AUTHORIZATION) != null;
        ctx.response().putHeader("WWW-Authenticate", tokenPresented ? "Bearer error=\"invalid_token\"" : "Bearer");
        Problems.send(ctx, GatewayProblem.UNAUTHENTICATED,
                tokenPresented ? "The bearer token is not valid." : "A bearer token is required.");
    }
}
