package id.atensi.webhook.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import id.atensi.commons.events.ConsumedEvent;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;
import java.util.UUID;

/** The aid service's distribution events go to the channelling partner (named when the distribution is approved). */
@ApplicationScoped
public class AidEventsConsumer extends FanOutConsumer {

    @Override
    public String name() {
        return "aid-webhooks";
    }

    @Override
    public Set<String> topics() {
        return Set.of("atensi.aid.events");
    }

    @Override
    protected Set<UUID> audience(ConsumedEvent event, ObjectNode data) {
        UUID distribution = uuid(data, "distributionId");
        if (distribution == null) {
            return Set.of();
        }
        if (event.type().startsWith("atensi.aid.distribution.approved.")) {
            UUID channelling = uuid(data, "channellingPartnerId");
            Set<UUID> partners = channelling == null ? Set.of() : Set.of(channelling);
            KnownAudience.remember(KnownAudience.Kind.DISTRIBUTION, distribution, partners, event.id());
            return partners;
        }
        return KnownAudience.of(KnownAudience.Kind.DISTRIBUTION, distribution);
    }
}
