package id.atensi.commons.events;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import jakarta.enterprise.context.RequestScoped;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The W3C trace context of the HTTP request being served, so that the events it causes carry it on.
 * Filled by {@link id.atensi.commons.rest.RequestTracingFilter}.
 */
@RequestScoped
public class TraceContext {

    /** W3C trace context's version 00; a later version is read by its first four fields, as the spec asks (3.2.4). */
    private static final Pattern TRACE_PARENT = Pattern.compile("([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?");
    private static final String NO_TRACE = "0".repeat(32);
    private static final String NO_PARENT = "0".repeat(16);
    /** Far above the 55 characters of version 00: a later version may add fields, a header of kilobytes is not one. */
    private static final int MAX_LENGTH = 512;

    private String traceParent;

    /**
     * Keeps {@code value} when it is a valid {@code traceparent}, in lower case and as version 00; anything else is
     * dropped, so that no text of a caller's own that reached the service without the gateway rides on its events.
     */
    public void traceParent(String value) {
        this.traceParent = validOrNull(value);
    }

    static String validOrNull(String value) {
        if (value == null || value.length() > MAX_LENGTH) {
            return null;
        }
        String candidate = value.strip().toLowerCase(Locale.ROOT);
        Matcher matcher = TRACE_PARENT.matcher(candidate);
        if (!matcher.matches()) {
            return null;
        }
        String version = matcher.group(1);
        boolean knownVersionWithMore = version.equals("00") && matcher.group(5) != null;
        if (version.equals("ff") || knownVersionWithMore || matcher.group(2).equals(NO_TRACE) || matcher.group(3).equals(NO_PARENT)) {
            return null;
        }
        // Only the four fields this version knows go on: whatever a later version adds is not ours to pass along.
        return "00-" + matcher.group(2) + "-" + matcher.group(3) + "-" + matcher.group(4);
    }

    /**
     * The current request's {@code traceparent}, or {@code null} outside a request or without one; for work the request
     * starts that writes its events later, away from the request (an import's chunks).
     */
    public static String currentTraceParent() {
        ManagedContext requestContext = Arc.container().requestContext();
        if (!requestContext.isActive()) {
            return null;
        }
        return Arc.container().instance(TraceContext.class).get().traceParent();
    }

    /**
     * Read through this method, never the field: the instance a caller holds is the request scope's client proxy,
     * whose own field is always empty; only a method call reaches the current request's instance.
     */
    String traceParent() {
        return traceParent;
    }
}
