package id.atensi.aid.rest;

import id.atensi.commons.security.Roles;
import id.atensi.aid.service.DataSubjectQueries;
import jakarta.annotation.security.RolesAllowed;
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

/** The person's right of access (UU 27/2022): called by the beneficiary service's export job, not routed by the gateway. */
@Path("/internal/v1/data-subjects")
@Tag(name = "Data subjects", description = "What the aid service holds on one person, for the beneficiary service's access export")
@SecurityRequirement(name = "bearerAuth")
@Produces(MediaType.APPLICATION_JSON)
public class DataSubjectResource {

    private final DataSubjectQueries subjects;

    DataSubjectResource(DataSubjectQueries subjects) {
        this.subjects = subjects;
    }

    @GET
    @Path("/{beneficiaryId}")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(summary = "Everything held on one beneficiary", description = """
            One JSON document of all the aid service holds on the person: their name, status, unit and region as learned \
            from the beneficiary service, their consents, an erasure carried out here, and every distribution to them \
            (programme, funding shares, lines and amounts, status, notes and reasons, proof of delivery). No secrets. Not \
            routed by the gateway: the beneficiary service's access export calls it with the requesting officer's token. \
            An officer reads the document of a person of its unit or of no unit (the rule of the known-beneficiary read \
            model); another unit's person answers 404, as does a person the service holds nothing on.""")
    @APIResponse(responseCode = "200", description = "The document", content = @Content(schema = @Schema(implementation = DataSubjectResponse.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "Neither admin nor officer, or an officer token without unit_id")
    @APIResponse(responseCode = "404", description = "The service holds nothing on this person, or the person belongs to another unit than the officer's")
    public DataSubjectResponse get(@PathParam("beneficiaryId") UUID beneficiaryId) {
        return DataSubjectResponse.of(subjects.of(beneficiaryId));
    }
}
