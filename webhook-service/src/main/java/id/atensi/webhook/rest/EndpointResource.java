package id.atensi.webhook.rest;

import id.atensi.commons.idempotency.Creations;
import id.atensi.commons.paging.Page;
import id.atensi.commons.paging.PageRequest;
import id.atensi.commons.rest.ETags;
import id.atensi.commons.security.Roles;
import id.atensi.webhook.domain.Endpoint;
import id.atensi.webhook.domain.EndpointStatus;
import id.atensi.webhook.service.EndpointQueries;
import id.atensi.webhook.service.EndpointService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/webhooks/endpoints")
@Tag(name = "Webhook endpoints", description = "Where a partner system receives the platform's events (Standard Webhooks)")
@SecurityRequirement(name = "bearerAuth")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.PARTNER})
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "Only admins and partners manage webhooks")
public class EndpointResource {

    /** Answers that carry a secret are kept by no cache. */
    private static final CacheControl NO_STORE = new CacheControl();

    static {
        NO_STORE.setNoStore(true);
        NO_STORE.setNoTransform(false);
    }

    private final EndpointService endpoints;
    private final EndpointQueries queries;
    private final Creations creations;

    EndpointResource(EndpointService endpoints, EndpointQueries queries, Creations creations) {
        this.endpoints = endpoints;
        this.queries = queries;
        this.creations = creations;
    }

    private static Response ok(Endpoint endpoint) {
        return Response.ok(EndpointResponse.of(endpoint)).tag(ETags.of(endpoint.version)).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register an endpoint", description = "A partner registers for itself, an admin for any known, active partner. The URL is checked now (https; its host must resolve only to public addresses) and again at every delivery. The answer carries the signing secret (whsec_…) once; it is never shown again. A retry with the same Idempotency-Key by the same caller answers the endpoint registered the first time, without the secret (Idempotent-Replayed: true): rotate the secret if the first answer was lost.")
    @APIResponse(responseCode = "201", description = "Registered; the body holds the secret (not on a replay)", content = @Content(schema = @Schema(implementation = EndpointResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields: the URL's form or scheme, an event type that is not delivered, an Idempotency-Key longer than 200 characters")
    @APIResponse(responseCode = "404", description = "A partner the caller may not act for")
    @APIResponse(responseCode = "422", description = "The partner is unknown or inactive, the URL's host resolves to a refused address (rule address-not-allowed), or the Idempotency-Key was used for another request")
    public Response register(@HeaderParam("Idempotency-Key") @Parameter(description = "Makes the call safe to retry") String idempotencyKey,
                             @Valid @NotNull EndpointRequest request, UriInfo uri) {
        EndpointService.Registered registered = endpoints.register(request.partnerId(), request.url(), request.description(),
                request.eventTypes(), request.maxInFlight(), idempotencyKey, creations.fingerprint(request));
        Endpoint endpoint = registered.endpoint();
        return Response.created(uri.getAbsolutePathBuilder().path(endpoint.id.toString()).build())
                .entity(registered.replayed() ? EndpointResponse.of(endpoint) : EndpointResponse.withSecret(endpoint, registered.secret()))
                .header(Creations.REPLAYED_HEADER, registered.replayed() ? "true" : null)
                .cacheControl(NO_STORE)
                .tag(ETags.of(endpoint.version)).build();
    }

    @GET
    @Operation(summary = "List endpoints", description = "A partner sees its own; an admin every partner's, or one partner's with partnerId.")
    @APIResponse(responseCode = "200", description = "One page")
    @APIResponse(responseCode = "400", description = "page or size out of range")
    public Page<EndpointSummary> list(@QueryParam("partnerId") @Parameter(description = "Only this partner's (admins)") UUID partnerId,
                                      @QueryParam("status") EndpointStatus status, @BeanParam @Valid PageRequest paging) {
        return queries.list(partnerId, status, paging).map(EndpointSummary::of);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read an endpoint", description = "Its settings and status, never its secret.")
    @APIResponse(responseCode = "200", description = "The endpoint", content = @Content(schema = @Schema(implementation = EndpointResponse.class)))
    @APIResponse(responseCode = "404", description = "No such endpoint within the caller's reach")
    public Response get(@PathParam("id") UUID id) {
        return ok(queries.get(id));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change an endpoint", description = "Replaces the URL, event types, description and limit of requests in flight; If-Match required. A new URL is checked as at registration.")
    @APIResponse(responseCode = "200", description = "Changed", content = @Content(schema = @Schema(implementation = EndpointResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "404", description = "No such endpoint within the caller's reach")
    @APIResponse(responseCode = "412", description = "If-Match names an older version")
    @APIResponse(responseCode = "422", description = "The URL's host resolves to a refused address (rule address-not-allowed)")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response change(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @Valid @NotNull EndpointChangeRequest request) {
        return ok(endpoints.change(id, ETags.required(ifMatch), request.url(), request.description(), request.eventTypes(),
                request.maxInFlight()));
    }

    @POST
    @Path("/{id}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Enable or disable an endpoint", description = "Disabling publishes atensi.webhook.endpoint.disabled.v1 (reason MANUAL); pending deliveries wait. Enabling checks the URL again, starts a fresh five-day count and resumes them. If-Match optional.")
    @APIResponse(responseCode = "200", description = "Changed", content = @Content(schema = @Schema(implementation = EndpointResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "404", description = "No such endpoint within the caller's reach")
    @APIResponse(responseCode = "409", description = "Already in that status (currentStatus, allowedTransitions)")
    @APIResponse(responseCode = "412", description = "If-Match names an older version")
    @APIResponse(responseCode = "422", description = "Enabling: the URL's host now resolves to a refused address")
    public Response changeStatus(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @Valid @NotNull EndpointStatusRequest request) {
        return ok(endpoints.changeStatus(id, ETags.optional(ifMatch), request.status()));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete an endpoint", description = "With its delivery log; pending deliveries are dropped.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such endpoint within the caller's reach")
    public Response delete(@PathParam("id") UUID id) {
        endpoints.delete(id);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/secret/rotation")
    @Operation(summary = "Rotate the signing secret", description = "Answers the new secret once. For 24 hours the previous secret signs too: webhook-signature then carries two signatures, the new one first, so the receiver can switch without losing a delivery.")
    @APIResponse(responseCode = "200", description = "Rotated; the body holds the new secret", content = @Content(schema = @Schema(implementation = EndpointResponse.class)))
    @APIResponse(responseCode = "404", description = "No such endpoint within the caller's reach")
    public Response rotate(@PathParam("id") UUID id) {
        EndpointService.Rotated rotated = endpoints.rotateSecret(id);
        return Response.ok(EndpointResponse.withSecret(rotated.endpoint(), rotated.secret())).cacheControl(NO_STORE)
                .tag(ETags.of(rotated.endpoint().version)).build();
    }

    @POST
    @Path("/{id}/ping")
    @Operation(summary = "Send a test event", description = "Delivers atensi.webhook.ping.v1 (data: endpointId, partnerId, sentAt) like any event: signed, retried, in the log.")
    @APIResponse(responseCode = "202", description = "Queued", content = @Content(schema = @Schema(implementation = DeliverySummary.class)))
    @APIResponse(responseCode = "404", description = "No such endpoint within the caller's reach")
    @APIResponse(responseCode = "409", description = "The endpoint is disabled")
    public Response ping(@PathParam("id") UUID id) {
        return Response.accepted(DeliverySummary.of(endpoints.ping(id))).build();
    }
}
