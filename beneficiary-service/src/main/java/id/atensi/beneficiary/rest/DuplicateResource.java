package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.domain.DuplicateCandidate;
import id.atensi.beneficiary.service.DuplicateQueries;
import id.atensi.beneficiary.service.DuplicateService;
import id.atensi.commons.paging.Page;
import id.atensi.commons.paging.PageRequest;
import id.atensi.commons.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/duplicate-candidates")
@Tag(name = "Duplicates", description = "Likely duplicate records (similar name, same birth date, same region) for review")
@SecurityRequirement(name = "bearerAuth")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.OFFICER})
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The role does not allow this")
public class DuplicateResource {

    private final DuplicateService duplicates;
    private final DuplicateQueries queries;

    DuplicateResource(DuplicateService duplicates, DuplicateQueries queries) {
        this.duplicates = duplicates;
        this.queries = queries;
    }

    @GET
    @Operation(summary = "List duplicate candidates", description = "OPEN by default; oldest first; optionally those of one person.")
    @APIResponse(responseCode = "200", description = "One page of candidate pairs")
    public Page<CandidateResponse> list(@QueryParam("status") DuplicateCandidate.Status status,
                                        @QueryParam("beneficiaryId") UUID beneficiaryId, @BeanParam @Valid PageRequest page) {
        return queries.list(status, beneficiaryId, page.page, page.size).map(CandidateResponse::of);
    }

    @POST
    @Path("/{id}/merge")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Merge the pair", description = "The survivor takes the other's partners; the other is kept with mergedInto = survivor and leaves search. Publishes atensi.beneficiary.merged.v1.")
    @APIResponse(responseCode = "200", description = "Merged", content = @Content(schema = @Schema(implementation = CandidateResponse.class)))
    @APIResponse(responseCode = "400", description = "survivorId is not one of the pair")
    @APIResponse(responseCode = "404", description = "No such candidate")
    @APIResponse(responseCode = "409", description = "The candidate was resolved already")
    public CandidateResponse merge(@PathParam("id") UUID id, @Valid @NotNull MergeRequest request) {
        return CandidateResponse.of(duplicates.merge(id, request.survivorId()));
    }

    @POST
    @Path("/{id}/dismiss")
    @Operation(summary = "Dismiss the pair", description = "Two different people: the pair is not proposed again.")
    @APIResponse(responseCode = "200", description = "Dismissed", content = @Content(schema = @Schema(implementation = CandidateResponse.class)))
    @APIResponse(responseCode = "404", description = "No such candidate, or (for an officer) neither person is in its unit")
    @APIResponse(responseCode = "409", description = "The candidate was resolved already")
    public CandidateResponse dismiss(@PathParam("id") UUID id) {
        return CandidateResponse.of(duplicates.dismiss(id));
    }
}
