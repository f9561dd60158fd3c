package id.atensi.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;

/**
 * The service-under-test's own OpenAPI document, walked the same way by every contract that derives its cases from
 * it: operations sorted by path and method, fields sorted by name, so that every machine sends the same requests.
 */
final class OpenApiDocument {

    /** An id that no test creates: an operation on it reaches the service's checks, never a record. */
    static final String ANY_ID = "00000000-0000-4000-8000-000000000000";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DEPTH = 4;

    private final JsonNode document;

    private OpenApiDocument(JsonNode document) {
        this.document = document;
    }

    static OpenApiDocument ofServiceUnderTest() throws Exception {
        return new OpenApiDocument(JSON.readTree(
                given().when().get("/q/openapi?format=json").then().statusCode(200).extract().asString()));
    }

    /** One operation: {@code method} in upper case, {@code template} as the document writes the path. */
    record Operation(String method, String template, JsonNode pathItem, JsonNode operation, Map<String, String> pathValues) {

        List<JsonNode> parameters() {
            List<JsonNode> parameters = new ArrayList<>();
            pathItem.path("parameters").forEach(parameters::add);
            operation.path("parameters").forEach(parameters::add);
            return parameters;
        }

        List<JsonNode> parameters(String in) {
            return parameters().stream().filter(parameter -> parameter.path("in").asText().equals(in)).toList();
        }

        /** The path with each parameter filled in: {@link #ANY_ID} where the parameter is a UUID, a plain word elsewhere. */
        String target() {
            return targetWith(Map.of());
        }

        /** {@link #target()}, with the named path parameters given the values here instead. */
        String targetWith(Map<String, String> values) {
            String path = template;
            for (Map.Entry<String, String> parameter : pathValues.entrySet()) {
                path = path.replace("{" + parameter.getKey() + "}", values.getOrDefault(parameter.getKey(), parameter.getValue()));
            }
            return path.replaceAll("\\{[^}]+}", ANY_ID);
        }

        /** The media types the operation's request body takes, in the document's order; empty without a body. */
        List<String> bodyMediaTypes() {
            List<String> types = new ArrayList<>();
            operation.path("requestBody").path("content").fieldNames().forEachRemaining(types::add);
            return types;
        }

        /** The media types of the operation's documented 2xx answers; empty where none has a body. */
        Set<String> successMediaTypes() {
            Set<String> types = new TreeSet<>();
            operation.path("responses").fields().forEachRemaining(response -> {
                if (response.getKey().startsWith("2")) {
                    response.getValue().path("content").fieldNames().forEachRemaining(types::add);
                }
            });
            return types;
        }

        /** The schema of the request body in {@code mediaType}, or a missing node. */
        JsonNode bodySchema(String mediaType) {
            return operation.path("requestBody").path("content").path(mediaType).path("schema");
        }
    }

    /** A property somewhere in a request body: its path as a client names it, and how to build a body holding only it. */
    record BodyField(String path, List<Object> steps, JsonNode schema) {

        String body(JsonNode value) {
            JsonNode node = value;
            for (int i = steps.size() - 1; i >= 0; i--) {
                if (steps.get(i) instanceof String name) {
                    node = JsonNodeFactory.instance.objectNode().set(name, node);
                } else {
                    ArrayNode array = JsonNodeFactory.instance.arrayNode();
                    array.add(node);
                    node = array;
                }
            }
            return node.toString();
        }

        String type() {
            return schema.path("type").asText();
        }
    }

    List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : sorted(document.path("paths"))) {
            for (Map.Entry<String, JsonNode> operation : sorted(path.getValue())) {
                Operation unfilled = new Operation(operation.getKey().toUpperCase(), path.getKey(), path.getValue(), operation.getValue(), Map.of());
                Map<String, String> pathValues = new TreeMap<>();
                for (JsonNode parameter : unfilled.parameters("path")) {
                    pathValues.put(parameter.path("name").asText(), isUuid(parameter.path("schema")) ? ANY_ID : "x");
                }
                operations.add(new Operation(unfilled.method(), unfilled.template(), unfilled.pathItem(), unfilled.operation(), Map.copyOf(pathValues)));
            }
        }
        return operations;
    }

    /**
     * Every property of a body of this schema down to a few levels, each with its resolved schema; an array's items
     * appear as {@code name[0]}.
     */
    List<BodyField> fields(JsonNode bodySchema) {
        List<BodyField> fields = new ArrayList<>();
        collect(bodySchema, "", new ArrayList<>(), fields, 0);
        return fields;
    }

    private void collect(JsonNode schema, String path, List<Object> steps, List<BodyField> fields, int depth) {
        JsonNode resolved = resolve(schema);
        if (depth > MAX_DEPTH) {
            return;
        }
        if (!path.isEmpty()) {
            fields.add(new BodyField(path, List.copyOf(steps), resolved));
        }
        if ("array".equals(resolved.path("type").asText())) {
            List<Object> next = new ArrayList<>(steps);
            next.add(0);
            collect(resolved.path("items"), path + "[0]", next, fields, depth + 1);
            return;
        }
        for (Map.Entry<String, JsonNode> property : properties(resolved).entrySet()) {
            List<Object> next = new ArrayList<>(steps);
            next.add(property.getKey());
            collect(property.getValue(), path.isEmpty() ? property.getKey() : path + "." + property.getKey(), next, fields, depth + 1);
        }
    }

    private TreeMap<String, JsonNode> properties(JsonNode schema) {
        TreeMap<String, JsonNode> properties = new TreeMap<>();
        schema.path("properties").fields().forEachRemaining(entry -> properties.put(entry.getKey(), entry.getValue()));
        for (JsonNode part : schema.path("allOf")) {
            properties.putAll(properties(resolve(part)));
        }
        return properties;
    }

    JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        while (current.has("$ref")) {
            String ref = current.path("$ref").asText();
            current = document.at(ref.substring(1));
        }
        if (current.path("allOf").size() == 1 && !current.has("properties")) {
            return resolve(current.path("allOf").get(0));
        }
        return current;
    }

    boolean isUuid(JsonNode schema) {
        return "uuid".equals(resolve(schema).path("format").asText());
    }

    static boolean isPlainString(JsonNode schema) {
        return "string".equals(schema.path("type").asText()) && !schema.has("enum") && !schema.has("format") && !schema.has("pattern");
    }

    private static List<Map.Entry<String, JsonNode>> sorted(JsonNode object) {
        TreeSet<String> names = new TreeSet<>();
        Iterator<String> iterator = object.fieldNames();
        iterator.forEachRemaining(names::add);
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        for (String name : names) {
            if (!name.equals("parameters") && object.get(name).isObject()) {
                entries.add(Map.entry(name, object.get(name)));
            }
        }
        return entries;
    }
}
