package id.atensi.aid.rest;

import id.atensi.aid.domain.AidItem;
import id.atensi.aid.domain.ItemCategory;
import id.atensi.aid.service.ItemQueries;
import id.atensi.aid.service.ItemService;
import id.atensi.commons.idempotency.Creations;
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
import jakarta.ws.rs.PUT;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/aid/items")
@Tag(name = "Aid items", description = "The item catalogue: unit, unit value in rupiah, category")
@SecurityRequirement(name = "bearerAuth")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The role does not allow this")
public class ItemResource {

    private final ItemService items;
    private final ItemQueries queries;
    private final Creations creations;

    ItemResource(ItemService items, ItemQueries queries, Creations creations) {
        this.items = items;
        this.queries = queries;
        this.creations = creations;
    }

    private static Response ok(AidItem item) {
        return Response.ok(ItemResponse.of(item)).tag(ETags.of(item.version)).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(summary = "Add an item to the catalogue", description = "A retry with the same Idempotency-Key answers the first result.")
    @APIResponse(responseCode = "201", description = "Added; ETag carries the version", content = @Content(schema = @Schema(implementation = ItemResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "409", description = "The code is taken; existingId names that item")
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used for another request")
    public Response create(@HeaderParam("Idempotency-Key") @Parameter(description = "Makes the call safe to retry") String idempotencyKey,
                           @Valid @NotNull ItemRequest request, UriInfo uri) {
        return creations.create("create-item", idempotencyKey, request, uri, () -> {
            AidItem item = items.create(request.toNewItem());
            return new Creations.Created(item.id, ItemResponse.of(item));
        });
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.AUDITOR, Roles.PARTNER, Roles.VIEWER})
    @Operation(summary = "Read an item", description = "The catalogue item: code, name, unit, category and its value (amountIdr, integer rupiah); ETag is its version, for If-Match on a change.")
    @APIResponse(responseCode = "200", description = "The item; ETag carries the version", content = @Content(schema = @Schema(implementation = ItemResponse.class)))
    @APIResponse(responseCode = "404", description = "No such item")
    public Response get(@PathParam("id") UUID id) {
        return ok(queries.get(id));
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.AUDITOR, Roles.PARTNER, Roles.VIEWER})
    @Operation(summary = "List the catalogue", description = "By code, optionally one category.")
    @APIResponse(responseCode = "200", description = "One page of items")
    @APIResponse(responseCode = "400", description = "Invalid paging or filter")
    public Page<ItemResponse> list(@QueryParam("category") ItemCategory category, @Valid @BeanParam PageRequest paging) {
        return queries.list(category, paging.page, paging.size).map(ItemResponse::of);
    }

    @PUT
    @Path("/{id}/price")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Change an item's unit value", description = "Admins only: the catalogue is national and a price applies to every unit. Applies to distributions proposed afterwards; those already proposed keep the value they copied. Needs If-Match.")
    @APIResponse(responseCode = "200", description = "Changed; ETag carries the new version", content = @Content(schema = @Schema(implementation = ItemResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid amount")
    @APIResponse(responseCode = "404", description = "No such item")
    @APIResponse(responseCode = "412", description = "The item changed since the version in If-Match")
    @APIResponse(responseCode = "428", description = "If-Match is missing")
    public Response changePrice(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @Valid @NotNull ItemPriceRequest request) {
        return ok(items.changePrice(id, ETags.required(ifMatch), request.amountIdr()));
    }
}
