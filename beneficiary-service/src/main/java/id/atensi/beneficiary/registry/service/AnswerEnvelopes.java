package id.atensi.beneficiary.registry.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.atensi.beneficiary.registry.config.RegistryConfig;
import id.atensi.beneficiary.registry.domain.MessageError;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** The registry's answers: a callback or synchronous answer's envelope, and the acknowledgement. */
@ApplicationScoped
public class AnswerEnvelopes {

    private final MessageSignatures signatures;
    private final RegistryConfig config;
    private final Clock clock;

    AnswerEnvelopes(MessageSignatures signatures, RegistryConfig config, Clock clock) {
        this.signatures = signatures;
        this.config = config;
        this.clock = clock;
    }

    /** An answer's envelope ({@code signature}, {@code header}, {@code message}), signed when the registry has a signing key. */
    public ObjectNode envelope(String action, String receiverId, String status, int count, JsonNode message) {
        ObjectNode header = JsonNodeFactory.instance.objectNode();
        header.put("version", EnvelopeReader.VERSION);
        header.put("message_id", UUID.randomUUID().toString());
        header.put("message_ts", OffsetDateTime.now(clock).toString());
        header.put("action", action);
        header.put("status", status);
        header.put("total_count", count);
        header.put("completed_count", count);
        header.put("sender_id", config.registryId());
        header.put("receiver_id", receiverId);
        header.put("is_msg_encrypted", false);
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        signatures.sign(header, message, config.registryId()).ifPresent(signature -> envelope.put("signature", signature));
        envelope.set("header", header);
        envelope.set("message", message);
        return envelope;
    }

    /** A batch succeeded if any of its requests did: the header speaks for the message, each response for itself. */
    public static String statusOf(ArrayNode responses) {
        for (JsonNode response : responses) {
            if ("succ".equals(response.path("status").asText())) {
                return "succ";
            }
        }
        return "rjct";
    }

    /** The standard's acknowledgement: ACK (an answer will be posted back), NACK (none will), or ERR with the error. */
    public ObjectNode acknowledgement(String status, String correlationId, Optional<MessageError> error, String errorMessage) {
        ObjectNode message = JsonNodeFactory.instance.objectNode();
        message.put("ack_status", status);
        message.put("timestamp", OffsetDateTime.now(clock).toString());
        error.ifPresent(code -> message.putObject("error").put("code", code.code())
                .put("message", errorMessage.length() > 999 ? errorMessage.substring(0, 999) : errorMessage));
        message.put("correlation_id", correlationId);
        ObjectNode ack = JsonNodeFactory.instance.objectNode();
        ack.set("message", message);
        return ack;
    }
}
