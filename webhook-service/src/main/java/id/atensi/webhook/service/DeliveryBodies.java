package id.atensi.webhook.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.atensi.webhook.domain.PersonalData;
import id.atensi.webhook.domain.WebhookEvent;
import id.atensi.webhook.events.KnownConsent;
import id.atensi.webhook.events.KnownErasure;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A delivery's body: the CloudEvent in structured JSON mode, built at each attempt from the stored event, so that
 * a consent withdrawn or an erasure since the event applies to retries and replays as well. An event about a person
 * keeps its personal fields only while that person's {@code PARTNER_SHARING} consent holds and they are not erased;
 * otherwise its data says {@code "personalDataWithheld": true}, like beneficiary-service's minimal view.
 */
@ApplicationScoped
public class DeliveryBodies {

    private final ObjectMapper mapper;

    DeliveryBodies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Whose personal data may be sent now: read once for a batch of events. */
    public record Sharing(Set<UUID> consenting, Set<UUID> erased) {
        boolean allows(UUID person) {
            return consenting.contains(person) && !erased.contains(person);
        }
    }

    public Sharing sharing(Collection<WebhookEvent> events) {
        Set<UUID> people = events.stream().map(event -> event.beneficiaryId).filter(Objects::nonNull).collect(Collectors.toSet());
        if (people.isEmpty()) {
            return new Sharing(Set.of(), Set.of());
        }
        Set<UUID> consenting = KnownConsent.<KnownConsent>list("beneficiaryId in ?1 and purpose = ?2 and given = true", people,
                PersonalData.CONSENT_PURPOSE).stream().map(consent -> consent.beneficiaryId).collect(Collectors.toSet());
        Set<UUID> erased = KnownErasure.<KnownErasure>list("beneficiaryId in ?1", people).stream()
                .map(erasure -> erasure.beneficiaryId).collect(Collectors.toSet());
        return new Sharing(consenting, erased);
    }

    public byte[] body(WebhookEvent event, Sharing sharing) {
        try {
            ObjectNode data = (ObjectNode) mapper.readTree(event.data);
            PersonalData.removePersonalNumbers(data);
            if (event.beneficiaryId != null && !sharing.allows(event.beneficiaryId)) {
                PersonalData.withholdPersonalFields(data);
                // As the API's minimal view says it: the receiver tells "withheld" from "the person has none".
                data.put(PersonalData.WITHHELD_MARKER, true);
            }
            ObjectNode envelope = mapper.createObjectNode();
            envelope.put("specversion", "1.0");
            envelope.put("id", event.id);
            envelope.put("type", event.type);
            envelope.put("source", event.source);
            if (event.subject != null) {
                envelope.put("subject", event.subject);
            }
            envelope.put("time", event.time.toString());
            envelope.put("datacontenttype", "application/json");
            envelope.set("data", data);
            return mapper.writeValueAsString(envelope).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored event " + event.id + " is not JSON", e);
        }
    }
}
