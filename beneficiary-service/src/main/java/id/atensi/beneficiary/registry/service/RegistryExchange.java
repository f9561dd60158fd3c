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

/**
 * The registry's side of the SPDCI social-registry exchange: reads a message, answers it, and writes the answer's
 * envelope ({@code signature}, {@code header}, {@code message}) or acknowledgement.
 */
@ApplicationScoped
public class RegistryExchange {

    private final EnvelopeReader envelopes;
    private final RegistrySearch search;
    private final MessageSignatures signatures;
    private final RegistryConfig config;
    private final Clock clock;

    RegistryExchange(EnvelopeReader envelopes, RegistrySearch search, MessageSignatures signatures, RegistryConfig config, Clock clock) {
        this.envelopes = envelopes;
        this.search = search;
        this.signatures = signatures;
        this.config = config;
        this.clock = clock;
    }

    /** {@code /registry/sync/search}: the {@code on-search} envelope, at once. */
    public ObjectNode syncSearch(String body, Requester requester) {
        RegistryEnvelope envelope = envelopes.read(body, "search", requester.clientId(), false);
        SearchMessageReader.SearchMessage message = SearchMessageReader.read(envelope.message(), envelope.totalCount(), config.syncMaxRequests());
        String correlationId = UUID.randomUUID().toString();
        ArrayNode responses = search.answer(message.items(), requester, correlationId);
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("transaction_id", message.transactionId());
        answer.put("correlation_id", correlationId);
        answer.set("search_response", responses);
        return envelope("on-search", envelope.senderId(), statusOf(responses), responses.size(), answer);
    }

    /** A callback or synchronous answer's envelope, signed when the registry has a signing key. */
    ObjectNode envelope(String action, String receiverId, String status, int count, JsonNode message) {
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
    static String statusOf(ArrayNode responses) {
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
