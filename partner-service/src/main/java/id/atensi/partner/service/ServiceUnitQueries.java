package id.atensi.partner.service;

import id.atensi.commons.paging.Page;
import id.atensi.commons.paging.PageRequest;
import id.atensi.commons.rest.ProblemException;
import id.atensi.partner.domain.Partner;
import id.atensi.partner.domain.PartnerLink;
import id.atensi.partner.domain.ServiceUnit;
import id.atensi.partner.domain.ServiceUnitKind;
import id.atensi.partner.domain.ServiceUnitStatus;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Service units and their partner networks as callers read them; units are a public directory, so every role reads
 * every unit. Changes are {@link ServiceUnitService}'s.
 */
@ApplicationScoped
public class ServiceUnitQueries {

    public ServiceUnit get(UUID id) {
        return ServiceUnit.<ServiceUnit>findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("service unit", id));
    }

    public Page<ServiceUnit> list(ServiceUnitKind kind, ServiceUnitStatus status, String region, String name, PageRequest page) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> parameters = new HashMap<>();
        if (status != null) {
            conditions.add("status = :status");
            parameters.put("status", status);
        }
        if (kind != null) {
            conditions.add("kind = :kind");
            parameters.put("kind", kind);
        }
        if (region != null) {
            conditions.add(region.contains(".") ? "regencyCode = :region" : "provinceCode = :region");
            parameters.put("region", region);
        }
        if (name != null && !name.isBlank()) {
            conditions.add("lower(name) like :name");
            parameters.put("name", "%" + name.strip().toLowerCase() + "%");
        }
        var found = ServiceUnit.<ServiceUnit>find(conditions.isEmpty() ? "1 = 1" : String.join(" and ", conditions),
                Sort.by("name").and("id"), parameters);
        return new Page<>(found.page(page.page, page.size).list(), page.page, page.size, found.count());
    }

    public PartnerLink link(UUID unitId, UUID partnerId) {
        get(unitId);
        return PartnerLink.<PartnerLink>findByIdOptional(new PartnerLink.Key(unitId, partnerId))
                .orElseThrow(() -> ProblemException.notFound("link of the unit to partner", partnerId));
    }

    public List<PartnerLink> network(UUID unitId) {
        get(unitId);
        return PartnerLink.list("serviceUnitId = ?1 order by since, partnerId", unitId);
    }

    public List<PartnerLink> linksOfPartner(UUID partnerId) {
        return PartnerLink.list("partnerId = ?1 order by since, serviceUnitId", partnerId);
    }

    /** The partners named by some links, to describe the links with names. */
    public Map<UUID, Partner> partnersOf(List<PartnerLink> links) {
        if (links.isEmpty()) {
            return Map.of();
        }
        return Partner.<Partner>list("id in ?1", links.stream().map(link -> link.partnerId).toList()).stream()
                .collect(Collectors.toMap(partner -> partner.id, Function.identity()));
    }
}
