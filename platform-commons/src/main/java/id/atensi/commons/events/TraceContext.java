package id.atensi.commons.events;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import jakarta.enterprise.context.RequestScoped;

/**
 * The W3C trace context of the HTTP request being served, so that the events it causes carry it on.
 * Filled by {@link id.atensi.commons.rest.RequestTracingFilter}.
 */
@RequestScoped
public class TraceContext {

    private String traceParent;

    public void traceParent(String value) {
        this.traceParent = value;
    }

    /** The current request's {@code traceparent}, or {@code null} outside a request or without one. */
    static String currentTraceParent() {
        ManagedContext requestContext = Arc.container().requestContext();
        if (!requestContext.isActive()) {
            return null;
        }
        return Arc.container().instance(TraceContext.class).get().traceParent;
    }
}
