package id.atensi.webhook.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.atensi.webhook.domain.PersonalData;
import id.atensi.webhook.domain.WebhookEvent;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

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

    /**
     * One query for the whole batch, in plain JDBC on the caller's connection: an HQL query with an IN list is
     * translated anew at each call, which cost more than the query itself.
     */
    public Sharing sharing(Connection connection, Collection<WebhookEvent> events) throws SQLException {
        UUID[] people = events.stream().map(event -> event.beneficiaryId).filter(Objects::nonNull).distinct().toArray(UUID[]::new);
        if (people.length == 0) {
            return new Sharing(Set.of(), Set.of());
        }
        Set<UUID> consenting = new HashSet<>();
        Set<UUID> erased = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT person.id,
                       EXISTS (SELECT 1 FROM known_consent c WHERE c.beneficiary_id = person.id AND c.purpose = ? AND c.given),
                       EXISTS (SELECT 1 FROM known_erasure e WHERE e.beneficiary_id = person.id)
                FROM unnest(?) AS person (id)
                """)) {
            select.setString(1, PersonalData.CONSENT_PURPOSE);
            select.setArray(2, connection.createArrayOf("uuid", people));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    UUID person = rows.getObject(1, UUID.class);
                    if (rows.getBoolean(2)) {
                        consenting.add(person);
                    }
                    if (rows.getBoolean(3)) {
                        erased.add(person);
                    }
                }
            }
        }
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
