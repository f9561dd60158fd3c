package id.atensi.beneficiary.registry.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.atensi.beneficiary.registry.config.RegistryConfig;
import id.atensi.beneficiary.registry.domain.MessageError;
import id.atensi.beneficiary.registry.domain.MessageRejected;
import id.atensi.beneficiary.registry.domain.RegistryTransaction;
import id.atensi.beneficiary.registry.domain.SearchItem;
import id.atensi.outbound.OutboundHttp;
import id.atensi.outbound.TargetRefusedException;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.InputStream;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The registry's side of the SPDCI social-registry exchange: reads a message, answers it at once or takes it for a
 * callback, and answers transaction status requests.
 */
@ApplicationScoped
public class RegistryExchange {

    private final EnvelopeReader envelopes;
    private final RegistrySearch search;
    private final AnswerEnvelopes answers;
    private final RegistryTransactions transactions;
    private final RegistryCallbacks callbacks;
    private final RegistrySubscriptions subscriptions;
    private final OutboundHttp http;
    private final RegistryConfig config;
    private final Clock clock;

    RegistryExchange(EnvelopeReader envelopes, RegistrySearch search, AnswerEnvelopes answers, RegistryTransactions transactions,
                     RegistryCallbacks callbacks, RegistrySubscriptions subscriptions, OutboundHttp http, RegistryConfig config, Clock clock) {
        this.clock = clock;
        this.subscriptions = subscriptions;
        this.envelopes = envelopes;
        this.search = search;
        this.answers = answers;
        this.transactions = transactions;
        this.callbacks = callbacks;
        this.http = http;
        this.config = config;
    }

    /** {@code /registry/sync/search}: the {@code on-search} envelope, at once. */
    public ObjectNode syncSearch(InputStream body, Requester requester) {
        RegistryEnvelope envelope = envelopes.read(body, "search", requester.clientId(), false);
        SearchMessageReader.SearchMessage message = SearchMessageReader.read(envelope.message(), envelope.totalCount(), config.syncMaxRequests());
        String correlationId = UUID.randomUUID().toString();
        ArrayNode responses = search.answer(message.items(), requester, correlationId);
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("transaction_id", message.transactionId());
        answer.put("correlation_id", correlationId);
        answer.set("search_response", responses);
        return answers.envelope("on-search", envelope.senderId(), AnswerEnvelopes.statusOf(responses), responses.size(), answer);
    }

    /** {@code /registry/search}: checked as the synchronous search is, taken, acknowledged; the answer goes to sender_uri. */
    public ObjectNode search(InputStream body, Requester requester) {
        RegistryEnvelope envelope = envelopes.read(body, "search", requester.clientId(), true);
        checkCallbackAddress(envelope.senderUri().orElseThrow());
        SearchMessageReader.SearchMessage message = SearchMessageReader.read(envelope.message(), envelope.totalCount(), config.asyncMaxRequests());
        List<String> references = message.items().stream().map(SearchItem::referenceId).toList();
        UUID correlationId = transactions.take(envelope, message.transactionId(), references, requester);
        callbacks.attemptSoon(correlationId);
        return answers.acknowledgement("ACK", correlationId.toString(), Optional.empty(), "");
    }

    /** {@code /registry/sync/txn/status}: the {@code txn-on-status} envelope, at once. */
    public ObjectNode syncStatus(InputStream body, Requester requester) {
        RegistryEnvelope envelope = envelopes.read(body, "txn-status", requester.clientId(), false);
        return statusAnswer(envelope);
    }

    /** {@code /registry/txn/status}: acknowledged, the {@code txn-on-status} envelope posted to sender_uri once. */
    public ObjectNode status(InputStream body, Requester requester) {
        RegistryEnvelope envelope = envelopes.read(body, "txn-status", requester.clientId(), true);
        String url = envelope.senderUri().orElseThrow();
        checkCallbackAddress(url);
        ObjectNode answer = statusAnswer(envelope);
        callbacks.postOnce(envelope.senderId(), url, answer);
        return answers.acknowledgement("ACK", answer.path("message").path("correlation_id").asText(), Optional.empty(), "");
    }

    /**
     * {@code /registry/subscribe}: checked, taken, acknowledged; the {@code on-subscribe} envelope, one answer per request
     * with the subscription's code, is posted to sender_uri once.
     */
    public ObjectNode subscribe(InputStream body, Requester requester) {
        RegistryEnvelope envelope = envelopes.read(body, "subscribe", requester.clientId(), true);
        String url = envelope.senderUri().orElseThrow();
        checkCallbackAddress(url);
        SubscribeMessageReader.SubscribeMessage message = SubscribeMessageReader.subscribe(envelope.message(), envelope.totalCount());
        ArrayNode responses = subscriptions.subscribe(message.items(), envelope.senderId(), url, requester.roles(), message.transactionId());
        String correlationId = UUID.randomUUID().toString();
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("transaction_id", message.transactionId());
        answer.put("correlation_id", correlationId);
        answer.set("subscribe_response", responses);
        callbacks.postOnce(envelope.senderId(), url, answers.envelope("on-subscribe", envelope.senderId(), AnswerEnvelopes.statusOf(responses),
                responses.size(), answer));
        return answers.acknowledgement("ACK", correlationId, Optional.empty(), "");
    }

