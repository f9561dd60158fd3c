package id.atensi.beneficiary.registry.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.atensi.beneficiary.pii.PersonalNumberCipher;
import id.atensi.beneficiary.registry.config.RegistryConfig;
import id.atensi.beneficiary.registry.domain.MessageError;
import id.atensi.beneficiary.registry.domain.MessageRejected;
import id.atensi.beneficiary.registry.domain.RegistryTransaction;
import id.atensi.commons.persistence.Constraints;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The store of asynchronous transactions: taking one, claiming it for an attempt, recording the attempt's outcome. */
@ApplicationScoped
public class RegistryTransactions {

    /** PostgreSQL's name for V30's unique (sender_id, message_id). */
    private static final String MESSAGE_UNIQUE = "registry_transaction_sender_id_message_id_key";

    static final String REQUEST_COLUMN = "registry_request";

    private final EntityManager entityManager;
    private final PersonalNumberCipher cipher;
    private final ObjectMapper json;
    private final RegistryConfig config;
    private final Clock clock;

    RegistryTransactions(EntityManager entityManager, PersonalNumberCipher cipher, ObjectMapper json, RegistryConfig config, Clock clock) {
        this.entityManager = entityManager;
        this.cipher = cipher;
        this.json = json;
        this.config = config;
        this.clock = clock;
    }

    /** Records a search taken with ACK, due at once; a message id the sender used before is refused. */
    @Transactional
    public UUID take(RegistryEnvelope envelope, String transactionId, List<String> referenceIds, Requester requester) {
        long used = RegistryTransaction.count("senderId = ?1 and messageId = ?2", envelope.senderId(), envelope.messageId());
        if (used > 0) {
            throw new MessageRejected(MessageError.REQUEST_BAD, "rjct.message_id.duplicate: message_id " + envelope.messageId() + " was sent before");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        RegistryTransaction transaction = new RegistryTransaction();
        transaction.correlationId = UUID.randomUUID();
        transaction.senderId = envelope.senderId();
        transaction.messageId = envelope.messageId();
        transaction.transactionId = transactionId;
        transaction.txnType = "search";
        transaction.senderUri = envelope.senderUri().orElseThrow();
        transaction.callerRoles = requester.roles();
        PersonalNumberCipher.Sealed sealed = cipher.seal(envelope.message().toString(), REQUEST_COLUMN);
        transaction.requestCipher = sealed.ciphertext();
        transaction.requestKeyId = sealed.keyId();
        transaction.status = "pdng";
        ArrayNode statuses = JsonNodeFactory.instance.arrayNode();
        referenceIds.forEach(reference -> statuses.addObject().put("reference_id", reference).put("status", "pdng"));
        transaction.referenceStatuses = statuses.toString();
        transaction.receivedAt = now;
        transaction.nextAttemptAt = now;
        transaction.persist();
        try {
            entityManager.flush();
        } catch (PersistenceException e) {
            if (!Constraints.refusedBy(e, MESSAGE_UNIQUE)) {
                throw e;
            }
            // The same message sent twice at once: the unique (sender_id, message_id) refuses the second after the count let it by.
            throw new MessageRejected(MessageError.REQUEST_BAD, "rjct.message_id.duplicate: message_id " + envelope.messageId() + " was sent before");
        }
        return transaction.correlationId;
    }

    /** A transaction to attempt now and its request, claimed for the callback timeout and a margin so that no other node attempts it meanwhile. */
    public record Claimed(UUID correlationId, String senderId, String senderUri, String roles, JsonNode message, int attempt) {
    }

    @Transactional
    public Optional<Claimed> claim(UUID correlationId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        RegistryTransaction transaction = entityManager.find(RegistryTransaction.class, correlationId,
                jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (transaction == null || !transaction.open() || transaction.nextAttemptAt == null || transaction.nextAttemptAt.isAfter(now)) {
            return Optional.empty();
        }
        transaction.attempts++;
        transaction.nextAttemptAt = now.plus(RegistrySubscriptions.claimHeldFor(config));
        try {
            JsonNode message = json.readTree(cipher.open(new PersonalNumberCipher.Sealed(transaction.requestKeyId, transaction.requestCipher), REQUEST_COLUMN));
            return Optional.of(new Claimed(transaction.correlationId, transaction.senderId, transaction.senderUri, transaction.callerRoles, message,
                    transaction.attempts));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stored request of " + correlationId + " is not JSON", e);
        }
    }

    /** Transactions due for an attempt, oldest first. */
    @SuppressWarnings("unchecked")
    public List<UUID> due(int limit) {
        return entityManager.createNativeQuery(
                        "SELECT correlation_id FROM registry_transaction WHERE next_attempt_at <= :now ORDER BY next_attempt_at LIMIT :limit", UUID.class)
                .setParameter("now", OffsetDateTime.now(clock)).setParameter("limit", limit).getResultList();
    }

    @Transactional
    public void delivered(UUID correlationId, String outcome, ArrayNode responses) {
        RegistryTransaction transaction = RegistryTransaction.findById(correlationId);
        ArrayNode statuses = JsonNodeFactory.instance.arrayNode();
        for (JsonNode response : responses) {
            ObjectNode status = statuses.addObject().put("reference_id", response.path("reference_id").asText()).put("status", response.path("status").asText());
            if (response.has("status_reason_code")) {
                status.put("status_reason_code", response.path("status_reason_code").asText());
            }
        }
        transaction.delivered(outcome, statuses.toString(), OffsetDateTime.now(clock));
    }

    @Transactional
    public void failed(UUID correlationId, String error) {
        RegistryTransaction transaction = RegistryTransaction.findById(correlationId);
        transaction.failed(error, config.callback().firstRetryAfter(), config.callback().maxAttempts(), OffsetDateTime.now(clock));
    }

    /** The caller's own transactions matching a status request; another sender's are not found. */
    public List<RegistryTransaction> find(String senderId, String attributeType, JsonNode attributeValue) {
        return switch (attributeType) {
            case "transaction_id" -> RegistryTransaction.list("senderId = ?1 and transactionId = ?2 order by receivedAt", senderId, attributeValue.asText());
            case "correlation_id" -> {
                try {
                    yield RegistryTransaction.list("senderId = ?1 and correlationId = ?2", senderId, UUID.fromString(attributeValue.asText()));
                } catch (IllegalArgumentException e) {
                    yield List.of();
                }
            }
            case "reference_id_list" -> {
                List<String> references = new java.util.ArrayList<>();
                attributeValue.forEach(reference -> references.add(reference.asText()));
                @SuppressWarnings("unchecked")
                List<RegistryTransaction> found = entityManager.createNativeQuery("""
                                SELECT * FROM registry_transaction WHERE sender_id = :sender AND EXISTS (
                                  SELECT 1 FROM jsonb_array_elements(reference_statuses) item WHERE item ->> 'reference_id' = ANY (CAST(:references AS text[])))
                                ORDER BY received_at""", RegistryTransaction.class)
                        .setParameter("sender", senderId).setParameter("references", "{" + String.join(",", references.stream()
                                .map(reference -> "\"" + reference.replace("\\", "\\\\").replace("\"", "\\\"") + "\"").toList()) + "}")
                        .getResultList();
                yield found;
            }
            default -> throw new MessageRejected(MessageError.REQUEST_BAD, "attribute_type is transaction_id, reference_id_list or correlation_id");
        };
    }
}
