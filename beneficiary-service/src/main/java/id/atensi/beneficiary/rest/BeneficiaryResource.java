package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.domain.BeneficiaryStatus;
import id.atensi.beneficiary.service.BeneficiaryAccess;
import id.atensi.beneficiary.service.BeneficiaryQueries;
import id.atensi.beneficiary.service.BeneficiaryService;
import id.atensi.commons.idempotency.CanonicalJson;
import id.atensi.commons.security.Caller;
import id.atensi.beneficiary.service.PersonalDataAudit;
import id.atensi.commons.paging.Page;
import id.atensi.commons.paging.PageRequest;
import id.atensi.commons.rest.ETags;
import id.atensi.commons.security.Roles;
import id.atensi.vocabulary.Cluster;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

@Path("/api/v1/beneficiaries")
@Tag(name = "Beneficiaries", description = "People registered as PPKS and followed until graduation")
@SecurityRequirement(name = "bearerAuth")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The role does not allow this")
public class BeneficiaryResource {

    private final BeneficiaryService beneficiaries;
    private final BeneficiaryQueries queries;
    private final PersonalDataAudit audit;
    private final Caller caller;
    private final BeneficiaryAccess access;
    private final CanonicalJson canonicalJson;

    BeneficiaryResource(BeneficiaryService beneficiaries, BeneficiaryQueries queries, PersonalDataAudit audit, Caller caller,
                        BeneficiaryAccess access, CanonicalJson canonicalJson) {
        this.beneficiaries = beneficiaries;
        this.queries = queries;
        this.audit = audit;
        this.caller = caller;
        this.access = access;
        this.canonicalJson = canonicalJson;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER})
    @Operation(summary = "Register a beneficiary", description = "Registers a person; the NIK must agree with the birth date and sex, region codes must exist and nest. A partner is added to partnerIds. Publishes atensi.beneficiary.registered.v1.")
    @APIResponse(responseCode = "201", description = "Registered", content = @Content(schema = @Schema(implementation = BeneficiaryResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, with one error per field")
    @APIResponse(responseCode = "409", description = "The NIK is registered already; existingId names that record")
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used for another request, or a partner or service unit named is not known to the platform (yet) or is inactive; errors name the field")
    public Response register(@Valid @NotNull BeneficiaryRequest request,
                             @HeaderParam("Idempotency-Key") @Parameter(description = "Makes a retry answer the record the first call made, instead of 409") String idempotencyKey,
                             UriInfo uri) {
        BeneficiaryService.IdempotentView result = beneficiaries.register(request.toPerson(), idempotencyKey, () -> canonicalJson.write(request));
        BeneficiaryService.View registered = result.view();
        return Response.created(uri.getAbsolutePathBuilder().path(registered.beneficiary().id.toString()).build())
                .tag(ETags.of(registered.beneficiary().version))
                .header("Idempotent-Replayed", result.replayed() ? "true" : null)
                // The answer echoes what the caller sent, even to a partner without the person's consent to read it back
                // later: it gives the partner nothing it did not have. Its audit row was written with the registration.
                .entity(BeneficiaryResponse.of(registered, caller.seesPersonalData()))
                .build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER, Roles.AUDITOR, Roles.VIEWER})
    @Operation(summary = "List and search beneficiaries", description = "Filters combine with AND. name is tolerant of case, accents, old spellings and doubled letters; nik and kkNumber match exactly (by keyed hash). A partner sees only the people it serves, and the personal data only of those whose PARTNER_SHARING consent holds (the others come with personalDataWithheld); a partner's filter on name, NIK, KK, region or cluster, or sort by fullName or birthDate, finds only consenting people; a partner's default sort is registeredAt. Each unmasked item is written to the audit trail.")
    @APIResponse(responseCode = "200", description = "A page of beneficiaries")
    @APIResponse(responseCode = "400", description = "Invalid paging or sort")
    public Page<BeneficiaryResponse> search(@QueryParam("name") String name,
                                            @QueryParam("nik") @Pattern(regexp = "\\d{16}", message = "must be exactly 16 digits") String nik,
                                            @QueryParam("kkNumber") @Pattern(regexp = "\\d{16}", message = "must be exactly 16 digits") String kkNumber,
                                            @QueryParam("provinceCode") String provinceCode,
                                            @QueryParam("regencyCode") String regencyCode,
                                            @QueryParam("districtCode") String districtCode,
                                            @QueryParam("villageCode") String villageCode,
                                            @QueryParam("cluster") Cluster cluster,
                                            @QueryParam("status") BeneficiaryStatus status,
                                            @QueryParam("serviceUnitId") UUID serviceUnitId,
                                            @QueryParam("partnerId") UUID partnerId,
                                            @QueryParam("sort") @Parameter(description = "fullName (default), registeredAt, birthDate or updatedAt; prefix - for descending") String sort,
                                            @BeanParam @Valid PageRequest page) {
        Page<BeneficiaryService.View> found = queries.search(new BeneficiaryQueries.Search(name, nik, kkNumber, provinceCode,
                regencyCode, districtCode, villageCode, cluster, status, serviceUnitId, partnerId, sort), page.page, page.size);
        Set<UUID> sharing = access.sharingPersonalData(found.items().stream().map(view -> view.beneficiary().id).toList());
        if (caller.seesPersonalData() && !sharing.isEmpty()) {
            Map<UUID, String> fields = new LinkedHashMap<>();
            found.items().stream().filter(view -> sharing.contains(view.beneficiary().id))
                    .forEach(view -> fields.put(view.beneficiary().id, PersonalDataAudit.unmaskedFields(view)));
            audit.record(fields, "list");
        }
        return found.map(view -> sharing.contains(view.beneficiary().id)
                ? BeneficiaryResponse.of(view, caller.seesPersonalData())
                : BeneficiaryResponse.withheld(view.beneficiary(), caller.ownPartner().orElseThrow()));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER, Roles.AUDITOR, Roles.VIEWER})
    @Operation(summary = "Read a beneficiary", description = "NIK, KK number, phone and address line are masked for the viewer role; every unmasked read is audited. A partner reads only the people it serves (404 otherwise), and their personal data only while their PARTNER_SHARING consent holds (personalDataWithheld otherwise). ETag = version.")
    @APIResponse(responseCode = "200", description = "The beneficiary", content = @Content(schema = @Schema(implementation = BeneficiaryResponse.class)))
    @APIResponse(responseCode = "404", description = "No beneficiary with this id (or not one the partner serves)")
    public Response get(@PathParam("id") UUID id) {
        BeneficiaryService.View view = beneficiaries.get(id);
        return Response.ok(shown(view, "read")).tag(ETags.of(view.beneficiary().version)).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER})
    @Operation(summary = "Update a beneficiary", description = "Replaces the record with the one sent (same rules as registration). Needs If-Match with the ETag read. Publishes atensi.beneficiary.updated.v1 naming the changed fields, when something changed.")
    @APIResponse(responseCode = "200", description = "Updated", content = @Content(schema = @Schema(implementation = BeneficiaryResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "404", description = "No such beneficiary")
    @APIResponse(responseCode = "403", description = "A partner, and the person's PARTNER_SHARING consent does not hold")
    @APIResponse(responseCode = "409", description = "The new NIK belongs to another record (existingId), or the person's personal data was erased")
    @APIResponse(responseCode = "412", description = "The record changed since the ETag sent")
    @APIResponse(responseCode = "422", description = "A partner newly named or a new service unit is not known to the platform (yet) or is inactive; errors name the field")
    @APIResponse(responseCode = "428", description = "If-Match is missing")
    public Response update(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @Valid @NotNull BeneficiaryRequest request) {
        long expected = ETags.required(ifMatch);
        BeneficiaryService.View view = beneficiaries.update(id, expected, request.toPerson());
        return Response.ok(shown(view, "update")).tag(ETags.of(view.beneficiary().version)).build();
    }

    @GET
    @Path("/counts")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER, Roles.AUDITOR, Roles.VIEWER})
    @Operation(summary = "Count people by cluster, province, regency, status or service unit", description = "Largest first; key null = not recorded. A person in two clusters counts in both. A partner counts only the people it serves, and by cluster, province or regency only those whose PARTNER_SHARING consent holds. Optionally only the people registered from one day to another, both days included, in the programme's time zone (Asia/Jakarta), and only one service unit's; the filters narrow the caller's scope, never widen it (an officer naming another unit counts nobody).")
    @APIResponse(responseCode = "200", description = "The counts")
    @APIResponse(responseCode = "400", description = "Unknown dimension, a date that is not YYYY-MM-DD, `from` after `to`, or a `serviceUnitId` that is not a UUID; errors name the parameter")
    public CountsResponse counts(@QueryParam("by") @NotNull @Parameter(description = "cluster, province, regency, status or serviceUnit") String by,
                                 @QueryParam("from") @Parameter(description = "First day of registration counted (YYYY-MM-DD, included)", example = "2026-01-01") String from,
                                 @QueryParam("to") @Parameter(description = "Last day of registration counted (YYYY-MM-DD, included)", example = "2026-12-31") String to,
                                 @QueryParam("serviceUnitId") @Parameter(description = "Only people of this service unit", example = "5f0c3a52-8d0b-4c1e-9a59-3f4e2d1c0b7a") String serviceUnitId) {
        return CountsResponse.of(by, queries.counts(by, BeneficiaryQueries.CountFilter.parse(from, to, serviceUnitId)));
    }

    @GET
    @Path("/audit")
    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    @Operation(summary = "Audit trail of unmasked personal data", description = "Who saw which person's NIK/KK/phone/address unmasked, when, doing what, in which request. Newest first; filter by beneficiary, user and time [from, to).")
    @APIResponse(responseCode = "200", description = "A page of audit entries")
    @APIResponse(responseCode = "400", description = "Invalid paging or time range")
    public Page<AuditEntryResponse> audit(@QueryParam("beneficiaryId") UUID beneficiaryId,
                                          @QueryParam("accessedBy") String accessedBy,
                                          @QueryParam("from") java.time.OffsetDateTime from,
                                          @QueryParam("to") java.time.OffsetDateTime to,
                                          @BeanParam @Valid PageRequest page) {
        return audit.find(new PersonalDataAudit.Query(beneficiaryId, accessedBy, from, to), page.page, page.size)
                .map(AuditEntryResponse::of);
    }

    /** The record as the caller may see it; an unmasked answer is written to the audit trail. */
    private BeneficiaryResponse shown(BeneficiaryService.View view, String action) {
        if (!access.sharesPersonalData(view.beneficiary())) {
            return BeneficiaryResponse.withheld(view.beneficiary(), caller.ownPartner().orElseThrow());
        }
        boolean unmasked = caller.seesPersonalData();
        if (unmasked) {
            audit.record(List.of(view.beneficiary().id), PersonalDataAudit.unmaskedFields(view), action);
        }
        return BeneficiaryResponse.of(view, unmasked);
    }
}
