package id.atensi.gateway.security;

import id.atensi.gateway.problem.GatewayProblem;
import id.atensi.gateway.problem.Problems;
import id.atensi.gateway.request.RequestTarget;
import id.atensi.gateway.requestid.RequestIds;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Turns every failed request into problem+json: bad tokens (401 with a Bearer challenge), tokens without a
 * platform role (403), requests Vert.x Web refuses itself (no Host header, a target it cannot read, no route:
 * the status it chose, with a detail that never repeats an exception's message), and anything unexpected (500,
 * logged here with the request id, never shown to the caller). Nothing is left to Quarkus' error page, which
 * names the exception and, outside prod, prints its stack trace.
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
        // Vert.x Web's answers that pass no failure handler: no route for the path (404) or the method (405),
        // and failures raised before the routes ran, such as a path it cannot decode.
        for (int status = 400; status < 600; status++) {
            int chosen = status;
            router.errorHandler(status, ctx -> answer(ctx, chosen));
        }
    }

    private void handle(RoutingContext ctx) {
        if (ctx.response().headWritten()) {
            ctx.next();
            return;
        }
        int status = ctx.statusCode();
        if (status == -1 && ctx.failure() instanceof HttpException http) {
            status = http.getStatusCode();
        }
        answer(ctx, status);
    }

    private void answer(RoutingContext ctx, int status) {
        if (ctx.response().headWritten()) {
            return;
        }
        RequestIds.ensure(ctx);
        SecurityHeaders.applyTo(ctx);
        Throwable failure = ctx.failure();
        if (failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException
                || failure instanceof AuthenticationCompletionException || (failure == null && status == 401)) {
            challenge.send(ctx);
        } else if (failure instanceof ForbiddenException || (failure == null && status == 403)) {
            Problems.send(ctx, GatewayProblem.FORBIDDEN, "The token carries none of the platform's roles.");
        } else if (RequestTarget.problemWith(ctx) != null) {
            Problems.send(ctx, GatewayProblem.MALFORMED_REQUEST, RequestTarget.problemWith(ctx));
        } else if (status >= 400 && status < 500) {
            LOG.debugf("%s %s refused with %d (request %s): %s", ctx.request().method(), RequestTarget.path(ctx), status,
                    RequestIds.of(ctx), failure);
            Problems.sendStatus(ctx, status, detail(ctx, status));
        } else {
            LOG.errorf(failure, "%s %s failed (request %s)", ctx.request().method(), RequestTarget.path(ctx), RequestIds.of(ctx));
            Problems.send(ctx, GatewayProblem.INTERNAL, "The gateway failed to handle the request.");
        }
    }

    private static String detail(RoutingContext ctx, int status) {
        if (status == 400 && ctx.request().authority() == null) {
            return "An HTTP/1.1 request needs a Host header.";
        }
        return switch (status) {
            case 400 -> "The request is malformed.";
            case 404 -> "Nothing is served at this path.";
            case 405 -> "This path does not take the method " + ctx.request().method().name() + ".";
            default -> "The gateway refused the request.";
        };
    }
}
