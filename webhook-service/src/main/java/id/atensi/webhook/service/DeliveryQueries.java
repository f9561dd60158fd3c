package id.atensi.webhook.service;

import id.atensi.commons.paging.Page;
import id.atensi.commons.paging.PageRequest;
import id.atensi.commons.rest.ProblemException;
import id.atensi.webhook.domain.Delivery;
import id.atensi.webhook.domain.DeliveryAttempt;
import id.atensi.webhook.domain.DeliveryStatus;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The delivery log of an endpoint the caller reaches. */
@ApplicationScoped
public class DeliveryQueries {

    /** A delivery with its attempts, oldest first. */
    public record Logged(Delivery delivery, List<DeliveryAttempt> attempts) {
    }

    private final WebhookAccess access;

    DeliveryQueries(WebhookAccess access) {
        this.access = access;
    }

    @Transactional
    public Page<Delivery> list(UUID endpointId, DeliveryStatus status, OffsetDateTime from, OffsetDateTime to, PageRequest paging) {
        access.reachable(endpointId);
        StringBuilder where = new StringBuilder("endpointId = :endpoint");
        Parameters parameters = Parameters.with("endpoint", endpointId);
        if (status != null) {
            where.append(" and status = :status");
            parameters.and("status", status);
        }
        if (from != null) {
            where.append(" and createdAt >= :from");
            parameters.and("from", from);
        }
        if (to != null) {
            where.append(" and createdAt < :to");
            parameters.and("to", to);
        }
        var query = Delivery.<Delivery>find(where.toString(), Sort.descending("createdAt").and("seq", Sort.Direction.Descending), parameters);
        long total = query.count();
        return new Page<>(query.page(paging.page, paging.size).list(), paging.page, paging.size, total);
    }

    @Transactional
    public Logged get(UUID endpointId, UUID deliveryId) {
        access.reachable(endpointId);
        Delivery delivery = Delivery.findById(deliveryId);
        if (delivery == null || !delivery.endpointId.equals(endpointId)) {
            throw ProblemException.notFound("delivery", deliveryId);
        }
        return new Logged(delivery, DeliveryAttempt.list("deliveryId", Sort.by("attempt"), deliveryId));
    }
}
