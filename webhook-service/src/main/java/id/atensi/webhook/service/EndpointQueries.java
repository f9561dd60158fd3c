package id.atensi.webhook.service;

import id.atensi.commons.paging.Page;
import id.atensi.commons.paging.PageRequest;
import id.atensi.webhook.domain.Endpoint;
import id.atensi.webhook.domain.EndpointStatus;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reading endpoints: one, or a page of those the caller reaches. */
@ApplicationScoped
public class EndpointQueries {

    private final WebhookAccess access;

    EndpointQueries(WebhookAccess access) {
        this.access = access;
    }

    @Transactional
    public Endpoint get(UUID id) {
        return access.reachable(id);
    }

    @Transactional
    public Page<Endpoint> list(UUID partnerId, EndpointStatus status, PageRequest paging) {
        List<String> where = new ArrayList<>();
        Parameters parameters = new Parameters();
        Optional<UUID> partner = access.partnerFilter(partnerId);
        if (partner.isPresent()) {
            where.add("partnerId = :partner");
            parameters.and("partner", partner.get());
        }
        if (status != null) {
            where.add("status = :status");
            parameters.and("status", status);
        }
        var query = Endpoint.<Endpoint>find(where.isEmpty() ? "" : String.join(" and ", where), Sort.by("createdAt").and("id"), parameters);
        long total = query.count();
        List<Endpoint> items = query.page(paging.page, paging.size).list();
        return new Page<>(items, paging.page, paging.size, total);
    }
}
