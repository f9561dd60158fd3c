package id.atensi.commons.rest;

import id.atensi.commons.events.EventConsumerRunner;
import id.atensi.commons.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * Operators' view of this service's event consumers, and replay. Outside {@code /api}: the gateway
 * neither routes it nor puts it in the public document; operators call the service directly.
 */
@Path("/admin/event-consumers")
@Tag(name = "Operations", description = "Event consumers of this service")
@SecurityRequirement(name = "bearerAuth")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Only admins", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class EventConsumerAdminResource {

    private final EventConsumerRunner runner;

    EventConsumerAdminResource(EventConsumerRunner runner) {
        this.runner = runner;
    }

    @GET
    @Operation(summary = "List this service's event consumers")
    @APIResponse(responseCode = "200", description = "Consumers with their group and topics")
    public List<EventConsumerRunner.ConsumerInfo> list() {
        return runner.consumers();
    }

    @POST
    @Path("/{name}/replay")
    @Operation(summary = "Rebuild a consumer's read model from the start of its topics",
            description = "Stops the consumer, forgets its inbox and read model, rewinds its group to the earliest retained offsets and starts it again.")
    @APIResponse(responseCode = "204", description = "Replay started; the read model fills up as the events are applied again")
    @APIResponse(responseCode = "404", description = "No consumer of that name", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Other replicas consume in the same group", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void replay(@PathParam("name") String name) {
        runner.replay(name);
    }
}
