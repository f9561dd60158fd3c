package id.atensi.training.rest;

import id.atensi.commons.paging.Page;
import id.atensi.commons.paging.PageRequest;
import id.atensi.commons.rest.DateParameters;
import id.atensi.commons.rest.ETags;
import id.atensi.commons.security.Roles;
import id.atensi.training.domain.Programme;
import id.atensi.training.domain.SkillArea;
import id.atensi.training.service.ProgrammeService;
import id.atensi.training.service.ReportService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

@Path("/api/v1/training/programmes")
@Tag(name = "Training programmes", description = "What a set of classes teaches, and its totals")
@SecurityRequirement(name = "bearerAuth")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The role does not allow this")
public class ProgrammeResource {

    private final ProgrammeService programmes;
    private final ReportService reports;

    ProgrammeResource(ProgrammeService programmes, ReportService reports) {
        this.programmes = programmes;
        this.reports = reports;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(summary = "Create a programme", description = "Officers may start one for their unit's classes; changing it is then for admins.")
    @APIResponse(responseCode = "201", description = "Created; ETag carries its version", content = @Content(schema = @Schema(implementation = ProgrammeResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, with one error per field")
    public Response create(@Valid @NotNull ProgrammeRequest request, UriInfo uri) {
        Programme programme = programmes.create(request.details());
        return Response.created(uri.getAbsolutePathBuilder().path(programme.id.toString()).build())
                .tag(ETags.of(programme.version))
                .entity(ProgrammeResponse.of(programme)).build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER, Roles.AUDITOR, Roles.VIEWER})
    @Operation(summary = "List programmes", description = "Newest first, optionally only those teaching a skill area.")
    @APIResponse(responseCode = "200", description = "One page of programmes")
    @APIResponse(responseCode = "400", description = "Invalid paging or filter")
    public Page<ProgrammeResponse> list(@QueryParam("skillArea") SkillArea skillArea, @Valid @BeanParam PageRequest paging) {
        return programmes.list(skillArea, paging.page, paging.size).map(ProgrammeResponse::of);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER, Roles.AUDITOR, Roles.VIEWER})
    @Operation(summary = "Read a programme", description = "The ETag header is what an update sends back in If-Match.")
    @APIResponse(responseCode = "200", description = "The programme", content = @Content(schema = @Schema(implementation = ProgrammeResponse.class)))
    @APIResponse(responseCode = "404", description = "No programme with this id")
    public Response get(@PathParam("id") UUID id) {
        Programme programme = programmes.get(id);
        return Response.ok(ProgrammeResponse.of(programme)).tag(ETags.of(programme.version)).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Change a programme", description = """
            Needs If-Match with the ETag last read. Admins only: a programme is national, and the classes of several units
            may belong to it, so no one unit's officer changes it for the others.""")
    @APIResponse(responseCode = "200", description = "Changed; the new ETag is in the header", content = @Content(schema = @Schema(implementation = ProgrammeResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "404", description = "No programme with this id")
    @APIResponse(responseCode = "412", description = "The programme changed since the ETag sent in If-Match")
    @APIResponse(responseCode = "428", description = "If-Match is missing")
    public Response update(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @Valid @NotNull ProgrammeRequest request) {
        Programme programme = programmes.update(id, ETags.required(ifMatch), request.details());
        return Response.ok(ProgrammeResponse.of(programme)).tag(ETags.of(programme.version)).build();
    }

    @GET
    @Path("/{id}/report")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER, Roles.AUDITOR, Roles.VIEWER})
    @Operation(summary = "Report on a programme", description = """
            Participants by audience, attendance and completion rates and latest outcomes, in total and per class. \
            An officer's report counts only the classes its unit hosts, a partner's only the classes it provides. \
            Narrowed by period (from and to: the day each class starts, startDate, both days included; a class counts in \
            the period it starts in, with all its sessions, participants and outcomes) and by hostUnitId (the class's host \
            unit), together; they narrow what the caller reaches and never widen it (an officer naming another unit gets no \
            classes).""")
    @APIResponse(responseCode = "200", description = "The report", content = @Content(schema = @Schema(implementation = ProgrammeReportResponse.class)))
    @APIResponse(responseCode = "400", description = "from or to not a date (YYYY-MM-DD), or to before from")
    @APIResponse(responseCode = "404", description = "No programme with this id")
    public ProgrammeReportResponse report(@PathParam("id") UUID id,
                                          @QueryParam("from") @Parameter(description = "First day of the period (YYYY-MM-DD, included): classes starting on or after it", example = "2024-01-01") String from,
                                          @QueryParam("to") @Parameter(description = "Last day of the period (YYYY-MM-DD, included): classes starting on or before it", example = "2024-06-30") String to,
                                          @QueryParam("hostUnitId") @Parameter(description = "Only the classes this service unit hosts, within what the caller reaches") UUID hostUnitId) {
        return ProgrammeReportResponse.of(reports.ofProgramme(id, new ReportService.Filter(DateParameters.parse("from", from), DateParameters.parse("to", to), hostUnitId)));
    }
}
