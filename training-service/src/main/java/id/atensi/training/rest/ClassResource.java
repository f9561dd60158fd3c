package id.atensi.training.rest;

import id.atensi.commons.paging.Page;
import id.atensi.commons.paging.PageRequest;
import id.atensi.commons.rest.ETags;
import id.atensi.commons.rest.ProblemException;
import id.atensi.commons.security.Roles;
import id.atensi.training.domain.ClassSession;
import id.atensi.training.domain.ClassStatus;
import id.atensi.training.service.ClassQueries;
import id.atensi.training.service.ClassService;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/api/v1/training/classes")
@Tag(name = "Training classes", description = "Classes, their sessions and lifecycle PLANNED → OPEN → RUNNING → COMPLETED | CANCELLED")
@SecurityRequirement(name = "bearerAuth")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The role does not allow this")
public class ClassResource {

    private final ClassService classes;
    private final ClassQueries queries;
    private final ReportService reports;

    ClassResource(ClassService classes, ClassQueries queries, ReportService reports) {
        this.classes = classes;
        this.queries = queries;
        this.reports = reports;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER})
    @Operation(summary = "Schedule a class", description = """
            Plans a class (status PLANNED) with its first sessions. An officer schedules only classes its unit hosts, a partner only classes it provides.             Publishes atensi.training.class.scheduled.v1.""")
    @APIResponse(responseCode = "201", description = "Scheduled", content = @Content(schema = @Schema(implementation = ClassResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields (e.g. a virtual class without meeting link, a session outside the class dates)")
    @APIResponse(responseCode = "422", description = "The programme does not exist, the host unit is unknown or closed (INACTIVE), or a provider is unknown or deactivated (field errors name them)")
    public Response schedule(@Valid @NotNull ScheduleClassRequest request, UriInfo uri) {
        ClassQueries.ClassReading scheduled = classes.schedule(request.programmeId(), request.details(), request.sessionDetails());
        return Response.created(uri.getAbsolutePathBuilder().path(scheduled.trainingClass().id.toString()).build())
                .tag(ETags.of(scheduled.trainingClass().version))
                .entity(ClassResponse.of(scheduled)).build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER, Roles.AUDITOR, Roles.VIEWER})
    @Operation(summary = "List classes", description = "Latest start first; an officer sees only the classes its unit hosts, a partner only those it provides.")
    @APIResponse(responseCode = "200", description = "One page of classes (without their sessions)")
    @APIResponse(responseCode = "400", description = "Invalid paging or filter")
    public Page<ClassResponse> list(@QueryParam("programmeId") UUID programmeId, @QueryParam("status") ClassStatus status,
                                    @QueryParam("providerPartnerId") UUID providerPartnerId, @QueryParam("hostUnitId") UUID hostUnitId,
                                    @Valid @BeanParam PageRequest paging) {
        return queries.list(new ClassQueries.ClassFilter(programmeId, status, providerPartnerId, hostUnitId), paging.page, paging.size)
                .map(ClassResponse::of);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER, Roles.AUDITOR, Roles.VIEWER})
    @Operation(summary = "Read a class", description = "With its sessions; the ETag header is what an update sends back in If-Match.")
    @APIResponse(responseCode = "200", description = "The class", content = @Content(schema = @Schema(implementation = ClassResponse.class)))
    @APIResponse(responseCode = "404", description = "No class with this id that the caller may see")
    public Response get(@PathParam("id") UUID id) {
        return withSessions(queries.read(id));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER})
    @Operation(summary = "Change a class", description = """
            Needs If-Match with the ETag last read. Raising the capacity of an open or running class moves people from             the waitlist into the new places; it cannot go below the number enrolled.""")
    @APIResponse(responseCode = "200", description = "Changed; the new ETag is in the header", content = @Content(schema = @Schema(implementation = ClassResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "404", description = "No class with this id that the caller may see")
    @APIResponse(responseCode = "409", description = "The class is completed or cancelled")
    @APIResponse(responseCode = "412", description = "The class changed since the ETag sent in If-Match")
    @APIResponse(responseCode = "422", description = "Capacity below the participants enrolled, a partner removing itself, an unknown host unit or a move to a closed (INACTIVE) one, or an unknown or deactivated provider; a class keeping its closed host stays editable")
    @APIResponse(responseCode = "428", description = "If-Match is missing")
    public Response update(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Valid @NotNull UpdateClassRequest request) {
        return withSessions(classes.update(id, ETags.required(ifMatch), request.details()));
    }

    @POST
    @Path("/{id}/open")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER})
    @Operation(summary = "Open a class for enrolment", description = "PLANNED → OPEN, while its host unit is open (else allowedTransitions does not offer OPEN). If-Match is optional. Publishes atensi.training.class.opened.v1.")
    @APIResponse(responseCode = "200", description = "Opened", content = @Content(schema = @Schema(implementation = ClassResponse.class)))
    @APIResponse(responseCode = "404", description = "No class with this id that the caller may see")
    @APIResponse(responseCode = "409", description = "Not allowed from the current status: currentStatus, requestedStatus, allowedTransitions")
    @APIResponse(responseCode = "412", description = "If-Match given and stale")
    @APIResponse(responseCode = "422", description = "The host unit is closed (INACTIVE); the field error names hostUnitId, and currentStatus, requestedStatus and allowedTransitions say what is possible")
    public Response open(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return withSessions(classes.open(id, ETags.optional(ifMatch)));
    }

    @POST
    @Path("/{id}/start")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER})
    @Operation(summary = "Start a class", description = "OPEN → RUNNING; attendance can be recorded from now on. If-Match is optional.")
    @APIResponse(responseCode = "200", description = "Running", content = @Content(schema = @Schema(implementation = ClassResponse.class)))
    @APIResponse(responseCode = "404", description = "No class with this id that the caller may see")
    @APIResponse(responseCode = "409", description = "Not allowed from the current status: currentStatus, requestedStatus, allowedTransitions")
    @APIResponse(responseCode = "412", description = "If-Match given and stale")
    public Response start(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return withSessions(classes.start(id, ETags.optional(ifMatch)));
    }

    @POST
    @Path("/{id}/complete")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER})
    @Operation(summary = "Close a class and compute completion", description = """
            RUNNING → COMPLETED, once the class has a session (else allowedTransitions does not offer COMPLETED). Participants who attended at least the configured share of sessions (default 75%) complete and receive certificate numbers. Publishes participant.completed per completer and class.completed.""")
    @APIResponse(responseCode = "200", description = "Completed", content = @Content(schema = @Schema(implementation = ClassResponse.class)))
    @APIResponse(responseCode = "404", description = "No class with this id that the caller may see")
    @APIResponse(responseCode = "409", description = "Not allowed from the current status, or the class has no sessions: currentStatus, requestedStatus, allowedTransitions")
    @APIResponse(responseCode = "412", description = "If-Match given and stale")
    public Response complete(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return withSessions(classes.complete(id, ETags.optional(ifMatch)));
    }

    @POST
    @Path("/{id}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER})
    @Operation(summary = "Cancel a class", description = "From PLANNED, OPEN or RUNNING, with a reason. Publishes atensi.training.class.cancelled.v1.")
    @APIResponse(responseCode = "200", description = "Cancelled", content = @Content(schema = @Schema(implementation = ClassResponse.class)))
    @APIResponse(responseCode = "400", description = "The reason is missing")
    @APIResponse(responseCode = "404", description = "No class with this id that the caller may see")
    @APIResponse(responseCode = "409", description = "Not allowed from the current status: currentStatus, requestedStatus, allowedTransitions")
    @APIResponse(responseCode = "412", description = "If-Match given and stale")
    public Response cancel(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Valid @NotNull CancelClassRequest request) {
        return withSessions(classes.cancel(id, ETags.optional(ifMatch), request.reason()));
    }

    @GET
    @Path("/{id}/sessions")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER, Roles.AUDITOR, Roles.VIEWER})
    @Operation(summary = "List a class's sessions", description = "In date and time order.")
    @APIResponse(responseCode = "200", description = "The sessions")
    @APIResponse(responseCode = "404", description = "No class with this id that the caller may see")
    public List<SessionResponse> sessions(@PathParam("id") UUID id) {
        return queries.sessions(id).stream().map(SessionResponse::of).toList();
    }

    @GET
    @Path("/{id}/sessions/{sessionId}")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER, Roles.AUDITOR, Roles.VIEWER})
    @Operation(summary = "Read one session of a class", description = "The session the Location of its creation names.")
    @APIResponse(responseCode = "200", description = "The session", content = @Content(schema = @Schema(implementation = SessionResponse.class)))
    @APIResponse(responseCode = "404", description = "No class with this id that the caller may see, or no such session of it")
    public SessionResponse session(@PathParam("id") UUID id, @PathParam("sessionId") UUID sessionId) {
        return queries.sessions(id).stream().filter(session -> session.id.equals(sessionId)).findFirst()
                .map(SessionResponse::of)
                .orElseThrow(() -> ProblemException.notFound("session", sessionId));
    }

    @POST
    @Path("/{id}/sessions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER})
    @Operation(summary = "Add a session to a class", description = "A date within the class dates, a start and end time, a topic; 201 with the Location of the new session.")
    @APIResponse(responseCode = "201", description = "Added", content = @Content(schema = @Schema(implementation = SessionResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, or a date outside the class dates")
    @APIResponse(responseCode = "404", description = "No class with this id that the caller may see")
    @APIResponse(responseCode = "409", description = "The class is completed or cancelled")
    public Response addSession(@PathParam("id") UUID id, @Valid @NotNull SessionRequest request, UriInfo uri) {
        ClassSession session = classes.addSession(id, request.details());
        return Response.created(uri.getAbsolutePathBuilder().path(session.id.toString()).build()).entity(SessionResponse.of(session)).build();
    }

    @GET
    @Path("/{id}/report")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER, Roles.AUDITOR, Roles.VIEWER})
    @Operation(summary = "Report on a class", description = "Participants by audience, attendance and completion rates, latest outcomes.")
    @APIResponse(responseCode = "200", description = "The report", content = @Content(schema = @Schema(implementation = ClassReportResponse.class)))
    @APIResponse(responseCode = "404", description = "No class with this id that the caller may see")
    public ClassReportResponse report(@PathParam("id") UUID id) {
        return ClassReportResponse.of(reports.ofClass(id));
    }

    private static Response withSessions(ClassQueries.ClassReading reading) {
        return Response.ok().tag(ETags.of(reading.trainingClass().version)).entity(ClassResponse.of(reading)).build();
    }
}
