package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.domain.Assessment;
import id.atensi.beneficiary.domain.Consent;
import id.atensi.beneficiary.service.CaseService;
import id.atensi.commons.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/api/v1/beneficiaries/{id}")
@Tag(name = "Case file", description = "A person's case workflow, assessments, consent and timeline")
@SecurityRequirement(name = "bearerAuth")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The role does not allow this")
@APIResponse(responseCode = "404", description = "No such beneficiary (or not one the partner serves)")
public class CaseResource {

    private final CaseService cases;

    CaseResource(CaseService cases) {
        this.cases = cases;
    }

    @POST
    @Path("/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(summary = "Move a case in its workflow", description = "REGISTERED → ASSESSED (by recording an assessment) → ACTIVE (decisionNumber, decisionDate) → GRADUATED; TERMINATED (reason) from any open status. Publishes atensi.beneficiary.status-changed.v1.")
    @APIResponse(responseCode = "200", description = "Moved", content = @Content(schema = @Schema(implementation = CaseStatusResponse.class)))
    @APIResponse(responseCode = "400", description = "Decision or reason missing")
    @APIResponse(responseCode = "409", description = "Not allowed from the current status; allowedTransitions lists the possible ones")
    public CaseStatusResponse changeStatus(@PathParam("id") UUID id, @Valid @NotNull StatusChangeRequest request) {
        return CaseStatusResponse.of(cases.changeStatus(id, new CaseService.Transition(request.status(), request.decisionNumber(),
                request.decisionDate(), request.reason())));
    }

    @POST
    @Path("/assessments")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(summary = "Record an assessment", description = "Needs against ATENSI's seven services, each at most once. A REGISTERED person becomes ASSESSED.")
    @APIResponse(responseCode = "201", description = "Recorded", content = @Content(schema = @Schema(implementation = AssessmentResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "409", description = "The case is closed")
    public Response assess(@PathParam("id") UUID id, @Valid @NotNull AssessmentRequest request) {
        Assessment assessment = cases.assess(id, request.assessedOn(), request.summary(),
                request.needs().stream().map(n -> new CaseService.NeedInput(n.service(), n.need())).toList());
        return Response.status(Response.Status.CREATED).entity(AssessmentResponse.of(assessment)).build();
    }

    @GET
    @Path("/assessments")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER, Roles.AUDITOR})
    @Operation(summary = "List a person's assessments", description = "Oldest first. A partner reads it only while the person's PARTNER_SHARING consent holds (403 otherwise).")
    @APIResponse(responseCode = "403", description = "A partner, and the person's PARTNER_SHARING consent does not hold")
    @APIResponse(responseCode = "200", description = "The assessments, oldest first", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = AssessmentResponse.class)))
    public List<AssessmentResponse> assessments(@PathParam("id") UUID id) {
        return cases.assessments(id).stream().map(AssessmentResponse::of).toList();
    }

    @POST
    @Path("/consents")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER})
    @Operation(summary = "Record consent given or withdrawn", description = "Append-only: the latest record per purpose decides, from the next request on (docs/personal-data.md). Evidence is required: the signed form's reference or the uploaded document's SHA-256. A partner may record a withdrawal, not a consent. SERVICE_DELIVERY rests on the programme's mandate and cannot be withdrawn (422). Audited; publishes atensi.beneficiary.consent-changed.v1.")
    @APIResponse(responseCode = "201", description = "Recorded", content = @Content(schema = @Schema(implementation = ConsentResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, an unknown purpose or no evidence")
    @APIResponse(responseCode = "404", description = "No such beneficiary (or not one the caller reaches)")
    @APIResponse(responseCode = "409", description = "The person's personal data was erased")
    @APIResponse(responseCode = "422", description = "SERVICE_DELIVERY cannot be withdrawn")
    public Response consent(@PathParam("id") UUID id, @Valid @NotNull ConsentRequest request) {
        Consent consent = cases.recordConsent(id, request.purpose(), request.given(), request.evidence().toEvidence(), request.note());
        return Response.status(Response.Status.CREATED).entity(ConsentResponse.of(consent)).build();
    }

    @GET
    @Path("/consents")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER, Roles.AUDITOR})
    @Operation(summary = "A person's consent history", description = "Oldest first. A partner reads it too, to know why a person's personal data is withheld from it.")
    @APIResponse(responseCode = "200", description = "The consent history", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ConsentResponse.class)))
    public List<ConsentResponse> consents(@PathParam("id") UUID id) {
        return cases.consents(id).stream().map(ConsentResponse::of).toList();
    }

    @PUT
    @Path("/intervention-plan")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(summary = "Replace the intervention plan", description = "Planned services with target dates; for an ASSESSED or ACTIVE case (409 otherwise).")
    @APIResponse(responseCode = "200", description = "The plan, by target date")
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "409", description = "The case is not open for a plan")
    public List<PlannedServiceResponse> replacePlan(@PathParam("id") UUID id, @Valid @NotNull PlanRequest request) {
        return cases.replacePlan(id, request.services().stream()
                        .map(l -> new CaseService.PlanLine(l.service(), l.description(), l.targetDate())).toList())
                .stream().map(PlannedServiceResponse::of).toList();
    }

    @GET
    @Path("/intervention-plan")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER, Roles.AUDITOR})
    @Operation(summary = "The intervention plan", description = "By target date. A partner reads it only while the person's PARTNER_SHARING consent holds (403 otherwise).")
    @APIResponse(responseCode = "403", description = "A partner, and the person's PARTNER_SHARING consent does not hold")
    @APIResponse(responseCode = "200", description = "The plan, by target date", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = PlannedServiceResponse.class)))
    public List<PlannedServiceResponse> plan(@PathParam("id") UUID id) {
        return cases.plan(id).stream().map(PlannedServiceResponse::of).toList();
    }

    @POST
    @Path("/transfers")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(summary = "Refer or transfer to another service unit", description = "Changes serviceUnitId, keeps the move in the history and timeline, publishes atensi.beneficiary.updated.v1. 409 for a closed case.")
    @APIResponse(responseCode = "201", description = "Moved", content = @Content(schema = @Schema(implementation = TransferResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, or the same unit")
    @APIResponse(responseCode = "409", description = "The case is closed")
    @APIResponse(responseCode = "422", description = "The service unit is not known to the platform (yet) or is inactive")
    public Response transfer(@PathParam("id") UUID id, @Valid @NotNull TransferRequest request) {
        return Response.status(Response.Status.CREATED)
                .entity(TransferResponse.of(cases.transfer(id, request.kind(), request.serviceUnitId(), request.note()))).build();
    }

    @GET
    @Path("/transfers")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER, Roles.AUDITOR, Roles.VIEWER})
    @Operation(summary = "Referral and transfer history", description = "Oldest first. A partner reads it only while the person's PARTNER_SHARING consent holds (403 otherwise).")
    @APIResponse(responseCode = "403", description = "A partner, and the person's PARTNER_SHARING consent does not hold")
    @APIResponse(responseCode = "200", description = "Referrals and transfers, oldest first", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = TransferResponse.class)))
    public List<TransferResponse> transfers(@PathParam("id") UUID id) {
        return cases.transfers(id).stream().map(TransferResponse::of).toList();
    }

    @GET
    @Path("/timeline")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER, Roles.AUDITOR, Roles.VIEWER})
    @Operation(summary = "Everything that happened to a person, in time order", description = "Own changes (registration, updates, status changes, assessments, consent) and training enrolments/completions learned from the training service's events. A partner reads it only while the person's PARTNER_SHARING consent holds (403 otherwise).")
    @APIResponse(responseCode = "403", description = "A partner, and the person's PARTNER_SHARING consent does not hold")
    @APIResponse(responseCode = "200", description = "Everything that happened to the person, oldest first", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = TimelineEntryResponse.class)))
    public List<TimelineEntryResponse> timeline(@PathParam("id") UUID id) {
        return cases.timeline(id).stream().map(TimelineEntryResponse::of).toList();
    }
}
