package id.atensi.aid.rest;

import id.atensi.aid.domain.Distribution;
import id.atensi.aid.domain.DistributionStatus;
import id.atensi.aid.domain.RecipientKind;
import id.atensi.aid.service.DistributionQueries;
import id.atensi.aid.service.DistributionService;
import id.atensi.commons.idempotency.Creations;
import id.atensi.commons.idempotency.StoredAnswers;
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

@Path("/api/v1/aid/distributions")
@Tag(name = "Aid distributions", description = """
        Aid to a person, household or community group: PROPOSED → APPROVED → DISPATCHED → DELIVERED. Consent decides what a \
        partner sees (UU 27/2022): the personal details of a distribution to a person (note, duplicateOverrideReason, \
        closeReason, the proof's receivedBy, place, coordinates and fileReference) only while the person's \
        PARTNER_SHARING consent holds, from the beneficiary service's consent-changed events, effective on the next \
        request after the event is consumed; without it they are left out and personalDataWithheld is true. Admins, \
        officers and auditors see them under the programme's own lawful basis (SERVICE_DELIVERY).""")
@SecurityRequirement(name = "bearerAuth")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The role does not allow this; an officer moving on a distribution of no unit (rule no-unit-admin-only)")
public class DistributionResource {

    private static final String IF_MATCH = "Optional: the ETag read; when sent and stale the transition is refused (412)";

    private final DistributionService distributions;
    private final DistributionQueries queries;
    private final Creations creations;
    private final StoredAnswers storedAnswers;

    DistributionResource(DistributionService distributions, DistributionQueries queries, Creations creations, StoredAnswers storedAnswers) {
        this.distributions = distributions;
        this.queries = queries;
        this.creations = creations;
        this.storedAnswers = storedAnswers;
    }

    private DistributionResponse view(Distribution distribution) {
        return DistributionResponse.of(queries.read(distribution));
    }

