package id.atensi.partner.service;

import id.atensi.commons.paging.Page;
import id.atensi.commons.paging.PageRequest;
import id.atensi.commons.rest.ProblemException;
import id.atensi.partner.domain.Agreement;
import id.atensi.partner.domain.AgreementAddendum;
import id.atensi.partner.domain.AgreementKind;
import id.atensi.partner.domain.AgreementStatus;
import id.atensi.partner.domain.AgreementTerms;
import id.atensi.partner.domain.Partner;
import id.atensi.partner.domain.ServiceUnit;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Agreements as callers read them: one agreement, its history, lists, the expiring ones and the commitments report,
 * each limited to what the caller reaches ({@link PartnerAccess}). Changes are {@link AgreementService}'s.
 */
@ApplicationScoped
public class AgreementQueries {

    /** The statuses of an agreement in force, as {@link AgreementStatus#inForce} says. */
    static final List<AgreementStatus> IN_FORCE = Arrays.stream(AgreementStatus.values()).filter(AgreementStatus::inForce).toList();

    /** JPQL for {@link Agreement#lapsedOn}, over {@code a} with parameters {@code inForce} and {@code today}. */
    static final String LAPSED = "(a.status in :inForce and a.endsOn < :today)";

    private final EntityManager entityManager;
    private final Clock clock;
    private final TermsJson terms;
    private final PartnerAccess access;

    AgreementQueries(EntityManager entityManager, Clock clock, TermsJson terms, PartnerAccess access) {
        this.entityManager = entityManager;
        this.clock = clock;
        this.terms = terms;
        this.access = access;
    }

    public record AgreementFilter(AgreementStatus status, AgreementKind kind, UUID partyId, String text) {
    }

    /**
     * What a caller's lists cover: a partner the agreements it is a party to, an officer those reaching its unit and
     * the national ones (no unit at all); null for either means no such limit.
     */
    public record Reach(UUID partnerId, UUID unitId) {
    }

    /** One line of the commitments report: a partner, its agreements in force and the rupiah it committed in them. */
    public record PartnerCommitments(UUID partnerId, String legalName, long activeAgreements, long committedIdr) {
    }

    /** The calendar date now in the ministry's time zone: what every rule about periods goes by. */
    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** An agreement the caller reaches (README, "Access"); another's answers 404. */
    public Agreement read(UUID id) {
        return access.reads(get(id));
    }

