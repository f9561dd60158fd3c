package id.atensi.partner.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import id.atensi.commons.idempotency.Creations;
import id.atensi.commons.paging.Page;
import id.atensi.commons.paging.PageRequest;
import id.atensi.commons.rest.ETags;
import id.atensi.commons.security.Caller;
import id.atensi.commons.security.Roles;
import id.atensi.partner.domain.Partner;
import id.atensi.partner.domain.PartnerStatus;
import id.atensi.partner.service.PartnerQueries;
import id.atensi.partner.service.PartnerService;
import id.atensi.partner.service.ServiceUnitQueries;
import id.atensi.vocabulary.PartnerType;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Path("/api/v1/partners")
@Tag(name = "Partners", description = "Organisations ATENSI works with: LKS, CSR companies, state-owned companies, government bodies, universities, communities")
@SecurityRequirement(name = "bearerAuth")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The role does not allow this")
public class PartnerResource {

    private final PartnerService partners;
    private final PartnerQueries queries;
    private final ServiceUnitQueries units;
    private final Creations creations;
    private final MergePatch mergePatch;
    private final Caller caller;
    private final Clock clock;

    PartnerResource(PartnerService partners, PartnerQueries queries, ServiceUnitQueries units, Creations creations, MergePatch mergePatch,
                    Caller caller, Clock clock) {
        this.partners = partners;
        this.queries = queries;
        this.units = units;
        this.creations = creations;
        this.mergePatch = mergePatch;
        this.caller = caller;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(summary = "Register a partner", description = "Registers an organisation. A retry with the same Idempotency-Key by the same caller answers the first result. Publishes atensi.partner.registered.v2.")
    @APIResponse(responseCode = "201", description = "Registered; ETag carries the version", content = @Content(schema = @Schema(implementation = PartnerResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields (NPWP, region codes, accreditation…), one error per field")
    @APIResponse(responseCode = "409", description = "The registration number is taken; existingId names that partner")
    @APIResponse(responseCode = "422", description = "The parent organisation does not exist, or the Idempotency-Key was used for another request")
    public Response register(@HeaderParam("Idempotency-Key") @Parameter(description = "Makes the call safe to retry") String idempotencyKey,
                             @Valid @NotNull PartnerRequest request, UriInfo uri) {
        return creations.create("register-partner", idempotencyKey, request, uri, () -> {
            Partner partner = partners.register(request.toDetails());
            return new Creations.Created(partner.id, view(partner));
        });
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER, Roles.AUDITOR, Roles.VIEWER})
    @Operation(summary = "List and search partners", description = "Sorted by legal name. A partner caller sees other organisations' public names only.")
    @APIResponse(responseCode = "200", description = "One page of partners")
    @APIResponse(responseCode = "400", description = "Invalid paging or filter")
    public Page<PartnerSummary> list(
            @QueryParam("type") PartnerType type,
            @QueryParam("region") @Pattern(regexp = "\\d{2}(\\.\\d{2})?", message = "must be a province (32) or regency (32.02) code")
            @Parameter(description = "Province (32) or regency (32.02) code") String region,
            @QueryParam("q") @Parameter(description = "Part of the legal or short name, any case") String name,
            @QueryParam("status") PartnerStatus status,
            @QueryParam("accreditationLapsed") @Parameter(description = "true: only LKS whose accreditation expired") Boolean accreditationLapsed,
            @Valid @BeanParam PageRequest page) {
        Optional<UUID> own = caller.ownPartner();
        LocalDate today = LocalDate.now(clock);
        return queries.list(new PartnerQueries.PartnerFilter(type, region, name, status, accreditationLapsed), page, today)
                .map(partner -> own.isEmpty() || own.get().equals(partner.id)
                        ? PartnerSummary.of(partner, today)
                        : PartnerSummary.publicNames(partner));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER, Roles.AUDITOR, Roles.VIEWER})
    @Operation(summary = "Read a partner", description = "A partner caller reads its own organisation only. Contacts are masked for the viewer role.")
    @APIResponse(responseCode = "200", description = "The partner; ETag carries the version", content = @Content(schema = @Schema(implementation = PartnerResponse.class)))
    @APIResponse(responseCode = "404", description = "No such partner (or not the caller's own)")
    public Response get(@PathParam("id") UUID id) {
        Partner partner = queries.read(id);
        return Response.ok(view(partner)).tag(ETags.of(partner.version)).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(summary = "Replace a partner's details", description = "Needs If-Match with the ETag read. An officer changes only partners in its unit's network. Publishes atensi.partner.updated.v2.")
    @APIResponse(responseCode = "200", description = "Updated; ETag carries the new version", content = @Content(schema = @Schema(implementation = PartnerResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "403", description = "The role does not allow this, or (for an officer) the partner is not in its unit's network")
    @APIResponse(responseCode = "404", description = "No such partner")
    @APIResponse(responseCode = "409", description = "The registration number belongs to another partner")
    @APIResponse(responseCode = "412", description = "If-Match names an older version")
    @APIResponse(responseCode = "422", description = "The parent does not exist or would make a cycle")
    @APIResponse(responseCode = "428", description = "If-Match is missing")
    public Response replace(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @Valid @NotNull PartnerRequest request) {
        long expectedVersion = ETags.required(ifMatch);
        Partner partner = partners.update(id, expectedVersion, request.toDetails());
        return Response.ok(view(partner)).tag(ETags.of(partner.version)).build();
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MergePatch.MEDIA_TYPE)
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(summary = "Change some of a partner's details", description = "A JSON merge patch (RFC 7396) of PartnerRequest; null removes a member. Needs If-Match. An officer changes only partners in its unit's network. Publishes atensi.partner.updated.v2.")
    @APIResponse(responseCode = "200", description = "Updated; ETag carries the new version", content = @Content(schema = @Schema(implementation = PartnerResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields after the patch, or not a JSON object")
    @APIResponse(responseCode = "403", description = "The role does not allow this, or (for an officer) the partner is not in its unit's network")
    @APIResponse(responseCode = "404", description = "No such partner")
    @APIResponse(responseCode = "409", description = "The registration number belongs to another partner")
    @APIResponse(responseCode = "412", description = "If-Match names an older version")
    @APIResponse(responseCode = "422", description = "The parent does not exist or would make a cycle")
    @APIResponse(responseCode = "428", description = "If-Match is missing")
    public Response patch(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                          @RequestBody(required = true, content = @Content(mediaType = MergePatch.MEDIA_TYPE, schema = @Schema(type = SchemaType.OBJECT,
                                  description = "Any members of PartnerRequest, each to replace the partner's; null removes a member. None is required")))
                          byte[] patch) throws JsonProcessingException {
        long expectedVersion = ETags.required(ifMatch);
        PartnerRequest merged = mergePatch.apply(PartnerRequest.of(partners.changeable(id)), patch, PartnerRequest.class);
        Partner partner = partners.update(id, expectedVersion, merged.toDetails());
        return Response.ok(view(partner)).tag(ETags.of(partner.version)).build();
    }

    @POST
    @Path("/{id}/deactivation")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(summary = "Deactivate a partner", description = "The record stays for history; it can no longer join networks or agreements. If-Match is optional, and enforced when sent. An officer deactivates only partners in its unit's network. Every API client of the partner still active is disabled with it (atensi.partner.api-client.disabled.v1 for each). Publishes atensi.partner.deactivated.v1.")
    @APIResponse(responseCode = "503", description = "The partner has active API clients and Keycloak cannot be reached to disable them: nothing changed; retry")
    @APIResponse(responseCode = "200", description = "Deactivated", content = @Content(schema = @Schema(implementation = PartnerResponse.class)))
    @APIResponse(responseCode = "400", description = "No reason given")
    @APIResponse(responseCode = "403", description = "The role does not allow this, or (for an officer) the partner is not in its unit's network")
    @APIResponse(responseCode = "404", description = "No such partner")
    @APIResponse(responseCode = "409", description = "Deactivated already: currentStatus INACTIVE, requestedStatus INACTIVE, allowedTransitions empty (no request reactivates a partner); or an API client was registered for the partner while it was being deactivated (deactivate again)")
    @APIResponse(responseCode = "412", description = "If-Match given and stale")
    public Response deactivate(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @Valid @NotNull DeactivationRequest request) {
        Long expectedVersion = ETags.optional(ifMatch);
        Partner partner = partners.deactivate(id, expectedVersion, request.reason());
        return Response.ok(view(partner)).tag(ETags.of(partner.version)).build();
    }

    @GET
    @Path("/{id}/service-units")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER, Roles.AUDITOR, Roles.VIEWER})
    @Operation(summary = "List the service units a partner works with", description = "A partner caller reads its own links only.")
    @APIResponse(responseCode = "200", description = "The partner's links to units")
    @APIResponse(responseCode = "404", description = "No such partner (or not the caller's own)")
    public List<PartnerLinkResponse> serviceUnits(@PathParam("id") UUID id) {
        Partner partner = queries.read(id);
        return units.linksOfPartner(partner.id).stream().map(link -> PartnerLinkResponse.of(link, units.get(link.serviceUnitId), partner)).toList();
    }

    @GET
    @Path("/reports/by-type-and-region")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.AUDITOR, Roles.VIEWER})
    @Operation(summary = "Count active partners by type and province", description = "One row per type and province of the ACTIVE partners, ordered by province then type, as a plain JSON array.")
    @APIResponse(responseCode = "200", description = "One line per type and province")
    public List<TypeRegionCountResponse> byTypeAndRegion() {
        return queries.countByTypeAndProvince().stream().map(TypeRegionCountResponse::of).toList();
    }

    private PartnerResponse view(Partner partner) {
        return PartnerResponse.of(partner, LocalDate.now(clock), caller.seesPersonalData());
    }
}
