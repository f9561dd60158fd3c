package id.atensi.beneficiary.registry.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Optional;

/** A message's envelope as read and checked: its header's fields and the message, not yet interpreted. */
public record RegistryEnvelope(ObjectNode header, JsonNode message, String messageId, String action, String senderId,
                               Optional<String> senderUri, int totalCount) {
}
