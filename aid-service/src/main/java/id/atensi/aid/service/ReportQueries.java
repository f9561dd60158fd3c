package id.atensi.aid.service;

import id.atensi.aid.config.AidConfig;
import id.atensi.aid.domain.DistributionStatus;
import id.atensi.commons.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/** The totals of distributions, grouped, in exact rupiah: what the caller may see of them. */
@ApplicationScoped
public class ReportQueries {

    /**
     * Per distribution: its amount by stage, the statuses of each as {@link DistributionStatus} says (parameters
     * awaiting, delivered, reserving). Committed = reserved and not released; delivered ones hold their delivered amount.
     */
    private static final String AMOUNTS = """
            count(DISTINCT d.id),
            sum(CASE WHEN d.status IN (:awaiting) THEN %1$s ELSE 0 END),
            sum(CASE WHEN d.status IN (:delivered) THEN %2$s WHEN d.status IN (:reserving) THEN %1$s ELSE 0 END),
            sum(CASE WHEN d.status IN (:delivered) THEN %2$s ELSE 0 END)""";

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
    private final AidAccess access;
    private final AidConfig config;

    ReportQueries(EntityManager entityManager, AidAccess access, AidConfig config) {
        this.entityManager = entityManager;
        this.access = access;
        this.config = config;
    }

    /**
     * What a report is narrowed to; every field optional, all of them together. {@code from} and {@code to} are the days,
     * both included, on which the distributions were proposed, in the programme's time zone (atensi.aid.time-zone);
     * {@code serviceUnitId} is the service unit a distribution belongs to (one of no unit is then left out).
     */
    public record Filter(UUID programmeId, LocalDate from, LocalDate to, UUID serviceUnitId) {

        public Filter {
            if (from != null && to != null && to.isBefore(from)) {
                throw ProblemException.invalidField("to", "must not be before from");
            }
        }
    }

    /** One group's totals; quantities only when grouped by item. */
    public record Totals(String key, String label, long distributions, long proposedIdr, long committedIdr, long deliveredIdr,
                         Long quantity, Long deliveredQuantity) {
    }

    /**
     * @param by one of programme, funding-source, partner, region, regency, item, status (400 otherwise)
     * @param filter what to count of what the caller reaches: it narrows the caller's scope, never widens it (an officer
     *               naming another unit than its own counts nothing, as beneficiary counts do)
     */
    public List<Totals> totals(String by, Filter filter) {
        String template = GROUPS.get(by == null ? "" : by);
        if (template == null) {
            throw ProblemException.invalidField("by", "must be one of programme, funding-source, partner, region, regency, item, status");
        }
        boolean items = "item".equals(by);
        String amounts = items ? AMOUNTS.formatted("l.line_total_idr", "l.unit_value_idr * COALESCE(l.delivered_quantity, 0)")
                : "funding-source".equals(by) ? AMOUNTS.formatted("s.amount_idr", "s.delivered_idr")
                : AMOUNTS.formatted("d.total_idr", "d.delivered_idr");
        Optional<UUID> partner = access.partnerScope();
        Optional<UUID> unit = access.unitScope();
        UUID programmeId = filter.programmeId();
        ZoneId zone = config.timeZone();
        String where = "1 = 1" + (programmeId == null ? "" : " AND d.programme_id = :programme")
                + (partner.isEmpty() ? "" : " AND d.channelling_partner_id = :partner")
                + (unit.isEmpty() ? "" : " AND (d.service_unit_id = :unit OR d.service_unit_id IS NULL)")
                + (filter.serviceUnitId() == null ? "" : " AND d.service_unit_id = :unitId")
                + (filter.from() == null ? "" : " AND d.proposed_at >= :from")
                + (filter.to() == null ? "" : " AND d.proposed_at < :before");
        Query query = entityManager.createNativeQuery(template.formatted(amounts, where, AMOUNTS.formatted("d.total_idr", "d.delivered_idr")));
        if (programmeId != null) {
            query.setParameter("programme", programmeId);
        }
        if (filter.serviceUnitId() != null) {
            query.setParameter("unitId", filter.serviceUnitId());
        }
        // Instants rather than a date of proposed_at in the zone: the comparison can use an index on proposed_at.
        if (filter.from() != null) {
            query.setParameter("from", filter.from().atStartOfDay(zone).toOffsetDateTime());
        }
        if (filter.to() != null) {
            query.setParameter("before", filter.to().plusDays(1).atStartOfDay(zone).toOffsetDateTime());
        }
        query.setParameter("awaiting", names(DistributionStatus::awaitsApproval));
        query.setParameter("delivered", names(DistributionStatus::delivered));
        query.setParameter("reserving", names(DistributionStatus::reservesBudget));
        partner.ifPresent(id -> query.setParameter("partner", id));
        unit.ifPresent(id -> query.setParameter("unit", id));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(row -> new Totals((String) row[0], (String) row[1], exact(row[2]), exact(row[3]),
                exact(row[4]), exact(row[5]), items ? exact(row[6]) : null, items ? exact(row[7]) : null)).toList();
    }

    private static List<String> names(Predicate<DistributionStatus> rule) {
        return DistributionStatus.where(rule).stream().map(Enum::name).toList();
    }

    private static long exact(Object value) {
        return Money.sum(value, "a total of this report");
    }
}
