package id.atensi.beneficiary.service;

import id.atensi.commons.rest.RequestTracingFilter;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Hands the request id (set by platform-commons' pre-matching filter) to {@link RequestId}, for the audit trail. */
public class RequestIdCapture {

    @Inject
    RequestId requestId;

    @ServerRequestFilter
    public void capture(ContainerRequestContext request) {
        String id = RequestTracingFilter.requestIdOf(request);
        if (id != null) {
            requestId.set(id);
        }
    }
}
