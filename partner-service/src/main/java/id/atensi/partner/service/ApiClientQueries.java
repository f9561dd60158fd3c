package id.atensi.partner.service;

import id.atensi.commons.paging.Page;
import id.atensi.commons.paging.PageRequest;
import id.atensi.commons.rest.ProblemException;
import id.atensi.partner.domain.ApiClient;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/** A partner's API clients as callers read them: an admin any partner's, a partner its own organisation's. */
@ApplicationScoped
public class ApiClientQueries {

    private final PartnerQueries partners;

    ApiClientQueries(PartnerQueries partners) {
        this.partners = partners;
    }

    /** The partner's clients, oldest first; 404 for a partner the caller does not reach. */
    public Page<ApiClient> list(UUID partnerId, PageRequest page) {
        partners.read(partnerId);
        var found = ApiClient.<ApiClient>find("partnerId", Sort.by("createdAt").and("id"), partnerId);
        long total = found.count();
        List<ApiClient> items = found.page(page.page, page.size).list();
        return new Page<>(items, page.page, page.size, total);
    }

    /** One of the partner's clients; another partner's id, or a client of another partner, is not found. */
    public ApiClient read(UUID partnerId, UUID id) {
        partners.read(partnerId);
        ApiClient client = get(id);
        if (!client.partnerId.equals(partnerId)) {
            throw ProblemException.notFound("API client", id);
        }
        return client;
    }

    ApiClient get(UUID id) {
        return ApiClient.<ApiClient>findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("API client", id));
    }
}
