package id.atensi.webhook.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.atensi.commons.events.ConsumedEvent;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * The partner service's events: a partner's own record goes to that partner; an agreement's events go to its
 * parties (signed and activated name them, the read model keeps them for amended, expired and terminated).
 */
@ApplicationScoped
public class PartnerEventsConsumer extends FanOutConsumer {

    @Override
    public String name() {
        return "partner-webhooks";
    }

    @Override
    public Set<String> topics() {
        return Set.of("atensi.partner.events");
    }

    @Override
    protected Set<UUID> audience(ConsumedEvent event, ObjectNode data) {
        String type = event.type();
        if (type.startsWith("atensi.partner.agreement.")) {
            UUID agreement = required(event, data, "agreementId");
            if (data.has("parties")) {
                Set<UUID> parties = new LinkedHashSet<>();
                for (JsonNode party : data.get("parties")) {
                    if (party.hasNonNull("partnerId")) {
                        parties.add(UUID.fromString(party.get("partnerId").asText()));
                    }
                }
                KnownAudience.remember(KnownAudience.Kind.AGREEMENT, agreement, parties, event.id());
                return parties;
            }
            return KnownAudience.of(KnownAudience.Kind.AGREEMENT, agreement);
        }
        if (type.startsWith("atensi.partner.registered.") || type.startsWith("atensi.partner.updated.")
                || type.startsWith("atensi.partner.deactivated.")) {
            UUID partner = uuid(data, "partnerId");
            return partner == null ? Set.of() : Set.of(partner);
        }
        return Set.of();
    }
}
