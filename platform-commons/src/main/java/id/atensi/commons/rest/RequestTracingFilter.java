package id.atensi.commons.rest;

import id.atensi.commons.events.TraceContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Keeps the request id (from the gateway, or made here when a caller came directly) on the request and
 * the response, and the trace context on the events the request causes.
 */
public class RequestTracingFilter {

    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    public static final String REQUEST_ID_PROPERTY = "atensi.request-id";
    private static final Pattern ACCEPTABLE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Inject
    TraceContext traceContext;

    /**
     * Ahead of every other filter: a filter that answers at once (a 413 before an oversized body is read) does so
     * before the filters after it run, and its answer names the request too.
     */
    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION - 500)
    public void onRequest(ContainerRequestContext request) {
        String requestId = request.getHeaderString(REQUEST_ID_HEADER);
        if (requestId == null || !ACCEPTABLE_REQUEST_ID.matcher(requestId).matches()) {
            requestId = UUID.randomUUID().toString();
        }
        request.setProperty(REQUEST_ID_PROPERTY, requestId);
        traceContext.traceParent(request.getHeaderString("traceparent"));
    }

    /** The request id this filter gave the request, for an answer built outside the exception mappers. */
    public static String requestIdOf(ContainerRequestContext request) {
        Object requestId = request.getProperty(REQUEST_ID_PROPERTY);
        return requestId == null ? null : requestId.toString();
    }

    @ServerResponseFilter
    public void onResponse(ContainerRequestContext request, ContainerResponseContext response) {
        String requestId = requestIdOf(request);
        if (requestId != null) {
            response.getHeaders().putSingle(REQUEST_ID_HEADER, requestId);
        }
    }
}
