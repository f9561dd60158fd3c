package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.service.PersonalDataRights;
import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import id.atensi.commons.security.Roles;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/beneficiaries/{id}/erasure")
@Tag(name = "Personal data rights", description = "The person's rights under UU 27/2022: erasure (docs/personal-data.md)")
@SecurityRequirement(name = "bearerAuth")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The role does not allow this")
@APIResponse(responseCode = "404", description = "No such beneficiary (or not one the caller reaches)")
public class PersonalDataRightsResource {

    private final PersonalDataRights rights;

    PersonalDataRightsResource(PersonalDataRights rights) {
        this.rights = rights;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(summary = "Erase a person's personal data on their request", description = "Irreversible. Name, NIK, KK, birth place and day, address below the regency, phone, welfare id and free-text notes are removed; a pseudonym takes the name's place; aid delivered, attendance and the case's decisions stay under the same id, so totals and reports do not change. Audited; publishes atensi.beneficiary.erased.v1, on which every service erases what it holds. Asking again answers the first erasure and changes nothing.")
    @APIResponse(responseCode = "200", description = "Erased (now or before)", content = @Content(schema = @Schema(implementation = ErasureResponse.class)))
    @APIResponse(responseCode = "400", description = "No request reference")
    @APIResponse(responseCode = "503", description = "The event relay is publishing a batch Kafka has not acknowledged yet (the erasure must not commit while the person's events may still leave unscrubbed; Retry-After 10), or another change of the person's records held them for over 3 s (Retry-After 5); nothing was erased, try again after Retry-After seconds")
    public ErasureResponse erase(@PathParam("id") UUID id, @Valid @NotNull ErasureRequest request) {
        return ErasureResponse.of(rights.eraseOnRequest(id, request.requestReference()));
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.AUDITOR})
    @Operation(summary = "Whether and when a person's personal data was erased", description = "404 when it was not.")
    @APIResponse(responseCode = "200", description = "The erasure", content = @Content(schema = @Schema(implementation = ErasureResponse.class)))
    public ErasureResponse erasure(@PathParam("id") UUID id) {
        return rights.erasure(id).map(ErasureResponse::of)
                .orElseThrow(() -> new ProblemException(ProblemCode.NOT_FOUND, "the personal data of beneficiary " + id + " was not erased"));
    }
}
