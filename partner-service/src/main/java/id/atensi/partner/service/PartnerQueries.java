package id.atensi.partner.service;

import id.atensi.commons.paging.Page;
import id.atensi.commons.paging.PageRequest;
import id.atensi.commons.rest.ProblemException;
import id.atensi.partner.domain.Partner;
import id.atensi.partner.domain.PartnerStatus;
import id.atensi.vocabulary.PartnerType;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Partners as callers read them: one partner, the searchable list and the by-type-and-region report. Changes are
 * {@link PartnerService}'s.
 */
@ApplicationScoped
public class PartnerQueries {

    private final EntityManager entityManager;
    private final PartnerAccess access;

    PartnerQueries(EntityManager entityManager, PartnerAccess access) {
        this.entityManager = entityManager;
        this.access = access;
    }

    /** Filters of the partner list; null means "any". */
    public record PartnerFilter(PartnerType type, String region, String name, PartnerStatus status, Boolean accreditationLapsed) {
    }

    /** One line of the partners-by-type-and-region report. */
    public record TypeRegionCount(PartnerType type, String provinceCode, long partners) {
    }

    /** A partner as the caller may read it: a partner caller its own organisation only. */
    public Partner read(UUID id) {
        access.readsPartner(id);
        return get(id);
    }

    /** A partner by id, whoever asks; the use cases check access themselves. */
    Partner get(UUID id) {
        return Partner.<Partner>findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("partner", id));
    }

    /**
     * Partners matching the filter. {@code accreditationLapsed} is judged on {@code today}, the date the caller shows the
     * items with, so that an item and the filter that chose it agree even when midnight falls during the request.
     */
    public Page<Partner> list(PartnerFilter filter, PageRequest page, LocalDate today) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> parameters = new HashMap<>();
        if (filter.type() != null) {
            conditions.add("type = :type");
            parameters.put("type", filter.type());
        }
        if (filter.region() != null) {
            conditions.add(filter.region().contains(".") ? "regencyCode = :region" : "provinceCode = :region");
            parameters.put("region", filter.region());
        }
        if (filter.name() != null && !filter.name().isBlank()) {
            conditions.add("(lower(legalName) like :name or lower(shortName) like :name)");
            parameters.put("name", "%" + filter.name().strip().toLowerCase() + "%");
        }
        if (filter.status() != null) {
            conditions.add("status = :status");
            parameters.put("status", filter.status());
        }
        if (filter.accreditationLapsed() != null) {
            conditions.add(filter.accreditationLapsed()
                    ? "accreditationExpiresOn < :today"
                    : "(accreditationExpiresOn is null or accreditationExpiresOn >= :today)");
            parameters.put("today", today);
        }
        String query = conditions.isEmpty() ? "1 = 1" : String.join(" and ", conditions);
        var found = Partner.<Partner>find(query, Sort.by("legalName").and("id"), parameters);
        long total = found.count();
        List<Partner> items = found.page(page.page, page.size).list();
        return new Page<>(items, page.page, page.size, total);
    }

    /** Active partners counted by type and province: where ATENSI has whom to work with. */
    public List<TypeRegionCount> countByTypeAndProvince() {
        return entityManager.createQuery("""
                        select new id.atensi.partner.service.PartnerQueries$TypeRegionCount(p.type, p.provinceCode, count(p))
                        from Partner p where p.status = :active
                        group by p.type, p.provinceCode order by p.provinceCode, p.type""", TypeRegionCount.class)
                .setParameter("active", PartnerStatus.ACTIVE)
                .getResultList();
    }
}
