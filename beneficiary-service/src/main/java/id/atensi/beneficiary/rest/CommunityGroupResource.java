package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.service.BeneficiaryAccess;
import id.atensi.beneficiary.service.GroupQueries;
import id.atensi.beneficiary.service.GroupService;
import id.atensi.commons.paging.Page;
import id.atensi.commons.paging.PageRequest;
import id.atensi.commons.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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

@Path("/api/v1/community-groups")
@Tag(name = "Community groups", description = "Communities of beneficiaries coached by a partner, e.g. scavenger communities")
@SecurityRequirement(name = "bearerAuth")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The role does not allow this")
@APIResponse(responseCode = "404", description = "No such group (or none the caller reaches)")
public class CommunityGroupResource {

    private final GroupService groups;
    private final GroupQueries queries;

    private final BeneficiaryAccess access;

    CommunityGroupResource(GroupService groups, GroupQueries queries, BeneficiaryAccess access) {
        this.groups = groups;
        this.queries = queries;
        this.access = access;
    }

    /** A partner sees the names of the members whose PARTNER_SHARING consent holds. */
    private GroupResponse shown(GroupService.GroupView view) {
        return GroupResponse.of(view, access.sharingPersonalData(
                view.group().members.stream().map(member -> member.beneficiaryId).toList()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER})
    @Operation(summary = "Register a community group", description = "The coordinator is one of the members; region codes must exist and nest. A partner registers only groups it coaches; an officer only for its own unit (403 otherwise). Publishes atensi.beneficiary.group.registered.v1.")
    @APIResponse(responseCode = "201", description = "Registered", content = @Content(schema = @Schema(implementation = GroupResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "422", description = "A member or the coordinator is unknown or out of the caller's reach (errors name memberIds or coordinatorId), or the coaching partner or the service unit is not known to the platform (yet) or is inactive; errors name the field")
    public Response create(@Valid @NotNull GroupRequest request, UriInfo uri) {
        GroupService.GroupView group = groups.createGroup(new GroupService.GroupInput(request.name(), request.description(),
                request.coachingPartnerId(), request.provinceCode(), request.regencyCode(), request.memberIds(), request.coordinatorId(),
                request.serviceUnitId()));
        return Response.created(uri.getAbsolutePathBuilder().path(group.group().id.toString()).build())
                .entity(shown(group)).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER, Roles.AUDITOR, Roles.VIEWER})
    @Operation(summary = "Read a community group", description = "A partner reads the groups it coaches, an officer its unit's.")
    @APIResponse(responseCode = "200", description = "The group")
    @APIResponse(responseCode = "404", description = "No such group in the caller's reach")
    public GroupResponse get(@PathParam("id") UUID id) {
        return shown(groups.group(id));
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER, Roles.AUDITOR, Roles.VIEWER})
    @Operation(summary = "List community groups", description = "By name; a partner sees only the groups it coaches, an officer its unit's.")
    @APIResponse(responseCode = "200", description = "A page of groups")
    @APIResponse(responseCode = "400", description = "Invalid paging")
    public Page<GroupResponse> list(@QueryParam("coachingPartnerId") UUID coachingPartnerId, @BeanParam @Valid PageRequest page) {
        return queries.groups(coachingPartnerId, page.page, page.size).map(this::shown);
    }

    @POST
    @Path("/{id}/members")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER})
    @Operation(summary = "Add a member", description = "409 when the person is a member already. Publishes atensi.beneficiary.group.updated.v1.")
    @APIResponse(responseCode = "200", description = "The group")
    @APIResponse(responseCode = "404", description = "No such group in the caller's reach")
    @APIResponse(responseCode = "409", description = "A member already")
    @APIResponse(responseCode = "422", description = "The person is unknown or out of the caller's reach (errors name beneficiaryId)")
    public GroupResponse addMember(@PathParam("id") UUID id, @Valid @NotNull GroupMemberRequest request) {
        return shown(groups.addGroupMember(id, request.beneficiaryId()));
    }

    @DELETE
    @Path("/{id}/members/{beneficiaryId}")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER})
    @Operation(summary = "Remove a member", description = "The coordinator cannot be removed (409). Publishes atensi.beneficiary.group.updated.v1.")
    @APIResponse(responseCode = "200", description = "The group")
    @APIResponse(responseCode = "404", description = "No such group in the caller's reach, or not a member")
    @APIResponse(responseCode = "409", description = "The coordinator cannot leave")
    public GroupResponse removeMember(@PathParam("id") UUID id, @PathParam("beneficiaryId") UUID beneficiaryId) {
        return shown(groups.removeGroupMember(id, beneficiaryId));
    }
}
