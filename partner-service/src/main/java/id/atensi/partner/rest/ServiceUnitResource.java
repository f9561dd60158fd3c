package id.atensi.partner.rest;

import id.atensi.commons.idempotency.Creations;
import id.atensi.commons.paging.Page;
import id.atensi.commons.paging.PageRequest;
import id.atensi.commons.rest.ETags;
import id.atensi.commons.security.Roles;
import id.atensi.partner.domain.Partner;
import id.atensi.partner.domain.PartnerLink;
import id.atensi.partner.domain.ServiceUnit;
import id.atensi.partner.domain.ServiceUnitKind;
import id.atensi.partner.domain.ServiceUnitStatus;
import id.atensi.partner.service.ServiceUnitQueries;
import id.atensi.partner.service.ServiceUnitService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;
import java.util.UUID;

@Path("/api/v1/service-units")
@Tag(name = "Service units", description = "Kemensos technical units (Balai, Balai Besar, Loka, Sentra) and their partner networks")
@SecurityRequirement(name = "bearerAuth")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The role does not allow this")
public class ServiceUnitResource {

    private final ServiceUnitService units;
    private final ServiceUnitQueries queries;
    private final Creations creations;

    ServiceUnitResource(ServiceUnitService units, ServiceUnitQueries queries, Creations creations) {
        this.units = units;
        this.queries = queries;
        this.creations = creations;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Register a service unit", description = "Admins only: an officer works in one unit and registers none. Accepts Idempotency-Key. Publishes atensi.partner.service-unit.registered.v2.")
    @APIResponse(responseCode = "201", description = "Registered", content = @Content(schema = @Schema(implementation = ServiceUnitResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "409", description = "A unit with this name exists; existingId names it")
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used for another request")
    public Response register(@HeaderParam("Idempotency-Key") @Parameter(description = "Makes the call safe to retry") String idempotencyKey,
                             @Valid @NotNull ServiceUnitRequest request, UriInfo uri) {
        return creations.create("register-service-unit", idempotencyKey, request, uri, () -> {
            ServiceUnit unit = units.register(request.toDetails());
            return new Creations.Created(unit.id, ServiceUnitResponse.of(unit));
        });
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER, Roles.AUDITOR, Roles.VIEWER})
    @Operation(summary = "List and search service units", description = "Sorted by name. Units are a public directory: every role reads all of them.")
    @APIResponse(responseCode = "200", description = "One page of units")
    @APIResponse(responseCode = "400", description = "Invalid paging or filter")
    public Page<ServiceUnitResponse> list(
            @QueryParam("kind") ServiceUnitKind kind,
            @QueryParam("status") @Parameter(description = "ACTIVE or INACTIVE; both when absent") ServiceUnitStatus status,
            @QueryParam("region") @Pattern(regexp = "\\d{2}(\\.\\d{2})?", message = "must be a province (32) or regency (32.02) code")
            @Parameter(description = "Province (32) or regency (32.02) code") String region,
            @QueryParam("q") @Parameter(description = "Part of the name, any case") String name,
            @Valid @BeanParam PageRequest page) {
        return queries.list(kind, status, region, name, page).map(ServiceUnitResponse::of);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER, Roles.AUDITOR, Roles.VIEWER})
    @Operation(summary = "Read a service unit", description = "The unit with its kind, region, capacity, clusters, status and allowedTransitions; ETag is its version, for If-Match on a change.")
    @APIResponse(responseCode = "200", description = "The unit; ETag carries the version", content = @Content(schema = @Schema(implementation = ServiceUnitResponse.class)))
    @APIResponse(responseCode = "404", description = "No such unit")
    public Response get(@PathParam("id") UUID id) {
        ServiceUnit unit = queries.get(id);
        return Response.ok(ServiceUnitResponse.of(unit)).tag(ETags.of(unit.version)).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(summary = "Replace a service unit's details", description = "Needs If-Match. Admins and the unit's own officers only. Publishes atensi.partner.service-unit.updated.v2.")
    @APIResponse(responseCode = "200", description = "Updated; ETag carries the new version", content = @Content(schema = @Schema(implementation = ServiceUnitResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "403", description = "The role does not allow this, or (for an officer) not its own unit")
    @APIResponse(responseCode = "404", description = "No such unit")
    @APIResponse(responseCode = "409", description = "Another unit has this name")
    @APIResponse(responseCode = "412", description = "If-Match names an older version")
    @APIResponse(responseCode = "428", description = "If-Match is missing")
    public Response replace(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @Valid @NotNull ServiceUnitRequest request) {
        long expectedVersion = ETags.required(ifMatch);
        ServiceUnit unit = units.update(id, expectedVersion, request.toDetails());
        return Response.ok(ServiceUnitResponse.of(unit)).tag(ETags.of(unit.version)).build();
    }

    @POST
    @Path("/{id}/deactivate")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Close a service unit", description = """
            Admins only. ACTIVE → INACTIVE: the unit takes no new residents, classes or distributions in the other services; \
            what it hosts already stays with it. If-Match is optional, and enforced when sent. \
            Publishes atensi.partner.service-unit.updated.v2 with status INACTIVE.""")
    @APIResponse(responseCode = "200", description = "Closed; ETag carries the new version", content = @Content(schema = @Schema(implementation = ServiceUnitResponse.class)))
    @APIResponse(responseCode = "400", description = "No reason given")
    @APIResponse(responseCode = "404", description = "No such unit")
    @APIResponse(responseCode = "409", description = "Closed already; currentStatus and allowedTransitions say what is possible")
    @APIResponse(responseCode = "412", description = "If-Match given and stale")
    public Response deactivate(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                               @Valid @NotNull ServiceUnitDeactivationRequest request) {
        ServiceUnit unit = units.deactivate(id, ETags.optional(ifMatch), request.reason());
        return Response.ok(ServiceUnitResponse.of(unit)).tag(ETags.of(unit.version)).build();
    }

    @POST
    @Path("/{id}/reactivate")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Open a closed service unit again", description = """
            Admins only. INACTIVE → ACTIVE: the unit takes new residents, classes and distributions again. No body. \
            If-Match is optional, and enforced when sent. Publishes atensi.partner.service-unit.updated.v2 with status ACTIVE.""")
    @APIResponse(responseCode = "200", description = "Open again; ETag carries the new version", content = @Content(schema = @Schema(implementation = ServiceUnitResponse.class)))
    @APIResponse(responseCode = "404", description = "No such unit")
    @APIResponse(responseCode = "409", description = "Active already; currentStatus and allowedTransitions say what is possible")
    @APIResponse(responseCode = "412", description = "If-Match given and stale")
    public Response reactivate(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        ServiceUnit unit = units.reactivate(id, ETags.optional(ifMatch));
        return Response.ok(ServiceUnitResponse.of(unit)).tag(ETags.of(unit.version)).build();
    }

    @POST
    @Path("/{id}/partners")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(summary = "Add partners to a unit's network", description = "Links up to 200 partners in one call, all or none. Admins and the unit's own officers only.")
    @APIResponse(responseCode = "201", description = "The links made",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = PartnerLinkResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields or a partner named twice")
    @APIResponse(responseCode = "403", description = "The role does not allow this, or (for an officer) not its own unit")
    @APIResponse(responseCode = "404", description = "No such unit")
    @APIResponse(responseCode = "409", description = "Some partners are linked already; alreadyLinkedPartnerIds names them")
    @APIResponse(responseCode = "422", description = "Some partners do not exist or are inactive; unknownPartnerIds names them")
    public Response link(@PathParam("id") UUID id, @Valid @NotNull LinkPartnersRequest request) {
        List<PartnerLink> links = units.link(id, request.toLinks());
        return Response.status(Response.Status.CREATED).entity(describe(queries.get(id), links)).build();
    }

    @GET
    @Path("/{id}/partners")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.AUDITOR, Roles.VIEWER})
    @Operation(summary = "List a unit's partner network", description = "Oldest partnership first, with focus and track-record notes. Every staff role reads every unit's network.")
    @APIResponse(responseCode = "200", description = "The unit's partners")
    @APIResponse(responseCode = "404", description = "No such unit")
    public List<PartnerLinkResponse> network(@PathParam("id") UUID id) {
        return describe(queries.get(id), queries.network(id));
    }

    @DELETE
    @Path("/{id}/partners/{partnerId}")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(summary = "Remove a partner from a unit's network", description = "Admins and the unit's own officers only.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "403", description = "The role does not allow this, or (for an officer) not its own unit")
    @APIResponse(responseCode = "404", description = "No such unit, or the partner is not in its network")
    public void unlink(@PathParam("id") UUID id, @PathParam("partnerId") UUID partnerId) {
        units.unlink(id, partnerId);
    }

    @GET
    @Path("/{id}/partners/{partnerId}")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.AUDITOR, Roles.VIEWER})
    @Operation(summary = "Read one link of a unit's partner network", description = "ETag carries the link's version, for editing it.")
    @APIResponse(responseCode = "200", description = "The link", content = @Content(schema = @Schema(implementation = PartnerLinkResponse.class)))
    @APIResponse(responseCode = "404", description = "No such unit, or the partner is not in its network")
    public Response readLink(@PathParam("id") UUID id, @PathParam("partnerId") UUID partnerId) {
        return describe(queries.link(id, partnerId));
    }

    @PUT
    @Path("/{id}/partners/{partnerId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(summary = "Edit a link of a unit's partner network", description = "Since when, on what, and the track-record notes; needs If-Match. Admins and the unit's own officers only.")
    @APIResponse(responseCode = "200", description = "Edited; ETag carries the link's new version", content = @Content(schema = @Schema(implementation = PartnerLinkResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "403", description = "The role does not allow this, or (for an officer) not its own unit")
    @APIResponse(responseCode = "404", description = "No such unit, or the partner is not in its network")
    @APIResponse(responseCode = "412", description = "If-Match names an older version")
    @APIResponse(responseCode = "428", description = "If-Match is missing")
    public Response editLink(@PathParam("id") UUID id, @PathParam("partnerId") UUID partnerId, @HeaderParam("If-Match") String ifMatch,
                             @Valid @NotNull LinkDetailsRequest request) {
        long expectedVersion = ETags.required(ifMatch);
        return describe(units.editLink(id, partnerId, expectedVersion, request.toDetails()));
    }

    private Response describe(PartnerLink link) {
        List<PartnerLinkResponse> described = describe(queries.get(link.serviceUnitId), List.of(link));
        return Response.ok(described.get(0)).tag(ETags.of(link.version)).build();
    }

    private List<PartnerLinkResponse> describe(ServiceUnit unit, List<PartnerLink> links) {
        Map<UUID, Partner> partners = queries.partnersOf(links);
        return links.stream().map(link -> PartnerLinkResponse.of(link, unit, partners.get(link.partnerId))).toList();
    }
}
