package id.atensi.webhook.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import id.atensi.webhook.domain.EventTypes;
import jakarta.transaction.TransactionScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What the fan-out gathers in one consumer transaction (a poll's events): the enabled endpoints, read once for all
 * of its events, and the events and deliveries to insert, written in one statement each when the batch ends. Dies
 * with the transaction, so a rolled-back batch leaves nothing behind for the retry of its events one by one.
 */
@TransactionScoped
class FanOutBatch {

    /** What routing needs of an enabled endpoint. */
    record Route(UUID endpointId, UUID partnerId, List<String> eventTypes) {
        boolean takes(Set<UUID> audience, String type) {
            return audience.contains(partnerId) && EventTypes.matches(eventTypes, type);
        }
    }

    /** An event to store, its data already without personal numbers, and the endpoints it goes to. */
    record Routed(String id, String type, String source, String subject, OffsetDateTime time, ObjectNode data, UUID beneficiaryId,
                  List<UUID> endpointIds) {
        String orderingKey() {
            return subject == null ? id : subject;
        }
    }

    private List<Route> routes;
    private final List<Routed> pending = new ArrayList<>();

    List<Route> routes() {
        return routes;
    }

    void routes(List<Route> routes) {
        this.routes = routes;
    }

    void add(Routed routed) {
        pending.add(routed);
    }

    /** The gathered events, in consumption order, handed over once: the batch is empty afterwards. */
    List<Routed> take() {
        List<Routed> taken = List.copyOf(pending);
        pending.clear();
        return taken;
    }
}
