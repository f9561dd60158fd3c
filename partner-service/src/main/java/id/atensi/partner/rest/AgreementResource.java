package id.atensi.partner.rest;

import id.atensi.commons.idempotency.Creations;
import id.atensi.commons.paging.Page;
import id.atensi.commons.paging.PageRequest;
import id.atensi.commons.rest.ETags;
import id.atensi.commons.rest.ProblemException;
import id.atensi.commons.security.Caller;
import id.atensi.commons.security.Roles;
import id.atensi.partner.domain.Agreement;
import id.atensi.partner.domain.AgreementAddendum;
import id.atensi.partner.domain.AgreementKind;
import id.atensi.partner.domain.AgreementStatus;
import id.atensi.partner.service.AgreementQueries;
import id.atensi.partner.service.AgreementService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
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

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@Path("/api/v1/agreements")
@Tag(name = "Agreements", description = "MoUs and PKS between partners and service units: parties, scope, period, commitments, lifecycle and addenda")
@SecurityRequirement(name = "bearerAuth")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The role does not allow this")
public class AgreementResource {

    private final AgreementService agreements;
    private final AgreementQueries queries;
    private final Creations creations;
    private final Caller caller;

    AgreementResource(AgreementService agreements, AgreementQueries queries, Creations creations, Caller caller) {
        this.agreements = agreements;
        this.queries = queries;
        this.creations = creations;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(summary = "Draft an agreement", description = "Records the agreement as DRAFT. Accepts Idempotency-Key. An officer drafts for its own unit only: the unit must be a party or in the scope.")
    @APIResponse(responseCode = "201", description = "Drafted", content = @Content(schema = @Schema(implementation = AgreementResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields: period ending before it starts, parties without a first and second party, commitments by non-parties…")
    @APIResponse(responseCode = "403", description = "An officer drafting for another unit, or a national agreement (no unit)")
    @APIResponse(responseCode = "409", description = "The number is taken; existingId names that agreement")
    @APIResponse(responseCode = "422", description = "A party or service unit does not exist (unknownIds), or the Idempotency-Key was used for another request")
    public Response draft(@HeaderParam("Idempotency-Key") @Parameter(description = "Makes the call safe to retry") String idempotencyKey,
                          @Valid @NotNull AgreementRequest request, UriInfo uri) {
        AgreementService.Draft draft = request.toDraft();
        return creations.create("draft-agreement", idempotencyKey, request, uri, () -> {
            Agreement agreement = agreements.draft(draft);
            return new Creations.Created(agreement.id, view(agreement));
        });
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER, Roles.AUDITOR, Roles.VIEWER})
    @Operation(summary = "List and search agreements", description = "Soonest end first. Status, both as filter and in each item, is the status at the moment of the request: an agreement whose period ended is EXPIRED from the next day (Asia/Jakarta). A partner caller sees only agreements it is a party to; an officer those reaching its unit and the national ones.")
    @APIResponse(responseCode = "200", description = "One page of agreements")
    @APIResponse(responseCode = "400", description = "Invalid paging or filter")
    public Page<AgreementSummary> list(
            @QueryParam("status") @Parameter(description = "The status now, as the items read: EXPIRED includes agreements whose period ended, recorded by the expiry job or not") AgreementStatus status,
            @QueryParam("kind") AgreementKind kind,
            @QueryParam("partyId") @Parameter(description = "A partner or service unit that is a party") UUID partyId,
            @QueryParam("q") @Parameter(description = "Part of the number or title, any case") String text,
            @Valid @BeanParam PageRequest page) {
        LocalDate today = queries.today();
        return queries.list(new AgreementQueries.AgreementFilter(status, kind, partyId, text), page, today)
                .map(agreement -> AgreementSummary.of(agreement, today));
    }

    @GET
    @Path("/expiring")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER, Roles.AUDITOR, Roles.VIEWER})
    @Operation(summary = "List agreements expiring soon", description = "Signed or active agreements ending between today and withinDays from now, soonest first.")
    @APIResponse(responseCode = "200", description = "One page of agreements")
    @APIResponse(responseCode = "400", description = "withinDays out of range, or invalid paging")
    public Page<AgreementSummary> expiring(
            @QueryParam("withinDays") @DefaultValue("30") @Min(value = 0, message = "must be between 0 and 3650")
            @Max(value = 3650, message = "must be between 0 and 3650") int withinDays,
            @Valid @BeanParam PageRequest page) {
        LocalDate today = queries.today();
        return queries.expiringWithin(withinDays, page, today).map(agreement -> AgreementSummary.of(agreement, today));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER, Roles.AUDITOR, Roles.VIEWER})
    @Operation(summary = "Read an agreement", description = "Status and allowedTransitions are those at the moment of the request: an agreement whose period ended is EXPIRED from the next day (Asia/Jakarta), and allowedTransitions lists exactly the transitions the service then accepts. A partner caller reads only agreements it is a party to, an officer those reaching its unit and the national ones; others answer 404.")
    @APIResponse(responseCode = "200", description = "The agreement; ETag carries the version", content = @Content(schema = @Schema(implementation = AgreementResponse.class)))
    @APIResponse(responseCode = "404", description = "No such agreement the caller reaches")
    public Response get(@PathParam("id") UUID id) {
        return answer(queries.read(id));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(summary = "Replace a draft agreement", description = "The whole draft, with If-Match. Once signed an agreement changes only by an addendum.")
    @APIResponse(responseCode = "200", description = "Replaced; ETag carries the new version", content = @Content(schema = @Schema(implementation = AgreementResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, as for a new draft")
    @APIResponse(responseCode = "403", description = "An officer moving the draft away from its unit, or changing a national agreement")
    @APIResponse(responseCode = "404", description = "No such agreement the caller reaches")
    @APIResponse(responseCode = "409", description = "Not a draft any more, or the number belongs to another agreement")
    @APIResponse(responseCode = "412", description = "If-Match names an older version")
    @APIResponse(responseCode = "422", description = "A party or service unit does not exist (unknownIds)")
    @APIResponse(responseCode = "428", description = "If-Match is missing")
    public Response redraft(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Valid @NotNull AgreementRequest request) {
        long expectedVersion = ETags.required(ifMatch);
        return answer(agreements.redraft(id, expectedVersion, request.toDraft()));
    }

    @POST
    @Path("/{id}/signature")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(summary = "Record that the parties signed", description = "DRAFT → SIGNED. If-Match is optional, and enforced when sent. Publishes atensi.partner.agreement.signed.v1. A draft whose period is over may be signed, to record a past agreement: it is EXPIRED at once and atensi.partner.agreement.expired.v1 follows.")
    @APIResponse(responseCode = "200", description = "Signed", content = @Content(schema = @Schema(implementation = AgreementResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, a signing date in the future or a signatory for a non-party")
    @APIResponse(responseCode = "404", description = "No such agreement the caller reaches")
    @APIResponse(responseCode = "403", description = "An officer changing a national agreement")
    @APIResponse(responseCode = "412", description = "If-Match given and stale")
    @APIResponse(responseCode = "409", description = "Not a draft; allowedTransitions lists what is possible")
    public Response sign(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Valid @NotNull SignatureRequest request) {
        return answer(agreements.sign(id, ETags.optional(ifMatch), request.signedOn(), request.toSignatories()));
    }

    @POST
    @Path("/{id}/activation")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(summary = "Put a signed agreement into effect", description = "SIGNED → ACTIVE, while the period lasts. If-Match is optional, and enforced when sent. Publishes atensi.partner.agreement.activated.v1.")
    @APIResponse(responseCode = "200", description = "Active", content = @Content(schema = @Schema(implementation = AgreementResponse.class)))
    @APIResponse(responseCode = "404", description = "No such agreement the caller reaches")
    @APIResponse(responseCode = "403", description = "An officer changing a national agreement")
    @APIResponse(responseCode = "412", description = "If-Match given and stale")
    @APIResponse(responseCode = "409", description = "Not signed, or its period is over (then currentStatus is EXPIRED); allowedTransitions lists what is possible")
    public Response activate(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return answer(agreements.activate(id, ETags.optional(ifMatch)));
    }

    @POST
    @Path("/{id}/termination")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(summary = "End an agreement early", description = "SIGNED or ACTIVE → TERMINATED, with the reason. If-Match is optional, and enforced when sent. Publishes atensi.partner.agreement.terminated.v1.")
    @APIResponse(responseCode = "200", description = "Terminated", content = @Content(schema = @Schema(implementation = AgreementResponse.class)))
    @APIResponse(responseCode = "400", description = "No reason given")
    @APIResponse(responseCode = "404", description = "No such agreement the caller reaches")
    @APIResponse(responseCode = "403", description = "An officer changing a national agreement")
    @APIResponse(responseCode = "412", description = "If-Match given and stale")
    @APIResponse(responseCode = "409", description = "A draft, or an agreement that ended already (terminated, or its period over); allowedTransitions lists what is possible")
    public Response terminate(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Valid @NotNull TerminationRequest request) {
        return answer(agreements.terminate(id, ETags.optional(ifMatch), request.reason()));
    }

    @POST
    @Path("/{id}/addenda")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(summary = "Amend an agreement with an addendum", description = "Changes the period and/or the scope and/or adds commitments of a signed or active agreement; the agreement then reads the current terms and the addendum keeps the terms before and after it. A new period that ended before today expires the agreement (atensi.partner.agreement.expired.v1 follows). If-Match is optional, and enforced when sent. An officer's addendum must keep its unit in the agreement. Publishes atensi.partner.agreement.amended.v2.")
    @APIResponse(responseCode = "201", description = "Recorded and applied", content = @Content(schema = @Schema(implementation = AddendumResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "404", description = "No such agreement the caller reaches")
    @APIResponse(responseCode = "403", description = "An officer changing a national agreement")
    @APIResponse(responseCode = "412", description = "If-Match given and stale")
    @APIResponse(responseCode = "409", description = "The agreement is not in force (a draft, terminated, or its period over), or the addendum number is taken")
    @APIResponse(responseCode = "422", description = "A service unit of the new scope does not exist (unknownIds)")
    public Response amend(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Valid @NotNull AddendumRequest request,
                          UriInfo uri) {
        AgreementAddendum addendum = agreements.amend(id, ETags.optional(ifMatch), request.toAddendum());
        return Response.created(uri.getAbsolutePathBuilder().path(addendum.id.toString()).build())
                .entity(describe(addendum)).build();
    }

    @GET
    @Path("/{id}/addenda")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER, Roles.AUDITOR, Roles.VIEWER})
    @Operation(summary = "Read an agreement's history of addenda", description = "Oldest first, each with the terms before and after it.")
    @APIResponse(responseCode = "200", description = "The addenda")
    @APIResponse(responseCode = "404", description = "No such agreement the caller reaches")
    public List<AddendumResponse> history(@PathParam("id") UUID id) {
        return queries.history(id).stream().map(this::describe).toList();
    }

    @GET
    @Path("/{id}/addenda/{addendumId}")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER, Roles.AUDITOR, Roles.VIEWER})
    @Operation(summary = "Read one addendum", description = "The addendum the Location of its creation names, with the terms before and after it.")
    @APIResponse(responseCode = "200", description = "The addendum", content = @Content(schema = @Schema(implementation = AddendumResponse.class)))
    @APIResponse(responseCode = "404", description = "No such agreement the caller reaches, or no such addendum of it")
    public AddendumResponse addendum(@PathParam("id") UUID id, @PathParam("addendumId") UUID addendumId) {
        return queries.history(id).stream().filter(addendum -> addendum.id.equals(addendumId)).findFirst()
                .map(this::describe)
                .orElseThrow(() -> ProblemException.notFound("addendum", addendumId));
    }

    @GET
    @Path("/reports/commitments-by-partner")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.AUDITOR, Roles.VIEWER})
    @Operation(summary = "Active agreements and committed rupiah by partner", description = "Partners that are party to at least one ACTIVE agreement, most committed first. An officer's report counts the agreements reaching its unit and the national ones.")
    @APIResponse(responseCode = "200", description = "One line per partner")
    public List<PartnerCommitmentsResponse> commitmentsByPartner() {
        return queries.commitmentsByPartner().stream().map(PartnerCommitmentsResponse::of).toList();
    }

    private AddendumResponse describe(AgreementAddendum addendum) {
        return AddendumResponse.of(addendum, queries.terms(addendum.termsBefore), queries.terms(addendum.termsAfter));
    }

    private Response answer(Agreement agreement) {
        return Response.ok(view(agreement)).tag(ETags.of(agreement.version)).build();
    }

    private AgreementResponse view(Agreement agreement) {
        return AgreementResponse.of(agreement, queries.today(), queries.partyNames(agreement), caller.seesPersonalData());
    }
}
