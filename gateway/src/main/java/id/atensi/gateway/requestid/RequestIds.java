package id.atensi.gateway.requestid;

import io.vertx.ext.web.RoutingContext;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Gives every request an {@code X-Request-Id}: the caller's when it is a plausible id, a new UUID
 * otherwise. It is set on the response before anything else runs, so that 401s, 404s and 502s carry it too.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String HEADER_LOWER_CASE = "x-request-id";

    /** Same rule as the services' filter: anything else (too long, control characters) is not worth echoing. */
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final String CONTEXT_KEY = "atensi.request-id";

    /**
     * Gives the request its id if it has none yet. RequestPipeline calls it before anything can answer (Quarkus'
     * CORS and authentication filters among them); Vert.x Web fails some requests (no Host header, a target that
     * is not a path) before any filter runs, and their problem answers get an id here all the same.
     */
    public static String ensure(RoutingContext ctx) {
        String requestId = of(ctx);
        if (requestId == null) {
            requestId = ctx.request().getHeader(HEADER);
            if (requestId == null || !ACCEPTABLE.matcher(requestId).matches()) {
                requestId = randomUuid();
            }
            ctx.put(CONTEXT_KEY, requestId);
            ctx.response().putHeader(HEADER, requestId);
        }
        return requestId;
    }

    /**
     * A random (version 4) UUID from the thread's own generator. An id only has to differ from the others, and
     * {@link UUID#randomUUID()}'s SecureRandom costs a hash and a lock shared by every event loop per request.
     */
    static String randomUuid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /** The request's id, or null before {@link #ensure} ran. */
    public static String of(RoutingContext ctx) {
        return ctx.get(CONTEXT_KEY);
    }
}
