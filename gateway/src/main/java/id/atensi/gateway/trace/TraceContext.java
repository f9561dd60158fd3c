package id.atensi.gateway.trace;

import io.vertx.ext.web.RoutingContext;

import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * W3C trace context (https://www.w3.org/TR/trace-context/): a valid incoming {@code traceparent} is kept,
 * otherwise the gateway starts a trace with a fresh one ({@code 00-<32 hex>-<16 hex>-01}). The services copy
 * it into the CloudEvents they publish, so one trace id follows a request through Kafka.
 */
public final class TraceContext {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    /** Version 00 exactly; a later version is accepted by its first four fields, as the spec asks. */
    private static final Pattern VALID = Pattern.compile("([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?");
    private static final String ALL_ZERO_TRACE = "0".repeat(32);
    private static final String ALL_ZERO_PARENT = "0".repeat(16);
    private static final String CONTEXT_KEY = "atensi.traceparent";
    /**
     * The services' bound too (platform-commons' TraceContext): a later version may add fields, a header of kilobytes
     * is not one, and a trace the services would drop must not be the one the gateway logs.
     */
    private static final int MAX_LENGTH = 512;

    private TraceContext() {
    }

    /** The request's traceparent: the caller's when valid, a new one otherwise (the same on every call). */
    public static String of(RoutingContext ctx) {
        String traceparent = ctx.get(CONTEXT_KEY);
        if (traceparent == null) {
            String incoming = ctx.request().getHeader(TRACEPARENT);
            traceparent = isValid(incoming) ? incoming.trim().toLowerCase(Locale.ROOT) : generate();
            ctx.put(CONTEXT_KEY, traceparent);
        }
        return traceparent;
    }

    /** Whether the caller's own traceparent was kept (its tracestate belongs to it and may go on too). */
    public static boolean incomingKept(RoutingContext ctx) {
        String incoming = ctx.request().getHeader(TRACEPARENT);
        return incoming != null && incoming.trim().toLowerCase(Locale.ROOT).equals(of(ctx));
    }

    /** The trace id part of the request's traceparent. */
    public static String traceId(RoutingContext ctx) {
        return of(ctx).substring(3, 35);
    }

    public static boolean isValid(String traceparent) {
        if (traceparent == null || traceparent.length() > MAX_LENGTH) {
            return false;
        }
        var matcher = VALID.matcher(traceparent.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            return false;
        }
        String version = matcher.group(1);
        if (version.equals("ff") || (version.equals("00") && matcher.group(5) != null)) {
            return false;
        }
        return !matcher.group(2).equals(ALL_ZERO_TRACE) && !matcher.group(3).equals(ALL_ZERO_PARENT);
    }

    /**
     * A new traceparent with random ids. The spec asks for random ids, not unguessable ones: the thread's own
     * generator, rather than a SecureRandom whose hash and shared lock every request paid for.
     */
    public static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long traceHigh;
        long traceLow;
        long parent;
        do {
            traceHigh = random.nextLong();
            traceLow = random.nextLong();
            parent = random.nextLong();
        } while ((traceHigh == 0 && traceLow == 0) || parent == 0);
        HexFormat hex = HexFormat.of();
        return "00-" + hex.toHexDigits(traceHigh) + hex.toHexDigits(traceLow) + "-" + hex.toHexDigits(parent) + "-01";
    }
}
