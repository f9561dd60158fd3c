package id.atensi.training.rest;

import id.atensi.commons.paging.Page;
import id.atensi.commons.paging.PageRequest;
import id.atensi.commons.rest.ETags;
import id.atensi.commons.security.Roles;
import id.atensi.training.domain.Audience;
import id.atensi.training.domain.Enrolment;
import id.atensi.training.domain.EnrolmentStatus;
import id.atensi.training.service.Disclosed;
import id.atensi.training.service.EnrolmentService;
import id.atensi.training.service.OutcomeService;
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

import java.util.List;
import java.util.UUID;

@Path("/api/v1/training/classes/{classId}/enrolments")
@Tag(name = "Enrolments", description = """
        Places and waitlists of classes, and the outcomes of former participants. Consent decides what a partner sees \
        (UU 27/2022): a beneficiary's name, and the notes of their outcomes, only while the person's PARTNER_SHARING \
        consent holds (from the beneficiary service's consent-changed events, effective on the next request after the \
        event is consumed). Without it the record is answered with those fields left out and personalDataWithheld: \
        true. Admins, officers and auditors see them under the programme's own lawful basis (SERVICE_DELIVERY).""")
@SecurityRequirement(name = "bearerAuth")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The role does not allow this")
@APIResponse(responseCode = "404", description = "No class (or enrolment) with this id that the caller may see")
public class EnrolmentResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final EnrolmentService enrolments;
    private final OutcomeService outcomes;

    EnrolmentResource(EnrolmentService enrolments, OutcomeService outcomes) {
        this.enrolments = enrolments;
        this.outcomes = outcomes;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER})
    @Operation(summary = "Enrol a participant", description = """
            Takes a place when one is free, otherwise joins the waitlist (status WAITLISTED). A retry with the same \
            Idempotency-Key answers the first call's status, Location and ETag, with the enrolment as it reads now (the \
            stored answer keeps no name). A partner sees the name only with the person's PARTNER_SHARING consent. \
            Publishes atensi.training.participant.enrolled.v1.""")
    @APIResponse(responseCode = "201", description = "Enrolled or waitlisted; a replay answers the first call's status, Location and ETag", content = @Content(schema = @Schema(implementation = EnrolmentResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields (e.g. a named participant without organisation)")
    @APIResponse(responseCode = "409", description = "The person is in the class already (existingId), or the class takes no enrolments")
    @APIResponse(responseCode = "422", description = "Audience not admitted; beneficiary unknown, TERMINATED or merged into another record (survivorId); or the Idempotency-Key was used for another request")
    public Response enrol(@PathParam("classId") UUID classId,
                          @HeaderParam(IDEMPOTENCY_KEY) @Parameter(description = "Makes retries safe: the same key returns the first answer") String idempotencyKey,
                          @Valid @NotNull EnrolmentRequest request, UriInfo uri) {
        return enrolments.enrolOnce(classId, idempotencyKey, request, request.participant(), uri, EnrolmentResponse::of);
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER, Roles.AUDITOR})
    @Operation(summary = "List a class's enrolments", description = """
            In arrival order, so the waitlist reads first come first served. For a partner, each beneficiary without \
            PARTNER_SHARING consent is listed without fullName and with personalDataWithheld: true.""")
    @APIResponse(responseCode = "200", description = "One page of enrolments")
    @APIResponse(responseCode = "400", description = "Invalid paging or filter")
    public Page<EnrolmentResponse> list(@PathParam("classId") UUID classId, @QueryParam("status") EnrolmentStatus status,
                                        @QueryParam("audience") Audience audience, @Valid @BeanParam PageRequest paging) {
        return enrolments.list(classId, status, audience, paging.page, paging.size).map(EnrolmentResponse::of);
    }

    @GET
    @Path("/{enrolmentId}")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER, Roles.AUDITOR})
    @Operation(summary = "Read an enrolment", description = """
            For a partner, without fullName and with personalDataWithheld: true unless the beneficiary consents to \
            PARTNER_SHARING.""")
    @APIResponse(responseCode = "200", description = "The enrolment; ETag carries its version", content = @Content(schema = @Schema(implementation = EnrolmentResponse.class)))
    public Response get(@PathParam("classId") UUID classId, @PathParam("enrolmentId") UUID enrolmentId) {
        return versioned(enrolments.get(classId, enrolmentId));
    }

    @POST
    @Path("/{enrolmentId}/withdraw")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER})
    @Operation(summary = "Withdraw a participant", description = """
            Frees the place (or leaves the waitlist); the first on the waitlist takes a freed place. If-Match is \
            optional, and enforced when sent. Publishes participant.withdrawn, and participant.enrolled for the one \
            promoted.""")
    @APIResponse(responseCode = "200", description = "Withdrawn; ETag carries the new version", content = @Content(schema = @Schema(implementation = EnrolmentResponse.class)))
    @APIResponse(responseCode = "409", description = "Already withdrawn, or the class closed")
    @APIResponse(responseCode = "412", description = "If-Match given and stale, or not an ETag of this enrolment")
    public Response withdraw(@PathParam("classId") UUID classId, @PathParam("enrolmentId") UUID enrolmentId,
                             @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return versioned(enrolments.withdraw(classId, enrolmentId, ETags.optional(ifMatch)));
    }

    private static Response versioned(Disclosed<Enrolment> enrolment) {
        return Response.ok(EnrolmentResponse.of(enrolment)).tag(ETags.of(enrolment.value().version)).build();
    }

    @POST
    @Path("/{enrolmentId}/outcomes")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER})
    @Operation(summary = "Record an outcome", description = """
            A follow-up of a participant of a closed class: employed, own business, income band, date. \
            Publishes atensi.training.outcome.recorded.v1.""")
    @APIResponse(responseCode = "201", description = "Recorded", content = @Content(schema = @Schema(implementation = OutcomeResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "409", description = "The participant's class is not closed yet, or they left it")
    public Response recordOutcome(@PathParam("classId") UUID classId, @PathParam("enrolmentId") UUID enrolmentId,
                                  @Valid @NotNull OutcomeRequest request) {
        return Response.status(Response.Status.CREATED)
                .entity(OutcomeResponse.of(outcomes.record(classId, enrolmentId, request.observation()))).build();
    }

    @GET
    @Path("/{enrolmentId}/outcomes")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER, Roles.AUDITOR})
    @Operation(summary = "List a participant's outcomes", description = """
            Oldest observation first. For a partner, without the notes and with personalDataWithheld: true unless the \
            beneficiary consents to PARTNER_SHARING.""")
    @APIResponse(responseCode = "200", description = "The outcomes")
    public List<OutcomeResponse> outcomes(@PathParam("classId") UUID classId, @PathParam("enrolmentId") UUID enrolmentId) {
        return outcomes.of(classId, enrolmentId).stream().map(OutcomeResponse::of).toList();
    }
}
