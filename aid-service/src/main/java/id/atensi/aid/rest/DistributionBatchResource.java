package id.atensi.aid.rest;

import id.atensi.aid.service.DistributionBatchService;
import id.atensi.commons.idempotency.Creations;
import id.atensi.commons.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/aid/distribution-batches")
@Tag(name = "Aid distributions")
@SecurityRequirement(name = "bearerAuth")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid bearer token")
public class DistributionBatchResource {

    private final DistributionBatchService batches;
    private final Creations creations;

    DistributionBatchResource(DistributionBatchService batches, Creations creations) {
        this.batches = batches;
        this.creations = creations;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER})
    @Operation(summary = "Propose many distributions of one programme at once", description = """
            All or none: each distribution is checked by the rules of a single proposal (POST /api/v1/aid/distributions,
            whose problems say what each rule means), under one lock of the programme, the duplicate guard also
            comparing the batch's distributions with each other (such a refusal names the earlier one by batchIndex,
            not existingId: a refused batch stores nothing). If any is refused, none is proposed and the problem
            lists each refusal (refusals: index, status, code, detail, and the rule's own members; at most 100, with
            refusedCount counting all); its status is the refusals' own when they share one, else 422. Field errors
            are named distributions[i].field. A retry with the same Idempotency-Key answers the first answer and
            proposes nothing again. A partner proposes only what it channels itself; an officer for its own unit.""")
    @APIResponse(responseCode = "201", description = "Every distribution proposed, in the order of the request",
            content = @Content(schema = @Schema(implementation = DistributionBatchResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields (distributions[i].field), more than 10,000 distributions, or several programmes in one batch")
    @APIResponse(responseCode = "403", description = "Every refused distribution names another channelling partner or another unit than the caller's")
    @APIResponse(responseCode = "409", description = "Every refused distribution repeats an item for its recipient (rule duplicate-aid), or the programme is closed or its period over")
    @APIResponse(responseCode = "422", description = "Refusals of several kinds, or unknown programme, recipients, items, partners or funding sources; the Idempotency-Key used for another request")
    public Response propose(@HeaderParam("Idempotency-Key") @Parameter(description = "Makes the call safe to retry") String idempotencyKey,
                            @Valid @NotNull DistributionBatchRequest request) {
        DistributionBatchService.Answer answer = batches.propose(request.toProposals(), idempotencyKey,
                creations.fingerprint(request), proposed -> DistributionBatchResponse.of(request.distributions().get(0).programmeId(), proposed));
        Response.ResponseBuilder created = Response.status(Response.Status.CREATED).type(MediaType.APPLICATION_JSON).entity(answer.body());
        if (answer.replayed()) {
            created.header(Creations.REPLAYED_HEADER, "true");
        }
        return created.build();
    }
}
