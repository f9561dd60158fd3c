package id.atensi.aid.rest;

import id.atensi.aid.service.ReportQueries;
import id.atensi.commons.rest.DateParameters;
import id.atensi.commons.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/api/v1/aid/reports")
@Tag(name = "Aid reports", description = "Exact rupiah totals of distributions")
@SecurityRequirement(name = "bearerAuth")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The role does not allow this")
public class ReportResource {

    private final ReportQueries reports;

    ReportResource(ReportQueries reports) {
        this.reports = reports;
    }

    @GET
    @Path("/totals")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.AUDITOR, Roles.PARTNER})
    @Operation(summary = "Totals of distributions grouped by programme, funding source, channelling partner, region, regency, item or status",
            description = "Exact integer rupiah: proposedIdr (not yet approved), committedIdr (approved, not released; delivered ones at their delivered amount), deliveredIdr. Cancelled and returned distributions count in distributions only. By funding source: each source's shares, so a co-funded distribution counts in each of its sources' rows with what that source pays, and its committedIdr and deliveredIdr equal the programme's figures for that source; pool distributions awaiting approval have no source yet and form the row POOL. Region and regency: the recipient's, from beneficiary events, as when the distribution was proposed (UNKNOWN when not known). A partner sees the totals of what it channels, an officer those of its unit and of no unit. "
                    + "Narrowed by programmeId, by period (from and to: the day each distribution was proposed, in Asia/Jakarta, both days included) and by serviceUnitId (the distribution's service unit; those of no unit are then left out); the filters combine with AND and narrow what the caller reaches, never widen it (an officer naming another unit than its own gets no rows). The amounts of a distribution proposed in the period are its amounts now (a delivery after `to` counts).")
    @APIResponse(responseCode = "200", description = "One row per group", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = TotalsSummary.class),
            examples = @ExampleObject(name = "by programme", value = """
                    [{"key":"2f0c6a58-0d0e-4a59-a7a1-2c1f8e8b4d11","label":"Rakornas 2025: bantuan komunitas pemulung","distributions":5,
                      "proposedIdr":0,"committedIdr":325000000,"deliveredIdr":325000000}]""")))
    @APIResponse(responseCode = "400", description = "No grouping (by) or an unknown one; from or to not a date (YYYY-MM-DD), or to before from")
    @APIResponse(responseCode = "422", description = "A total beyond the exact range (rule amount-overflow): narrow the report, e.g. by programmeId")
    public List<TotalsSummary> totals(@QueryParam("by") @Parameter(required = true, description = "programme, funding-source, partner, region (province), regency, item or status") String by,
                                        @QueryParam("programmeId") @Parameter(description = "Only this programme's distributions") UUID programmeId,
                                        @QueryParam("from") @Parameter(description = "First day of the period (YYYY-MM-DD, included): distributions proposed on or after it, in Asia/Jakarta", example = "2026-01-01") String from,
                                        @QueryParam("to") @Parameter(description = "Last day of the period (YYYY-MM-DD, included): distributions proposed on or before it, in Asia/Jakarta", example = "2026-03-31") String to,
                                        @QueryParam("serviceUnitId") @Parameter(description = "Only the distributions of this service unit (those of no unit are left out), within what the caller reaches") UUID serviceUnitId) {
        return reports.totals(by, new ReportQueries.Filter(programmeId, DateParameters.parse("from", from), DateParameters.parse("to", to), serviceUnitId)).stream()
                .map(TotalsSummary::of).toList();
    }
}
