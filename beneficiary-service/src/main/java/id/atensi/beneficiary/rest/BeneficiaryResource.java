package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.domain.Beneficiary;
import id.atensi.beneficiary.service.BeneficiaryService;
import id.atensi.commons.rest.Problem;
import id.atensi.commons.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/beneficiaries")
@Tag(name = "Beneficiaries", description = "People registered as PPKS and followed until graduation")
@SecurityRequirement(name = "bearerAuth")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The role does not allow this", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class BeneficiaryResource {

    private final BeneficiaryService beneficiaries;
    private final SecurityIdentity identity;

    BeneficiaryResource(BeneficiaryService beneficiaries, SecurityIdentity identity) {
        this.beneficiaries = beneficiaries;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER})
    @Operation(summary = "Register a beneficiary", description = "Registers a person; the NIK must agree with the birth date and sex. Publishes atensi.beneficiary.registered.v1.")
    @APIResponse(responseCode = "201", description = "Registered", content = @Content(schema = @Schema(implementation = BeneficiaryResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, with one error per field", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The NIK is registered already; existingId names that record", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response register(@Valid @NotNull RegisterBeneficiaryRequest request, UriInfo uri) {
        Beneficiary registered = beneficiaries.register(new BeneficiaryService.Registration(
                request.fullName(), request.nik(), request.birthDate(), request.sex()));
        return Response.created(uri.getAbsolutePathBuilder().path(registered.id.toString()).build())
                .entity(BeneficiaryResponse.of(registered, canSeePersonalNumbers()))
                .build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER, Roles.AUDITOR, Roles.VIEWER})
    @Operation(summary = "Read a beneficiary", description = "The NIK is masked for the viewer role.")
    @APIResponse(responseCode = "200", description = "The beneficiary", content = @Content(schema = @Schema(implementation = BeneficiaryResponse.class)))
    @APIResponse(responseCode = "404", description = "No beneficiary with this id", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public BeneficiaryResponse get(@PathParam("id") UUID id) {
        return BeneficiaryResponse.of(beneficiaries.get(id), canSeePersonalNumbers());
    }

    private boolean canSeePersonalNumbers() {
        return identity.hasRole(Roles.ADMIN) || identity.hasRole(Roles.OFFICER) || identity.hasRole(Roles.PARTNER)
                || identity.hasRole(Roles.AUDITOR);
    }
}
