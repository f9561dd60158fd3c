package id.atensi.aid.service;

import id.atensi.aid.domain.AidItem;
import id.atensi.aid.domain.ItemCategory;
import id.atensi.commons.paging.Page;
import id.atensi.commons.rest.ProblemException;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** The national item catalogue, which every role reads. */
@ApplicationScoped
public class ItemQueries {

    public AidItem get(UUID id) {
        return AidItem.<AidItem>findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("item", id));
    }

    /** By code, optionally one category. */
    public Page<AidItem> list(ItemCategory category, int page, int size) {
        var query = category == null
                ? AidItem.<AidItem>findAll(Sort.ascending("code"))
                : AidItem.<AidItem>find("category = :category", Sort.ascending("code"), Parameters.with("category", category));
        query.page(page, size);
        return new Page<>(query.list(), page, size, query.count());
    }
}
