package id.atensi.gateway.problem;

import id.atensi.gateway.request.RequestTarget;
import id.atensi.gateway.requestid.RequestIds;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Locale;

/** Writes RFC 9457 problem+json responses shaped like the services' ones (platform-commons' Problem). */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";

    private static final int MAX_INSTANCE_LENGTH = 2048;

    private Problems() {
    }

    public static void send(RoutingContext ctx, GatewayProblem problem, String detail) {
        send(ctx, problem.status(), problem.type(), problem.title(), problem.code(), detail);
    }

    /**
     * A problem for any status: the gateway's own type where it has one, otherwise RFC 9457's {@code about:blank}
     * (the status says all there is) with the status' reason phrase as title and, as code, that phrase in the
     * platform's spelling ({@code request-timeout}).
     */
    public static void sendStatus(RoutingContext ctx, int status, String detail) {
        GatewayProblem problem = GatewayProblem.forStatus(status);
        if (problem != null) {
            send(ctx, problem, detail);
            return;
        }
        String reason = HttpResponseStatus.valueOf(status).reasonPhrase();
        send(ctx, status, "about:blank", reason, reason.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"), detail);
    }

    private static void send(RoutingContext ctx, int status, String type, String title, String code, String detail) {
        JsonObject body = new JsonObject()
                .put("type", type)
                .put("title", title)
                .put("status", status)
                .put("detail", detail);
        // A target the gateway could not read has no path worth repeating, nor has one too long to take.
        String path = RequestTarget.path(ctx);
        if (path != null && path.length() <= MAX_INSTANCE_LENGTH) {
            body.put("instance", path);
        }
        body.put("code", code);
        String requestId = RequestIds.of(ctx);
        if (requestId != null) {
            body.put("requestId", requestId);
        }
        ctx.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, MEDIA_TYPE)
                .end(body.toBuffer());
    }
}
