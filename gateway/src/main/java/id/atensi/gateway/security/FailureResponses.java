package id.atensi.gateway.security;

import id.atensi.gateway.problem.GatewayProblem;
import id.atensi.gateway.problem.Problems;
import id.atensi.gateway.requestid.RequestIds;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Turns failed requests into problem+json: bad tokens (401 with a Bearer challenge), tokens without a
 * platform role (403), and anything unexpected (500, logged here with the request id, never shown to the
 * caller). Other client errors keep Quarkus' own answers.
 */
@ApplicationScoped
public class FailureResponses {

    private static final Logger LOG = Logger.getLogger(FailureResponses.class);

    private final BearerChallenge challenge;

    FailureResponses(BearerChallenge challenge) {
        this.challenge = challenge;
    }

    void register(@Observes Router router) {
        router.route().failureHandler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        if (ctx.response().headWritten()) {
            ctx.next();
            return;
        }
        Throwable failure = ctx.failure();
        int status = ctx.statusCode();
        if (failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException
                || failure instanceof AuthenticationCompletionException || (failure == null && status == 401)) {
            challenge.send(ctx);
        } else if (failure instanceof ForbiddenException || (failure == null && status == 403)) {
            Problems.send(ctx, GatewayProblem.FORBIDDEN, "The token carries none of the platform's roles.");
        } else if (status == -1 || status >= 500) {
            LOG.errorf(failure, "%s %s failed (request %s)", ctx.request().method(), ctx.normalizedPath(), RequestIds.of(ctx));
            Problems.send(ctx, GatewayProblem.INTERNAL, "The gateway failed to handle the request.");
        } else {
            ctx.next();
        }
    }
}
