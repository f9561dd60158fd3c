package id.atensi.beneficiary.service;

import id.atensi.commons.rest.RequestTracingFilter;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Hands the request id (set by platform-commons' pre-matching filter) to {@link Caller}, for the audit trail. */
public class RequestIdCapture {

    @Inject
    Caller caller;

    @ServerRequestFilter
    public void capture(ContainerRequestContext request) {
        Object requestId = request.getProperty(RequestTracingFilter.REQUEST_ID_PROPERTY);
        if (requestId != null) {
            caller.requestId(requestId.toString());
        }
    }
}
