package id.atensi.gateway.request;

import id.atensi.gateway.GatewayMain;
import id.atensi.gateway.config.GatewayConfig;
import id.atensi.gateway.problem.GatewayProblem;
import id.atensi.gateway.problem.Problems;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.Map;

/**
 * Refuses, as problem+json, the requests that reach the gateway's router but cannot be passed on: a request
 * line or header section over the limits (414, 431), and a target the gateway cannot read or forward as it
 * came (400). Quarkus' HTTP server lets far longer lines and headers through
 * ({@code quarkus.http.limits.max-initial-line-length} and {@code max-header-size}) precisely so that they are
 * judged here, with an answer, rather than by Netty's codec, which answers with an empty body.
 */
@Singleton
public class MalformedRequests {

    private static final Logger LOG = Logger.getLogger(MalformedRequests.class);

    /** {@code ": "} between name and value and the CR LF after each header line. */
    private static final int HEADER_LINE_OVERHEAD = 4;
    /** The spaces around the target and {@code HTTP/1.1}. */
    private static final int REQUEST_LINE_OVERHEAD = 10;

    private final int maxRequestLine;
    private final int maxHeaderSize;

    public MalformedRequests(GatewayConfig config) {
        this.maxRequestLine = config.requestLimits().maxRequestLine();
        this.maxHeaderSize = config.requestLimits().maxHeaderSize();
    }

    void warnWhenQuarkusChecksTargets(@Observes StartupEvent started) {
        if (!Boolean.getBoolean(GatewayMain.QUARKUS_URI_VALIDATION_OFF)) {
            LOG.warnf("Started without -D%s=true (GatewayMain sets it): a request target java.net.URI cannot parse"
                    + " gets Quarkus' empty 400 instead of problem+json", GatewayMain.QUARKUS_URI_VALIDATION_OFF);
        }
    }

    /**
     * A step of RequestPipeline, after the request id (so that the answer carries it), before the body size limit.
     *
     * @return true when the request may go on; false when its problem has been sent
     */
    public boolean admit(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (request.method().name().length() + request.uri().length() + REQUEST_LINE_OVERHEAD > maxRequestLine) {
            Problems.send(ctx, GatewayProblem.URI_TOO_LONG, "The request line is longer than " + maxRequestLine + " bytes.");
            return false;
        }
        long headerSize = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            headerSize += header.getKey().length() + header.getValue().length() + HEADER_LINE_OVERHEAD;
        }
        if (headerSize > maxHeaderSize) {
            Problems.send(ctx, GatewayProblem.HEADERS_TOO_LARGE, "The request headers are larger than " + maxHeaderSize + " bytes.");
            return false;
        }
        String problem = RequestTarget.problemWith(ctx);
        if (problem != null) {
            Problems.send(ctx, GatewayProblem.MALFORMED_REQUEST, problem);
            return false;
        }
        return true;
    }
}
