package id.atensi.partner.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** JSON merge patch (RFC 7396): a partial update is the current state with the patch's members replaced or removed. */
@ApplicationScoped
class MergePatch {

    static final String MEDIA_TYPE = "application/merge-patch+json";
    private static final String BYTE_ORDER_MARK = "\uFEFF";

    private final ObjectMapper json;
    private final Validator validator;

    MergePatch(ObjectMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    /**
     * @param patch the body's bytes, decoded strictly as UTF-8 (RFC 8259, 8.1): bytes that are not UTF-8 are refused as
     *              malformed, where a lenient decoder would have replaced them and the result been stored, and Jackson's
     *              own guess at UTF-16 or UTF-32 never comes into play
     * @return {@code current} with {@code patch} applied, validated as a full request would be
     */
    <T> T apply(T current, byte[] patch, Class<T> type) throws JsonProcessingException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(patch))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ProblemException(ProblemCode.MALFORMED_REQUEST, "a merge patch is JSON in UTF-8, and this body is not UTF-8");
        }
        // RFC 8259 lets a parser ignore a byte order mark, and the other JSON bodies (read by Jackson from bytes) do.
        JsonNode patchNode = json.readTree(text.startsWith(BYTE_ORDER_MARK) ? text.substring(1) : text);
        if (patchNode == null || !patchNode.isObject()) {
            throw new ProblemException(ProblemCode.MALFORMED_REQUEST, "a merge patch of this resource is a JSON object");
        }
        JsonNode merged = merge(json.valueToTree(current), patchNode);
        T result = json.treeToValue(merged, type);
        Set<ConstraintViolation<T>> violations = validator.validate(result);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return result;
    }

    private static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? (ObjectNode) target : JsonNodeFactory.instance.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), merge(result.get(field.getKey()), field.getValue()));
            }
        }
        return result;
    }
}
