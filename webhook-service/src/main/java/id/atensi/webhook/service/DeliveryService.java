package id.atensi.webhook.service;

import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import id.atensi.webhook.domain.Delivery;
import id.atensi.webhook.domain.DeliveryStatus;
import id.atensi.webhook.domain.Endpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Replays: a delivery sent again from the start of the schedule, under the same webhook-id (a receiver that
 * processed it already recognises it), with a body built now (consent and erasure as they stand now).
 */
@ApplicationScoped
public class DeliveryService {

    /** A time-range replay re-arms at most this many deliveries; a wider range is split by the caller. */
    public static final int MAX_REPLAY = 10_000;

    private final WebhookAccess access;
    private final Clock clock;
    private final Event<DeliveriesQueued> queued;

    DeliveryService(WebhookAccess access, Clock clock, Event<DeliveriesQueued> queued) {
        this.access = access;
        this.clock = clock;
        this.queued = queued;
    }

    @Transactional
    public Delivery replay(UUID endpointId, UUID deliveryId) {
        Endpoint endpoint = enabled(endpointId);
        Delivery delivery = Delivery.findById(deliveryId);
        if (delivery == null || !delivery.endpointId.equals(endpoint.id)) {
            throw ProblemException.notFound("delivery", deliveryId);
        }
        delivery.replay(Clocks.now(clock));
        queued.fire(new DeliveriesQueued());
        return delivery;
    }

    /** @return how many deliveries were made pending again: those created in [from, to) not pending already */
    @Transactional
    public int replay(UUID endpointId, OffsetDateTime from, OffsetDateTime to) {
        Endpoint endpoint = enabled(endpointId);
        if (!from.isBefore(to)) {
            throw ProblemException.invalidField("to", "must be after from");
        }
        List<Delivery> deliveries = Delivery.<Delivery>find("endpointId = ?1 and createdAt >= ?2 and createdAt < ?3 and status <> ?4",
                endpoint.id, from, to, DeliveryStatus.PENDING).page(0, MAX_REPLAY + 1).list();
        if (deliveries.size() > MAX_REPLAY) {
            throw new ProblemException(ProblemCode.UNPROCESSABLE, "more than " + MAX_REPLAY
                    + " deliveries in this range: replay a shorter one", List.of(), Map.of("rule", "replay-too-large"));
        }
        OffsetDateTime now = Clocks.now(clock);
        deliveries.forEach(delivery -> delivery.replay(now));
        queued.fire(new DeliveriesQueued());
        return deliveries.size();
    }

    private Endpoint enabled(UUID endpointId) {
        Endpoint endpoint = access.reachable(endpointId);
        if (!endpoint.enabled()) {
            throw new ProblemException(ProblemCode.CONFLICT, "endpoint " + endpointId + " is disabled: enable it before replaying",
                    List.of(), Map.of("currentStatus", endpoint.status.name()));
        }
        return endpoint;
    }
}