    /** An agreement by id, whoever asks; the use cases check access themselves. */
    Agreement get(UUID id) {
        return Agreement.<Agreement>findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("agreement", id));
    }

    /** The names of an agreement's parties by id: the partners' legal names and the units' names. */
    public Map<UUID, String> partyNames(Agreement agreement) {
        Map<UUID, String> names = new HashMap<>();
        List<UUID> partnerIds = agreement.parties.stream().map(party -> party.partnerId).filter(Objects::nonNull).toList();
        List<UUID> unitIds = agreement.parties.stream().map(party -> party.serviceUnitId).filter(Objects::nonNull).toList();
        if (!partnerIds.isEmpty()) {
            Partner.<Partner>list("id in ?1", partnerIds).forEach(partner -> names.put(partner.id, partner.legalName));
        }
        if (!unitIds.isEmpty()) {
            ServiceUnit.<ServiceUnit>list("id in ?1", unitIds).forEach(unit -> names.put(unit.id, unit.name));
        }
        return names;
    }

    public List<AgreementAddendum> history(UUID id) {
        read(id);
        return AgreementAddendum.history(id);
    }

    /**
     * Agreements matching the filter, soonest end first. The status filter means the status as of {@code today}
     * ({@link Agreement#statusOn}), which the caller then shows with the same date, so that an item and the filter that
     * chose it cannot disagree even when midnight falls during the request.
     */
    public Page<Agreement> list(AgreementFilter filter, PageRequest page, LocalDate today) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> parameters = new HashMap<>();
        if (filter.status() != null) {
            switch (filter.status()) {
                case DRAFT, TERMINATED -> conditions.add("a.status = :status");
                case SIGNED, ACTIVE -> {
                    conditions.add("a.status = :status and a.endsOn >= :today");
                    parameters.put("today", today);
                }
                case EXPIRED -> {
                    conditions.add("(a.status = :status or " + LAPSED + ")");
                    parameters.put("inForce", IN_FORCE);
                    parameters.put("today", today);
                }
            }
            parameters.put("status", filter.status());
        }
        if (filter.kind() != null) {
            conditions.add("a.kind = :kind");
            parameters.put("kind", filter.kind());
        }
        if (filter.partyId() != null) {
            conditions.add("exists (select 1 from Agreement b join b.parties p where b = a"
                    + " and (p.partnerId = :party or p.serviceUnitId = :party))");
            parameters.put("party", filter.partyId());
        }
        if (filter.text() != null && !filter.text().isBlank()) {
            conditions.add("(lower(a.number) like :text or lower(a.title) like :text)");
            parameters.put("text", "%" + filter.text().strip().toLowerCase() + "%");
        }
        limit(access.reach(), conditions, parameters);
        return page("from Agreement a" + (conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions)),
                parameters, page);
    }

    /** Agreements in force that end between today and {@code days} days from now, soonest first. */
    public Page<Agreement> expiringWithin(int days, PageRequest page, LocalDate today) {
        Map<String, Object> parameters = new HashMap<>(Map.of("inForce", IN_FORCE, "today", today, "last", today.plusDays(days)));
        List<String> conditions = new ArrayList<>(List.of("a.status in :inForce", "a.endsOn between :today and :last"));
        limit(access.reach(), conditions, parameters);
        return page("from Agreement a where " + String.join(" and ", conditions), parameters, page);
    }

    private static void limit(Reach reach, List<String> conditions, Map<String, Object> parameters) {
        if (reach.partnerId() != null) {
            conditions.add("exists (select 1 from Agreement b join b.parties p where b = a and p.partnerId = :reachPartner)");
            parameters.put("reachPartner", reach.partnerId());
        }
        if (reach.unitId() != null) {
            conditions.add("""
                    (exists (select 1 from Agreement b join b.parties p where b = a and p.serviceUnitId = :reachUnit)
                     or exists (select 1 from Agreement b join b.serviceUnitIds u where b = a and u = :reachUnit)
                     or (not exists (select 1 from Agreement b join b.parties p where b = a and p.serviceUnitId is not null)
                         and not exists (select 1 from Agreement b join b.serviceUnitIds u where b = a)))""");
            parameters.put("reachUnit", reach.unitId());
        }
    }

    /**
     * Partners in ACTIVE agreements with what they committed there, counting only the agreements the caller reaches.
     * An ACTIVE agreement whose period is over is EXPIRED already, recorded or not, and is left out.
     */
    public List<PartnerCommitments> commitmentsByPartner() {
        Reach reach = access.reach();
        String reached = reach.unitId() == null ? "" : """
                 AND (EXISTS (SELECT 1 FROM agreement_party up WHERE up.agreement_id = a.id AND up.service_unit_id = :unit)
                      OR EXISTS (SELECT 1 FROM agreement_service_unit su WHERE su.agreement_id = a.id AND su.service_unit_id = :unit)
                      OR NOT EXISTS (SELECT 1 FROM agreement_party up WHERE up.agreement_id = a.id AND up.service_unit_id IS NOT NULL)
                         AND NOT EXISTS (SELECT 1 FROM agreement_service_unit su WHERE su.agreement_id = a.id))""";
        var query = entityManager.createNativeQuery("""
                        WITH reached AS (SELECT a.id FROM agreement a WHERE a.status = 'ACTIVE' AND a.ends_on >= :today %s)
                        SELECT p.id, p.legal_name,
                               (SELECT COUNT(*) FROM agreement_party ap WHERE ap.partner_id = p.id AND ap.agreement_id IN (SELECT id FROM reached)),
                               COALESCE((SELECT SUM(c.amount_idr) FROM agreement_commitment c
                                         WHERE c.partner_id = p.id AND c.agreement_id IN (SELECT id FROM reached)), 0)
                        FROM partner p
                        WHERE EXISTS (SELECT 1 FROM agreement_party ap WHERE ap.partner_id = p.id AND ap.agreement_id IN (SELECT id FROM reached))
                        ORDER BY 4 DESC, 2""".formatted(reached));
        query.setParameter("today", today());
        if (reach.unitId() != null) {
            query.setParameter("unit", reach.unitId());
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream()
                .map(row -> new PartnerCommitments((UUID) row[0], (String) row[1], ((Number) row[2]).longValue(),
                        ((Number) row[3]).longValue()))
                .toList();
    }

    private Page<Agreement> page(String query, Map<String, Object> parameters, PageRequest page) {
        var found = Agreement.<Agreement>find(query, Sort.by("a.endsOn").and("a.number"), parameters);
        return new Page<>(found.page(page.page, page.size).list(), page.page, page.size, found.count());
    }

    /** The terms an addendum recorded, as JSON; empty for an addendum recorded before terms were kept. */
    public Optional<AgreementTerms> terms(String json) {
        return terms.read(json);
    }

}
