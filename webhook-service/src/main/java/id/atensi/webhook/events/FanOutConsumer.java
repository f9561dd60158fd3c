package id.atensi.webhook.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.atensi.commons.events.ConsumedEvent;
import id.atensi.commons.events.EventConsumer;
import id.atensi.commons.events.PermanentEventFailure;
import id.atensi.webhook.service.FanOut;
import jakarta.inject.Inject;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Reads one service's topic: keeps what routing needs (who may see which object) and hands each event with its
 * audience, the partners allowed to see it, to {@link FanOut}, which writes a poll's deliveries together when the
 * batch is handled. A replay of the consumer creates no delivery twice (one per endpoint and event).
 */
abstract class FanOutConsumer implements EventConsumer {

    @Inject
    FanOut fanOut;

    /** The partners that may see this event, after updating what routing keeps. */
    protected abstract Set<UUID> audience(ConsumedEvent event, ObjectNode data);

    @Override
    public void handle(ConsumedEvent event) {
        JsonNode data = event.dataAs(JsonNode.class);
        if (!(data instanceof ObjectNode object)) {
            throw new PermanentEventFailure("data of " + event.type() + " " + event.id() + " is not a JSON object");
        }
        fanOut.deliver(event, object, audience(event, object));
    }

    @Override
    public void batchHandled() {
        fanOut.batchHandled();
    }

    protected static UUID uuid(ObjectNode data, String field) {
        JsonNode value = data.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            return UUID.fromString(value.asText());
        } catch (IllegalArgumentException e) {
            throw new PermanentEventFailure(field + " is not a UUID: " + value.asText());
        }
    }

    protected static UUID required(ConsumedEvent event, ObjectNode data, String field) {
        UUID id = uuid(data, field);
        if (id == null) {
            throw new PermanentEventFailure(event.type() + " " + event.id() + " lacks " + field);
        }
        return id;
    }

    protected static Set<UUID> uuids(ObjectNode data, String field) {
        Set<UUID> ids = new LinkedHashSet<>();
        JsonNode values = data.get(field);
        if (values != null && values.isArray()) {
            for (JsonNode value : values) {
                try {
                    ids.add(UUID.fromString(value.asText()));
                } catch (IllegalArgumentException e) {
                    throw new PermanentEventFailure(field + " holds a value that is not a UUID: " + value.asText());
                }
            }
        }
        return ids;
    }
}
