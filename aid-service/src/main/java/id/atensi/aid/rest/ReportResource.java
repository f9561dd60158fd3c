package id.atensi.aid.rest;

import id.atensi.aid.service.Money;
import id.atensi.commons.rest.Problem;
import id.atensi.commons.rest.ProblemException;
import id.atensi.commons.security.Caller;
import id.atensi.commons.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
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
import java.util.Optional;
import java.util.UUID;

@Path("/api/v1/aid/reports")
@Tag(name = "Aid reports", description = "Exact rupiah totals of distributions")
@SecurityRequirement(name = "bearerAuth")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The role does not allow this", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ReportResource {

    /** Per distribution: its amount by stage. Committed = approved and not released; delivered ones hold their delivered amount. */
    private static final String AMOUNTS = """
            count(DISTINCT d.id),
            sum(CASE WHEN d.status = 'PROPOSED' THEN %1$s ELSE 0 END),
            sum(CASE WHEN d.status IN ('APPROVED', 'DISPATCHED') THEN %1$s WHEN d.status IN ('DELIVERED', 'PARTIALLY_DELIVERED') THEN %2$s ELSE 0 END),
            sum(CASE WHEN d.status IN ('DELIVERED', 'PARTIALLY_DELIVERED') THEN %2$s ELSE 0 END)""";

    private static final Map<String, String> GROUPS = Map.of(
            "programme", "SELECT CAST(p.id AS text), p.name, %s, NULL, NULL FROM distribution d JOIN programme p ON p.id = d.programme_id WHERE %s GROUP BY p.id, p.name ORDER BY p.name",
            // Per share: a co-funded distribution counts in each of its sources' rows with what that source pays. A pool
            // distribution not yet approved has no shares: its proposed amount is the POOL row's, so that the rows add up.
            "funding-source", "SELECT CAST(f.id AS text), f.kind || COALESCE(' ' || CAST(f.partner_id AS text), '') || COALESCE(' ' || f.funder_name, ''), %1$s, NULL, NULL FROM distribution d JOIN distribution_share s ON s.distribution_id = d.id JOIN funding_source f ON f.id = s.funding_source_id WHERE %2$s GROUP BY f.id, f.kind, f.partner_id, f.funder_name"
                    + " UNION ALL SELECT 'POOL', 'programme pool, drawn on approval', %3$s, NULL, NULL FROM distribution d WHERE %2$s AND d.funding_mode = 'POOL' AND NOT EXISTS (SELECT 1 FROM distribution_share s WHERE s.distribution_id = d.id) HAVING count(*) > 0 ORDER BY 2",
            "partner", "SELECT COALESCE(CAST(d.channelling_partner_id AS text), 'DIRECT'), COALESCE(CAST(d.channelling_partner_id AS text), 'not channelled by a partner'), %s, NULL, NULL FROM distribution d WHERE %s GROUP BY d.channelling_partner_id ORDER BY 1",
            "region", "SELECT COALESCE(d.province_code, 'UNKNOWN'), COALESCE(d.province_code, 'recipient''s province not known'), %s, NULL, NULL FROM distribution d WHERE %s GROUP BY d.province_code ORDER BY 1",
            "regency", "SELECT COALESCE(d.regency_code, 'UNKNOWN'), COALESCE(d.regency_code, 'recipient''s regency not known'), %s, NULL, NULL FROM distribution d WHERE %s GROUP BY d.regency_code ORDER BY 1",
            "status", "SELECT d.status, d.status, %s, NULL, NULL FROM distribution d WHERE %s GROUP BY d.status ORDER BY 1",
            "item", "SELECT CAST(i.id AS text), i.code || ' ' || i.name, %s, sum(l.quantity), sum(COALESCE(l.delivered_quantity, 0)) FROM distribution d JOIN distribution_line l ON l.distribution_id = d.id JOIN aid_item i ON i.id = l.item_id WHERE %s GROUP BY i.id, i.code, i.name ORDER BY i.code");

    private final EntityManager entityManager;
    private final Caller caller;

    ReportResource(EntityManager entityManager, Caller caller) {
        this.entityManager = entityManager;
        this.caller = caller;
    }

    @GET
    @Path("/totals")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.AUDITOR, Roles.PARTNER})
    @Operation(summary = "Totals of distributions grouped by programme, funding source, channelling partner, region, regency, item or status",
            description = "Exact integer rupiah: proposedIdr (not yet approved), committedIdr (approved, not released; delivered ones at their delivered amount), deliveredIdr. Cancelled and returned distributions count in distributions only. By funding source: each source's shares, so a co-funded distribution counts in each of its sources' rows with what that source pays, and its committedIdr and deliveredIdr equal the programme's figures for that source; pool distributions awaiting approval have no source yet and form the row POOL. Region and regency: the recipient's, from beneficiary events, as when the distribution was proposed (UNKNOWN when not known). A partner sees the totals of what it channels, an officer those of its unit and of no unit.")
    @APIResponse(responseCode = "200", description = "One row per group", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = Views.TotalsRow.class)))
    @APIResponse(responseCode = "400", description = "Unknown grouping", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "A total beyond the exact range (rule amount-overflow): narrow the report, e.g. by programmeId", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<Views.TotalsRow> totals(@QueryParam("by") @Parameter(description = "programme, funding-source, partner, region (province), regency, item or status") String by,
                                        @QueryParam("programmeId") UUID programmeId) {
        String template = GROUPS.get(by == null ? "" : by);
        if (template == null) {
            throw ProblemException.invalidField("by", "must be one of programme, funding-source, partner, region, regency, item, status");
        }
        boolean items = "item".equals(by);
        String amounts = items ? AMOUNTS.formatted("l.line_total_idr", "l.unit_value_idr * COALESCE(l.delivered_quantity, 0)")
                : "funding-source".equals(by) ? AMOUNTS.formatted("s.amount_idr", "s.delivered_idr")
                : AMOUNTS.formatted("d.total_idr", "d.delivered_idr");
        Optional<UUID> partner = caller.ownPartner();
        Optional<UUID> unit = caller.ownUnit();
        String where = "1 = 1" + (programmeId == null ? "" : " AND d.programme_id = :programme")
                + (partner.isEmpty() ? "" : " AND d.channelling_partner_id = :partner")
                + (unit.isEmpty() ? "" : " AND (d.service_unit_id = :unit OR d.service_unit_id IS NULL)");
        Query query = entityManager.createNativeQuery(template.formatted(amounts, where, AMOUNTS.formatted("d.total_idr", "d.delivered_idr")));
        if (programmeId != null) {
            query.setParameter("programme", programmeId);
        }
        partner.ifPresent(id -> query.setParameter("partner", id));
        unit.ifPresent(id -> query.setParameter("unit", id));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(row -> new Views.TotalsRow((String) row[0], (String) row[1], exact(row[2]), exact(row[3]),
                exact(row[4]), exact(row[5]), items ? exact(row[6]) : null, items ? exact(row[7]) : null)).toList();
    }

    private static long exact(Object value) {
        return Money.sum(value, "a total of this report");
    }
}
