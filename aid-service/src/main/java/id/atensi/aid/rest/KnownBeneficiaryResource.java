package id.atensi.aid.rest;

import id.atensi.aid.service.RecipientQueries;
import id.atensi.commons.paging.Page;
import id.atensi.commons.paging.PageRequest;
import id.atensi.commons.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** The beneficiaries aid can be given to, as learned from the beneficiary service's events. */
@Path("/api/v1/aid/recipients/beneficiaries")
@Tag(name = "Aid recipients", description = "Beneficiaries known to the aid service, from beneficiary events")
@SecurityRequirement(name = "bearerAuth")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.AUDITOR})
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The role does not allow this")
public class KnownBeneficiaryResource {

    private final RecipientQueries recipients;

    KnownBeneficiaryResource(RecipientQueries recipients) {
        this.recipients = recipients;
    }

    @GET
    @Path("/{beneficiaryId}")
    @Operation(summary = "Read a beneficiary as the aid service knows it", description = "An officer reads those of its own unit and of no unit.")
    @APIResponse(responseCode = "200", description = "Known beneficiary", content = @Content(schema = @Schema(implementation = KnownBeneficiaryResponse.class)))
    @APIResponse(responseCode = "404", description = "Not (yet) known from beneficiary events, or of another unit than the officer's")
    public KnownBeneficiaryResponse get(@PathParam("beneficiaryId") UUID beneficiaryId) {
        return KnownBeneficiaryResponse.of(recipients.beneficiary(beneficiaryId));
    }

    @GET
    @Operation(summary = "List known beneficiaries", description = "Newest registrations first. An officer sees those of its own unit and of no unit.")
    @APIResponse(responseCode = "200", description = "One page of known beneficiaries")
    @APIResponse(responseCode = "400", description = "Invalid paging")
    public Page<KnownBeneficiaryResponse> list(@Valid @BeanParam PageRequest paging) {
        return recipients.beneficiaries(paging.page, paging.size).map(KnownBeneficiaryResponse::of);
    }
}
