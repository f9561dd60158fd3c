package id.atensi.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A part of an OpenAPI document with every local {@code $ref} replaced by what it points to, so that two
 * documents that name their components differently can be compared by what they describe. A reference back
 * into a component being resolved (a recursive schema) becomes {@code {"$cycle": n}}, n being how many
 * references up the cycle closes: the same in both documents whatever the names.
 */
final class Resolved {

    private final JsonNode document;
    private final Deque<String> resolving = new ArrayDeque<>();

    private Resolved(JsonNode document) {
        this.document = document;
    }

    static JsonNode of(JsonNode document, JsonNode part) {
        return new Resolved(document).resolve(part);
    }

    private JsonNode resolve(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith("#/")) {
                String pointer = ref.asText().substring(1);
                List<String> stack = new ArrayList<>(resolving);
                int depth = stack.indexOf(pointer);
                if (depth >= 0) {
                    return JsonNodeFactory.instance.objectNode().put("$cycle", depth);
                }
                JsonNode target = document.at(pointer);
                if (target.isMissingNode()) {
                    throw new AssertionError("dangling reference " + ref.asText());
                }
                resolving.push(pointer);
                JsonNode resolved = resolve(target);
                resolving.pop();
                return resolved;
            }
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                // A discriminator's mapping names schemas, whose names may differ; what they map to is compared above.
                copy.set(field.getKey(), field.getKey().equals("mapping") ? JsonNodeFactory.instance.objectNode() : resolve(field.getValue()));
            }
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            array.forEach(element -> copy.add(resolve(element)));
            return copy;
        }
        return node;
    }
}
