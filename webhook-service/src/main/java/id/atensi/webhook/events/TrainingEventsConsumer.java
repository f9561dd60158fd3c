package id.atensi.webhook.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import id.atensi.commons.events.ConsumedEvent;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;
import java.util.UUID;

/** The training service's events go to the partners providing the class (named when it is scheduled). */
@ApplicationScoped
public class TrainingEventsConsumer extends FanOutConsumer {

    @Override
    public String name() {
        return "training-webhooks";
    }

    @Override
    public Set<String> topics() {
        return Set.of("atensi.training.events");
    }

    @Override
    protected Set<UUID> audience(ConsumedEvent event, ObjectNode data) {
        UUID classId = uuid(data, "classId");
        if (classId == null) {
            return Set.of();
        }
        if (event.type().startsWith("atensi.training.class.scheduled.")) {
            Set<UUID> providers = uuids(data, "providerPartnerIds");
            KnownAudience.remember(KnownAudience.Kind.CLASS, classId, providers, event.id());
            return providers;
        }
        return KnownAudience.of(KnownAudience.Kind.CLASS, classId);
    }
}
