package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.service.BeneficiaryAccess;
import id.atensi.commons.security.Caller;
import id.atensi.beneficiary.service.GroupService;
import id.atensi.beneficiary.service.PersonalDataAudit;
import id.atensi.commons.rest.ProblemException;
import id.atensi.commons.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import java.util.Set;
import java.util.UUID;

@Path("/api/v1/households")
@Tag(name = "Households", description = "Families by KK number, with members and their relationship to the head")
@SecurityRequirement(name = "bearerAuth")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The role does not allow this")
@APIResponse(responseCode = "404", description = "No such household (or none the caller reaches)")
public class HouseholdResource {

    private final GroupService groups;
    private final PersonalDataAudit audit;
    private final Caller caller;
    private final BeneficiaryAccess access;

    HouseholdResource(GroupService groups, PersonalDataAudit audit, Caller caller, BeneficiaryAccess access) {
        this.groups = groups;
        this.audit = audit;
        this.caller = caller;
        this.access = access;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER})
    @Operation(summary = "Register a household", description = "Exactly one HEAD; each member a registered person in no other household, whose own KK number (if known) is this one. Served by serviceUnitId (an officer's own unit; another is 403). Publishes atensi.beneficiary.household.registered.v1.")
    @APIResponse(responseCode = "201", description = "Registered", content = @Content(schema = @Schema(implementation = HouseholdResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "409", description = "The KK number is registered, or a member belongs to another household (existingId)")
    @APIResponse(responseCode = "422", description = "A member is unknown or out of the caller's reach (errors name members[i].beneficiaryId), or the service unit is not known to the platform (yet) or is inactive")
    public Response create(@Valid @NotNull HouseholdRequest request, UriInfo uri) {
        GroupService.HouseholdView view = groups.createHousehold(request.kkNumber(), request.serviceUnitId(),
                request.members().stream().map(m -> new GroupService.MemberInput(m.beneficiaryId(), m.relationship())).toList());
        return Response.created(uri.getAbsolutePathBuilder().path(view.household().id.toString()).build())
                .entity(shown(view, "household-register")).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER, Roles.AUDITOR, Roles.VIEWER})
    @Operation(summary = "Read a household", description = "A partner reads households of people it serves, an officer its unit's. An unmasked KK number is audited for each member.")
    @APIResponse(responseCode = "200", description = "The household")
    @APIResponse(responseCode = "404", description = "No such household in the caller's reach")
    public HouseholdResponse get(@PathParam("id") UUID id) {
        return shown(groups.household(id), "household-read");
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER, Roles.AUDITOR, Roles.VIEWER})
    @Operation(summary = "Find the household of a KK number", description = "Exact match by keyed hash. A partner finds a household by its KK number only while every member's PARTNER_SHARING consent holds (404 otherwise): the number is each member's personal data.")
    @APIResponse(responseCode = "200", description = "The household")
    @APIResponse(responseCode = "400", description = "Not 16 digits")
    @APIResponse(responseCode = "404", description = "No such household in the caller's reach")
    public HouseholdResponse byKk(@QueryParam("kkNumber") @NotNull @Pattern(regexp = "\\d{16}", message = "must be exactly 16 digits") String kkNumber) {
        GroupService.HouseholdView view = groups.householdByKk(kkNumber)
                .filter(found -> sharing(found).containsAll(memberIds(found)))
                .orElseThrow(() -> ProblemException.notFound("household with KK number", "given"));
        return shown(view, "household-read");
    }

    @POST
    @Path("/{id}/members")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER})
    @Operation(summary = "Add a member", description = "409 for a second HEAD or a person of another household. Publishes atensi.beneficiary.household.updated.v1.")
    @APIResponse(responseCode = "200", description = "The household")
    @APIResponse(responseCode = "404", description = "No such household in the caller's reach")
    @APIResponse(responseCode = "409", description = "A second HEAD, or the person is in another household")
    @APIResponse(responseCode = "422", description = "The person is unknown or out of the caller's reach (errors name beneficiaryId)")
    public HouseholdResponse addMember(@PathParam("id") UUID id, @Valid @NotNull HouseholdMemberRequest member) {
        return shown(groups.addHouseholdMember(id, new GroupService.MemberInput(member.beneficiaryId(), member.relationship())),
                "household-update");
    }

    @DELETE
    @Path("/{id}/members/{beneficiaryId}")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER})
    @Operation(summary = "Remove a member", description = "The HEAD cannot be removed (409). Publishes atensi.beneficiary.household.updated.v1.")
    @APIResponse(responseCode = "200", description = "The household")
    @APIResponse(responseCode = "404", description = "No such household in the caller's reach, or not a member")
    @APIResponse(responseCode = "409", description = "The HEAD cannot leave")
    public HouseholdResponse removeMember(@PathParam("id") UUID id, @PathParam("beneficiaryId") UUID beneficiaryId) {
        return shown(groups.removeHouseholdMember(id, beneficiaryId), "household-update");
    }

    /**
     * A partner sees the names of the members whose PARTNER_SHARING consent holds, and the KK number only when every
     * member's does.
     */
    private HouseholdResponse shown(GroupService.HouseholdView view, String action) {
        Set<UUID> sharing = sharing(view);
        boolean numberShared = sharing.containsAll(memberIds(view));
        boolean unmasked = caller.seesPersonalData() && numberShared;
        HouseholdResponse response = HouseholdResponse.of(view, unmasked, numberShared, sharing);
        if (unmasked) {
            audit.record(response.members().stream().map(HouseholdResponse.Member::beneficiaryId).toList(), "kkNumber", action);
        }
        return response;
    }

    private Set<UUID> sharing(GroupService.HouseholdView view) {
        return access.sharingPersonalData(memberIds(view));
    }

    private static List<UUID> memberIds(GroupService.HouseholdView view) {
        return view.household().members.stream().map(member -> member.beneficiaryId).toList();
    }
}
