package id.atensi.webhook.rest;

import id.atensi.commons.paging.Page;
import id.atensi.commons.paging.PageRequest;
import id.atensi.commons.security.Roles;
import id.atensi.webhook.domain.DeliveryStatus;
import id.atensi.webhook.service.DeliveryQueries;
import id.atensi.webhook.service.DeliveryService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;
import java.util.UUID;

@Path("/api/v1/webhooks/endpoints/{endpointId}")
@Tag(name = "Webhook deliveries", description = "The delivery log of an endpoint, and replays")
@SecurityRequirement(name = "bearerAuth")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.PARTNER})
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "Only admins and partners manage webhooks")
public class DeliveryResource {

    private final DeliveryQueries queries;
    private final DeliveryService deliveries;

    DeliveryResource(DeliveryQueries queries, DeliveryService deliveries) {
        this.queries = queries;
        this.deliveries = deliveries;
    }

    @GET
    @Path("/deliveries")
    @Operation(summary = "List deliveries", description = "Newest first; from and to bound the creation time, [from, to).")
    @APIResponse(responseCode = "200", description = "One page")
    @APIResponse(responseCode = "400", description = "A parameter out of range or not a date-time")
    @APIResponse(responseCode = "404", description = "No such endpoint within the caller's reach")
    public Page<DeliverySummary> list(@PathParam("endpointId") UUID endpointId, @QueryParam("status") DeliveryStatus status,
                                      @QueryParam("from") @Parameter(description = "ISO-8601 date-time with offset") OffsetDateTime from,
                                      @QueryParam("to") @Parameter(description = "ISO-8601 date-time with offset") OffsetDateTime to,
                                      @BeanParam @Valid PageRequest paging) {
        return queries.list(endpointId, status, from, to, paging).map(DeliverySummary::of);
    }

    @GET
    @Path("/deliveries/{deliveryId}")
    @Operation(summary = "Read a delivery with its attempts", description = "Every attempt: time, outcome, status, latency and the start of the answer.")
    @APIResponse(responseCode = "200", description = "The delivery", content = @Content(schema = @Schema(implementation = DeliveryResponse.class)))
    @APIResponse(responseCode = "404", description = "No such endpoint or delivery within the caller's reach")
    public DeliveryResponse get(@PathParam("endpointId") UUID endpointId, @PathParam("deliveryId") UUID deliveryId) {
        return DeliveryResponse.of(queries.get(endpointId, deliveryId));
    }

    @POST
    @Path("/deliveries/{deliveryId}/replay")
    @Operation(summary = "Replay one delivery", description = "Sent again from the start of the schedule with the same webhook-id; the body is built now, so consent and erasure as they stand now apply.")
    @APIResponse(responseCode = "202", description = "Pending again", content = @Content(schema = @Schema(implementation = DeliverySummary.class)))
    @APIResponse(responseCode = "404", description = "No such endpoint or delivery within the caller's reach")
    @APIResponse(responseCode = "409", description = "The endpoint is disabled")
    public Response replay(@PathParam("endpointId") UUID endpointId, @PathParam("deliveryId") UUID deliveryId) {
        return Response.accepted(DeliverySummary.of(deliveries.replay(endpointId, deliveryId))).build();
    }

    @POST
    @Path("/replays")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replay the deliveries of a time range", description = "Every delivery created in [from, to) that is not pending is sent again, oldest first per aggregate; at most 10,000 at once.")
    @APIResponse(responseCode = "202", description = "Pending again", content = @Content(schema = @Schema(implementation = ReplayResponse.class)))
    @APIResponse(responseCode = "400", description = "from or to missing, or to not after from")
    @APIResponse(responseCode = "404", description = "No such endpoint within the caller's reach")
    @APIResponse(responseCode = "409", description = "The endpoint is disabled")
    @APIResponse(responseCode = "422", description = "More than 10,000 deliveries in the range (rule replay-too-large)")
    public Response replayRange(@PathParam("endpointId") UUID endpointId, @Valid @NotNull ReplayRequest request) {
        return Response.accepted(new ReplayResponse(deliveries.replay(endpointId, request.from(), request.to()))).build();
    }
}
