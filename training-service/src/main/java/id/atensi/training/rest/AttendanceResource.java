package id.atensi.training.rest;

import id.atensi.commons.security.Roles;
import id.atensi.training.service.AttendanceService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
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
import java.util.UUID;

@Path("/api/v1/training/classes/{classId}/sessions/{sessionId}/attendance")
@Tag(name = "Attendance", description = "Who attended each session, and how")
@SecurityRequirement(name = "bearerAuth")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The role does not allow this")
@APIResponse(responseCode = "404", description = "No such class that the caller may see, or no such session in it")
public class AttendanceResource {

    private final AttendanceService attendance;

    AttendanceResource(AttendanceService attendance) {
        this.attendance = attendance;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER, Roles.AUDITOR})
    @Operation(summary = "Read a session's register", description = "The attendance recorded at this session so far, one entry per enrolment (status and mode).")
    @APIResponse(responseCode = "200", description = "The attendance recorded for the session")
    public List<AttendanceResponse> register(@PathParam("classId") UUID classId, @PathParam("sessionId") UUID sessionId) {
        return attendance.ofSession(classId, sessionId).stream().map(AttendanceResponse::of).toList();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER})
    @Operation(summary = "Record a whole session's register", description = """
            One line per participant; lines replace what was recorded before for them. All lines are recorded or none.""")
    @APIResponse(responseCode = "200", description = "Recorded")
    @APIResponse(responseCode = "400", description = "Invalid lines (e.g. PRESENT without mode, ONLINE at an on-site class)")
    @APIResponse(responseCode = "409", description = "The class is not running")
    @APIResponse(responseCode = "422", description = "A line names someone not enrolled in the class")
    public List<AttendanceResponse> recordSession(@PathParam("classId") UUID classId, @PathParam("sessionId") UUID sessionId,
                                                  @Valid @NotNull SessionAttendanceRequest request) {
        return attendance.recordSession(classId, sessionId, request.marks()).stream()
                .map(AttendanceResponse::of).toList();
    }

    @PUT
    @Path("/{enrolmentId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER})
    @Operation(summary = "Record one participant's attendance at a session", description = "Replaces what was recorded before.")
    @APIResponse(responseCode = "200", description = "Recorded", content = @Content(schema = @Schema(implementation = AttendanceResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "409", description = "The class is not running")
    @APIResponse(responseCode = "422", description = "Not a participant enrolled in the class")
    public AttendanceResponse recordOne(@PathParam("classId") UUID classId, @PathParam("sessionId") UUID sessionId,
                                        @PathParam("enrolmentId") UUID enrolmentId, @Valid @NotNull AttendanceMarkRequest request) {
        return AttendanceResponse.of(attendance.recordOne(classId, sessionId, new AttendanceService.Mark(enrolmentId, request.status(), request.mode())));
    }
}
