package id.atensi.aid.rest;

import id.atensi.aid.domain.Programme;
import id.atensi.aid.domain.ProgrammeStatus;
import id.atensi.aid.service.ProgrammeQueries;
import id.atensi.aid.service.ProgrammeService;
import id.atensi.commons.idempotency.Creations;
import id.atensi.commons.paging.Page;
import id.atensi.commons.paging.PageRequest;
import id.atensi.commons.rest.ETags;
import id.atensi.commons.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
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

@Path("/api/v1/aid/programmes")
@Tag(name = "Aid programmes", description = "Programmes and their budgets over funding sources, in integer rupiah")
@SecurityRequirement(name = "bearerAuth")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The role does not allow this")
public class ProgrammeResource {

    private final ProgrammeService programmes;
    private final ProgrammeQueries queries;
    private final Creations creations;

    ProgrammeResource(ProgrammeService programmes, ProgrammeQueries queries, Creations creations) {
        this.programmes = programmes;
        this.queries = queries;
        this.creations = creations;
    }

    private Response ok(ProgrammeQueries.Reading reading) {
        return Response.ok(AidProgrammeResponse.of(reading)).tag(ETags.of(reading.programme().version)).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Open a programme", description = "Admins only: programmes are national (Kemensos). The budget is the exact sum of the funding sources; a partner named as funder must be known and active. Publishes atensi.aid.programme.opened.v1. A retry with the same Idempotency-Key answers the first result.")
    @APIResponse(responseCode = "201", description = "Opened", content = @Content(schema = @Schema(implementation = AidProgrammeResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, one error per field")
    @APIResponse(responseCode = "422", description = "A funder partner unknown or inactive (rules unknown-partner, inactive-partner), the budget beyond the exact range (rule amount-overflow), or the Idempotency-Key was used for another request")
    public Response open(@HeaderParam("Idempotency-Key") @Parameter(description = "Makes the call safe to retry") String idempotencyKey,
                         @Valid @NotNull AidProgrammeRequest request, UriInfo uri) {
        return creations.create("open-programme", idempotencyKey, request, uri, () -> {
            Programme programme = programmes.open(request.toOpening());
            return new Creations.Created(programme.id, AidProgrammeResponse.of(queries.read(programme)));
        });
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.AUDITOR, Roles.PARTNER})
    @Operation(summary = "Read a programme with its budget", description = "committedIdr: held by approved distributions (delivered included); remainingIdr = budgetIdr - committedIdr; the same per funding source; all exact. Status and allowedTransitions are those at the moment of the request: an open programme reads ENDED from the day after its periodEnd (Asia/Jakarta).")
    @APIResponse(responseCode = "200", description = "The programme; ETag carries the version", content = @Content(schema = @Schema(implementation = AidProgrammeResponse.class)))
    @APIResponse(responseCode = "404", description = "No such programme")
    public Response get(@PathParam("id") UUID id) {
        return ok(queries.get(id));
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.AUDITOR, Roles.PARTNER})
    @Operation(summary = "List programmes", description = "Newest first, optionally by status as it is at the moment of the request (ENDED: open, but its period is over). Programmes are national: every reading role sees them all.")
    @APIResponse(responseCode = "200", description = "One page of programmes")
    @APIResponse(responseCode = "400", description = "Invalid paging or filter")
    public Page<AidProgrammeResponse> list(@QueryParam("status") ProgrammeStatus status, @Valid @BeanParam PageRequest paging) {
        return queries.list(status, paging.page, paging.size).map(AidProgrammeResponse::of);
    }

    @POST
    @Path("/{id}/close")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Close a programme", description = "Admins only, from OPEN or ENDED. A closed programme takes no new proposals or approvals; distributions under way go on. If-Match is optional, and enforced when sent. Publishes atensi.aid.programme.closed.v1.")
    @APIResponse(responseCode = "200", description = "Closed", content = @Content(schema = @Schema(implementation = AidProgrammeResponse.class)))
    @APIResponse(responseCode = "404", description = "No such programme")
    @APIResponse(responseCode = "409", description = "Already closed: currentStatus CLOSED, requestedStatus, allowedTransitions []")
    @APIResponse(responseCode = "412", description = "If-Match given and stale (an approval or delivery changed the programme since), or not an ETag of this programme")
    public Response close(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return ok(queries.read(programmes.close(id, ETags.optional(ifMatch))));
    }
}