    private Response ok(Distribution distribution) {
        return Response.ok(view(distribution)).tag(ETags.of(distribution.version)).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER})
    @Operation(summary = "Propose a distribution", description = """
            Lines copy each item's current unit value. The recipient must be known from beneficiary events: a person not
            terminated nor merged away, a household or community group active. The distribution belongs to the recipient's
            service unit (else the proposing officer's), which the partner events must have announced and not closed (422);
            an officer proposes for its own unit only (403). A channelling partner
            must be known and active; a partner proposes only what it channels itself. The same item to the
            same recipient in the same programme answers 409 unless an officer sends duplicateOverride with a reason.
            Who pays: fundingSourceId (one source, the whole total), fundingShares (an explicit split adding up exactly to
            the total), or neither (the programme's pool, drawn on approval in the order of its funding sources). Only an
            open programme within its period takes proposals. A retry with the same Idempotency-Key answers the first
            result (201, Location, ETag and body), with the personal details as the caller may see them now (the stored
            answer keeps none). A partner sees the personal details of a person's distribution only while the person consents to
            PARTNER_SHARING (personalDataWithheld).""")
    @APIResponse(responseCode = "201", description = "Proposed", content = @Content(schema = @Schema(implementation = DistributionResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "403", description = "The role does not allow this, a partner names another channelling partner, or an officer proposes for another unit (rule other-unit)")
    @APIResponse(responseCode = "409", description = "Duplicate aid (rule duplicate-aid, existingId), a closed programme (rule programme-closed, programmeStatus) or one whose period is over (rule programme-ended, programmeStatus, periodEnd)")
    @APIResponse(responseCode = "422", description = "Unknown, ineligible or merged-away recipient (rules unknown-recipient, ineligible-recipient, merged-recipient); unknown or inactive channelling partner (unknown-partner, inactive-partner); a recipient of a service unit the partner service closed (inactive-service-unit, serviceUnitId) or has not announced (yet: unknown-service-unit, serviceUnitId); unknown programme, funding source (rule unknown-funding-source) or item; fundingShares not adding up to the total (rule funding-split-mismatch, totalIdr); an amount beyond the exact range (rule amount-overflow); the Idempotency-Key used for another request")
    public Response propose(@HeaderParam("Idempotency-Key") @Parameter(description = "Makes the call safe to retry") String idempotencyKey,
                            @Valid @NotNull DistributionRequest request, UriInfo uri) {
        Response answer = creations.create("propose-distribution", idempotencyKey, request, uri, () -> {
            Distribution distribution = distributions.propose(request.toProposal());
            return new Creations.Created(distribution.id, DistributionResponse.of(queries.read(distribution), true));
        });
        // The stored answer keeps no personal details, so that a retry cannot show them after an erasure or a withdrawn
        // consent: the first call and every retry answer it with them as this caller may see them now.
        String location = answer.getLocation().getPath();
        DistributionQueries.Reading now = queries.get(UUID.fromString(location.substring(location.lastIndexOf('/') + 1)));
        return Response.fromResponse(answer)
                .entity(storedAnswers.withPersonalData(answer.getEntity(), now, now.personalDataWithheld(), DistributionResponse::of))
                .build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.AUDITOR, Roles.PARTNER})
    @Operation(summary = "Read a distribution", description = "A partner reads only the distributions it channels, without the recipient's personal details unless the person consents to PARTNER_SHARING; an officer those of its unit and those of no unit.")
    @APIResponse(responseCode = "200", description = "The distribution", content = @Content(schema = @Schema(implementation = DistributionResponse.class)))
    @APIResponse(responseCode = "404", description = "No such distribution within the caller's reach (another partner's or another unit's answers the same)")
    public Response get(@PathParam("id") UUID id) {
        DistributionQueries.Reading reading = queries.get(id);
        return Response.ok(DistributionResponse.of(reading)).tag(ETags.of(reading.distribution().version)).build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.AUDITOR, Roles.PARTNER})
    @Operation(summary = "List distributions, or a recipient's aid history", description = "Newest first. With recipientKind and recipientId: that recipient's aid history. A partner sees only what it channels, without a person's personal details unless they consent to PARTNER_SHARING (personalDataWithheld); an officer its unit's and those of no unit.")
    @APIResponse(responseCode = "200", description = "One page of distributions")
    @APIResponse(responseCode = "400", description = "Invalid paging or filter")
    public Page<DistributionResponse> list(@QueryParam("programmeId") UUID programmeId, @QueryParam("status") DistributionStatus status,
                                             @QueryParam("recipientKind") RecipientKind recipientKind, @QueryParam("recipientId") UUID recipientId,
                                             @QueryParam("channellingPartnerId") UUID channellingPartnerId,
                                             @Valid @BeanParam PageRequest paging) {
        return queries.list(new DistributionQueries.Filter(programmeId, status, recipientKind, recipientId, channellingPartnerId),
                paging.page, paging.size).map(DistributionResponse::of);
    }

    @POST
    @Path("/{id}/approve")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(summary = "Approve a distribution", description = "Reserves its total on its funding sources, under the programme's lock: concurrent approvals never overspend any source. Named shares must each fit what their source has left; a pool distribution draws on the programme's sources in their order, each giving what it has left, and needs the total to fit them together. The approver must not be the proposer. Publishes atensi.aid.distribution.approved.v2 (and v1 while consumers move).")
    @APIResponse(responseCode = "200", description = "Approved", content = @Content(schema = @Schema(implementation = DistributionResponse.class)))
    @APIResponse(responseCode = "403", description = "The approver is the proposer (rule approver-is-proposer), or the role does not allow this")
    @APIResponse(responseCode = "404", description = "No such distribution within the caller's reach (another unit's answers the same)")
    @APIResponse(responseCode = "409", description = "Not PROPOSED, or the programme is closed (rule programme-closed) or its period is over (rule programme-ended, periodEnd): currentStatus, requestedStatus and allowedTransitions, what the distribution can do now")
    @APIResponse(responseCode = "422", description = "Not enough budget left (rule budget-exceeded: amountIdr, remainingIdr, shortfallIdr; for named shares fundingSources lists each source that falls short)")
    @APIResponse(responseCode = "412", description = "If-Match was sent and the distribution changed since")
    public Response approve(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(description = IF_MATCH) String ifMatch) {
        return ok(distributions.approve(id, ETags.optional(ifMatch)));
    }

    @POST
    @Path("/{id}/dispatch")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER})
    @Operation(summary = "Dispatch an approved distribution", description = "Publishes atensi.aid.distribution.dispatched.v1. A partner dispatches only what it channels.")
    @APIResponse(responseCode = "200", description = "Dispatched", content = @Content(schema = @Schema(implementation = DistributionResponse.class)))
    @APIResponse(responseCode = "404", description = "No such distribution within the caller's reach (another partner's or another unit's answers the same)")
    @APIResponse(responseCode = "409", description = "Not APPROVED: currentStatus, requestedStatus, allowedTransitions")
    @APIResponse(responseCode = "412", description = "If-Match was sent and the distribution changed since")
    public Response dispatch(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(description = IF_MATCH) String ifMatch) {
        return ok(distributions.dispatch(id, ETags.optional(ifMatch)));
    }

    @POST
    @Path("/{id}/deliver")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER})
    @Operation(summary = "Report delivery with proof", description = """
            Needs proof: who received, when, where (optional coordinates), and a file reference with its SHA-256. Without lines
            everything arrived (DELIVERED); with fewer quantities it is PARTIALLY_DELIVERED and the rest goes back to the budget:
            the delivered value fills the distribution's funding shares in their order, the rest returns to the last first.
            Publishes atensi.aid.distribution.delivered.v1. A partner reports only what it channels.""")
    @APIResponse(responseCode = "200", description = "Delivered", content = @Content(schema = @Schema(implementation = DistributionResponse.class)))
    @APIResponse(responseCode = "400", description = "No proof, or invalid proof or lines")
    @APIResponse(responseCode = "404", description = "No such distribution within the caller's reach (another partner's or another unit's answers the same)")
    @APIResponse(responseCode = "409", description = "Not DISPATCHED: currentStatus, requestedStatus, allowedTransitions")
    @APIResponse(responseCode = "422", description = "Nothing delivered: record a return (rule nothing-delivered)")
    @APIResponse(responseCode = "412", description = "If-Match was sent and the distribution changed since")
    public Response deliver(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(description = IF_MATCH) String ifMatch,
                            @Valid @NotNull DeliveryRequest request) {
        return ok(distributions.deliver(id, request.toDelivery(), ETags.optional(ifMatch)));
    }

    @POST
    @Path("/{id}/return")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER})
    @Operation(summary = "Record that a dispatched distribution came back", description = "Releases its total to the budget. Publishes atensi.aid.distribution.cancelled.v1 with outcome RETURNED.")
    @APIResponse(responseCode = "200", description = "Returned", content = @Content(schema = @Schema(implementation = DistributionResponse.class)))
    @APIResponse(responseCode = "400", description = "No reason")
    @APIResponse(responseCode = "404", description = "No such distribution within the caller's reach (another partner's or another unit's answers the same)")
    @APIResponse(responseCode = "409", description = "Not DISPATCHED: currentStatus, requestedStatus, allowedTransitions")
    @APIResponse(responseCode = "412", description = "If-Match was sent and the distribution changed since")
    public Response returned(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(description = IF_MATCH) String ifMatch,
                             @Valid @NotNull ReasonRequest request) {
        return ok(distributions.returned(id, request.reason(), ETags.optional(ifMatch)));
    }

    @POST
    @Path("/{id}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(summary = "Cancel a distribution before dispatch", description = "Releases an approved total to the budget. Publishes atensi.aid.distribution.cancelled.v1 with outcome CANCELLED.")
    @APIResponse(responseCode = "200", description = "Cancelled", content = @Content(schema = @Schema(implementation = DistributionResponse.class)))
    @APIResponse(responseCode = "400", description = "No reason")
    @APIResponse(responseCode = "404", description = "No such distribution within the caller's reach (another unit's answers the same)")
    @APIResponse(responseCode = "409", description = "Already dispatched or closed: currentStatus, requestedStatus, allowedTransitions")
    @APIResponse(responseCode = "412", description = "If-Match was sent and the distribution changed since")
    public Response cancel(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(description = IF_MATCH) String ifMatch,
                           @Valid @NotNull ReasonRequest request) {
        return ok(distributions.cancel(id, request.reason(), ETags.optional(ifMatch)));
    }
}