    /** {@code /registry/unsubscribe}: acknowledged; the {@code on-unsubscribe} envelope is posted to sender_uri once. */
    public ObjectNode unsubscribe(InputStream body, Requester requester) {
        RegistryEnvelope envelope = envelopes.read(body, "unsubscribe", requester.clientId(), true);
        String url = envelope.senderUri().orElseThrow();
        checkCallbackAddress(url);
        SubscribeMessageReader.UnsubscribeMessage message = SubscribeMessageReader.unsubscribe(envelope.message());
        RegistrySubscriptions.Unsubscribed outcome = subscriptions.unsubscribe(envelope.senderId(), message.codes());
        String correlationId = UUID.randomUUID().toString();
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("transaction_id", message.transactionId());
        answer.put("correlation_id", correlationId);
        answer.put("timestamp", OffsetDateTime.now(clock).toString());
        String status = outcome.reasonCode().isPresent() ? "rjct" : "succ";
        answer.put("status", status);
        outcome.reasonCode().ifPresent(code -> answer.put("status_reason_code", code).put("status_reason_message", outcome.reasonMessage()));
        if (outcome.reasonCode().isEmpty()) {
            ArrayNode statuses = answer.putArray("subscription_status");
            outcome.codes().forEach(code -> statuses.addObject().put("code", code).put("status", "unsubscribe"));
        }
        callbacks.postOnce(envelope.senderId(), url, answers.envelope("on-unsubscribe", envelope.senderId(), status, message.codes().size(), answer));
        return answers.acknowledgement("ACK", correlationId, Optional.empty(), "");
    }

    private ObjectNode statusAnswer(RegistryEnvelope envelope) {
        JsonNode message = envelope.message();
        String transactionId = message.path("transaction_id").asText("");
        JsonNode request = message.path("txnstatus_request");
        if (transactionId.isBlank() || !request.isObject() || !request.path("reference_id").isTextual()
                || !request.path("attribute_type").isTextual() || request.path("attribute_value").isMissingNode()) {
            throw new MessageRejected(MessageError.REQUEST_BAD,
                    "message is {transaction_id, txnstatus_request: {reference_id, txn_type, attribute_type, attribute_value}}");
        }
        String txnType = request.path("txn_type").asText("search");
        if (!txnType.equals("search")) {
            throw new MessageRejected(MessageError.REQUEST_BAD, "this registry keeps the status of txn_type search");
        }
        List<RegistryTransaction> found = transactions.find(envelope.senderId(), request.path("attribute_type").asText(), request.path("attribute_value"));
        if (found.isEmpty()) {
            throw new MessageRejected(MessageError.REQUEST_NOT_FOUND, "no transaction of " + envelope.senderId() + " matches");
        }
        ArrayNode responses = JsonNodeFactory.instance.arrayNode();
        for (RegistryTransaction transaction : found) {
            for (JsonNode status : readStatuses(transaction)) {
                ObjectNode response = responses.addObject();
                response.put("reference_id", status.path("reference_id").asText());
                response.put("timestamp", (transaction.completedAt != null ? transaction.completedAt : transaction.receivedAt).toString());
                response.put("status", status.path("status").asText());
                if (status.has("status_reason_code")) {
                    response.put("status_reason_code", status.path("status_reason_code").asText());
                }
                if (transaction.lastError != null && "rjct".equals(transaction.status) && transaction.completedAt != null
                        && "pdng".equals(status.path("status").asText())) {
                    response.put("status", "rjct");
                    response.put("status_reason_message", "the answer could not be delivered: " + transaction.lastError);
                }
            }
        }
        RegistryTransaction first = found.get(0);
        ObjectNode txnStatus = JsonNodeFactory.instance.objectNode();
        txnStatus.put("transaction_id", first.transactionId);
        txnStatus.put("correlation_id", first.correlationId.toString());
        txnStatus.set("search_response", responses);
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("transaction_id", transactionId);
        answer.put("correlation_id", UUID.randomUUID().toString());
        ObjectNode statusResponse = answer.putObject("txnstatus_response");
        statusResponse.put("txn_type", "search");
        statusResponse.set("txn_status", txnStatus);
        return answers.envelope("txn-on-status", envelope.senderId(), "succ", responses.size(), answer);
    }

    private static ArrayNode readStatuses(RegistryTransaction transaction) {
        try {
            return (ArrayNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(transaction.referenceStatuses);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("reference statuses of " + transaction.correlationId + " are not JSON", e);
        }
    }

    private void checkCallbackAddress(String url) {
        try {
            http.targets().check(url);
        } catch (TargetRefusedException e) {
            throw new MessageRejected(MessageError.SENDER_URI_INVALID, "header.sender_uri is refused: " + e.getMessage());
        }
    }

    public ObjectNode acknowledgement(String status, String correlationId, Optional<MessageError> error, String errorMessage) {
        return answers.acknowledgement(status, correlationId, error, errorMessage);
    }
}
