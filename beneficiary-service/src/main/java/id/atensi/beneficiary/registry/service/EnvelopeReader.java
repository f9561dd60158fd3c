package id.atensi.beneficiary.registry.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.atensi.beneficiary.registry.config.RegistryConfig;
import id.atensi.beneficiary.registry.domain.MessageError;
import id.atensi.beneficiary.registry.domain.MessageRejected;
import id.atensi.commons.text.ControlCharacters;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a request's {@code signature}, {@code header} and {@code message} and refuses, as the standard's ERR, what
 * cannot be taken: no JSON, a header missing a required field, another protocol version, another action than the
 * path's, a sender other than the caller, another receiver, an encrypted message (not supported), a bad or missing
 * signature. Control characters are refused anywhere in the body, as the platform refuses them in every request.
 */
@ApplicationScoped
public class EnvelopeReader {

    public static final String VERSION = "1.0.0";

    /**
     * 2 MB: a thousand identifier queries with their references take about 400 kB. The HTTP server takes bodies up to
     * the imports' 300 MB, so the body is read no further than this.
     */
    public static final int MAX_BODY_BYTES = 2 * 1024 * 1024;

    private final ObjectMapper json;
    private final RegistryConfig config;
    private final MessageSignatures signatures;

    EnvelopeReader(ObjectMapper json, RegistryConfig config, MessageSignatures signatures) {
        this.json = json;
        this.config = config;
        this.signatures = signatures;
    }

    /** A message refused for its size, with the rest of its body unread. */
    public static final class TooLarge extends MessageRejected {

        public static final String MESSAGE = "the request is larger than " + MAX_BODY_BYTES + " bytes";

        TooLarge() {
            super(MessageError.REQUEST_BAD, MESSAGE);
        }
    }

    /** @throws TooLarge past {@value #MAX_BODY_BYTES} bytes, having read no more of the body than that */
    public RegistryEnvelope read(InputStream input, String expectedAction, String callerClientId, boolean callback) {
        byte[] bytes;
        try {
            bytes = input.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new TooLarge();
        }
        String body = new String(bytes, StandardCharsets.UTF_8);
        if (body.isBlank()) {
            throw bad("the request has no body; it is a JSON object with header and message");
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw bad("the request is not JSON: " + e.getOriginalMessage());
        }
        if (!root.isObject()) {
            throw bad("the request is a JSON object with header and message");
        }
        refuseControlCharacters(root, "");
        JsonNode headerNode = root.get("header");
        if (headerNode == null || !headerNode.isObject()) {
            throw bad("header is required and is an object");
        }
        ObjectNode header = (ObjectNode) headerNode;
        String version = optionalText(header, "version").orElse(VERSION);
        if (!VERSION.equals(version)) {
            throw new MessageRejected(MessageError.VERSION_NOT_SUPPORTED, "rjct.version.invalid: this registry speaks version " + VERSION + ", not " + version);
        }
        String messageId = requiredText(header, "message_id");
        String timestamp = requiredText(header, "message_ts");
        try {
            OffsetDateTime.parse(timestamp);
        } catch (DateTimeParseException e) {
            throw bad("rjct.message_ts.invalid: header.message_ts is an ISO 8601 date-time with its offset, e.g. 2026-12-03T19:00:00+07:00");
        }
        String action = requiredText(header, "action");
        if (!expectedAction.equals(action)) {
            throw bad("rjct.action.invalid: this path takes the action '" + expectedAction + "', not '" + action + "'");
        }
        String senderId = requiredText(header, "sender_id");
        JsonNode totalCount = header.get("total_count");
        if (totalCount == null || !totalCount.canConvertToInt() || !totalCount.isIntegralNumber() || totalCount.asInt() < 0) {
            throw bad("header.total_count is required and is a whole number");
        }
        if (!senderId.equals(callerClientId)) {
            throw new MessageRejected(MessageError.SENDER_ID_INVALID, "header.sender_id is not the client the access token was issued to");
        }
        Optional<String> receiverId = optionalText(header, "receiver_id");
        if (receiverId.isPresent() && !receiverId.get().equals(config.registryId())) {
            throw new MessageRejected(MessageError.RECEIVER_ID_INVALID, "this registry is " + config.registryId());
        }
        if (header.path("is_msg_encrypted").asBoolean(false)) {
            throw new MessageRejected(MessageError.ENCRYPTION_INVALID, "this registry takes messages unencrypted over TLS");
        }
        JsonNode message = root.get("message");
        if (message == null || !message.isObject()) {
            throw bad("message is required and is an object");
        }
        Optional<String> signature = optionalText((ObjectNode) root, "signature");
        signatures.verify(signature, senderId, header, message);
        Optional<String> senderUri = optionalText(header, "sender_uri");
        if (callback && senderUri.isEmpty()) {
            throw new MessageRejected(MessageError.SENDER_URI_INVALID, "header.sender_uri is required: the answer is posted there");
        }
        return new RegistryEnvelope(header, message, messageId, action, senderId, senderUri, totalCount.asInt());
    }

    private static void refuseControlCharacters(JsonNode node, String path) {
        if (node.isTextual()) {
            int refused = ControlCharacters.firstRefused(node.textValue());
            if (refused >= 0) {
                throw bad((path.isEmpty() ? "the body" : path) + ": " + ControlCharacters.refusal(node.textValue().charAt(refused)));
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                int refused = ControlCharacters.firstRefused(field.getKey());
                if (refused >= 0) {
                    throw bad("a field name under " + (path.isEmpty() ? "the body" : path) + ": " + ControlCharacters.refusal(field.getKey().charAt(refused)));
                }
                refuseControlCharacters(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                refuseControlCharacters(node.get(i), path + "[" + i + "]");
            }
        }
    }

    static String requiredText(ObjectNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw bad("header." + field + " is required and is a string");
        }
        return value.textValue();
    }

    static Optional<String> optionalText(ObjectNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw bad(field + " is a string");
        }
        return Optional.of(value.textValue());
    }

    static MessageRejected bad(String message) {
        return new MessageRejected(MessageError.REQUEST_BAD, message);
    }
}
