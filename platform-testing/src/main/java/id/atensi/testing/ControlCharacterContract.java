package id.atensi.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every string a service reads — each string field of each JSON request body in its own OpenAPI document,
 * each free-text query parameter — is sent with C0 control characters in it. NUL and the other controls must
 * be answered 400 problem+json naming the field (never 500: PostgreSQL refuses NUL with SQLState 22021);
 * tab and line breaks must not be refused for that reason. The cases come from the document sorted by path,
 * method and field, so every machine sends the same requests; each case's name is the request.
 * A service's {@code @QuarkusTest} extends this.
 */
public abstract class ControlCharacterContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANY_ID = "00000000-0000-4000-8000-000000000000";
    private static final int MAX_DEPTH = 4;
    private static final List<Character> REFUSED = refusedCharacters();

    @TestFactory
    List<DynamicTest> controlCharactersInStringFieldsAreRefusedNamingTheField() throws Exception {
        JsonNode document = JSON.readTree(given().when().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
        List<DynamicTest> tests = new ArrayList<>();
        int rotation = 0;
        for (Map.Entry<String, JsonNode> path : sorted(document.path("paths"))) {
            for (Map.Entry<String, JsonNode> operation : sorted(path.getValue())) {
                JsonNode bodySchema = operation.getValue().path("requestBody").path("content").path("application/json").path("schema");
                if (bodySchema.isMissingNode()) {
                    continue;
                }
                String method = operation.getKey().toUpperCase();
                String target = concretePath(path.getKey(), path.getValue(), operation.getValue());
                for (StringField field : stringFields(document, bodySchema)) {
                    char nul = 0;
                    char other = REFUSED.get(1 + rotation++ % (REFUSED.size() - 1));
                    for (char refused : new char[] {nul, other}) {
                        String value = "a" + refused + "b";
                        String name = String.format("%s %s %s = \"a\\u%04X b\"", method, target, field.path(), (int) refused);
                        tests.add(DynamicTest.dynamicTest(name, () -> assertRefused(method, target, field, field.body(value))));
                    }
                    if (field.plain()) {
                        String name = method + " " + target + " " + field.path() + " = \"a\\tb\\nc\\r\\n\"";
                        tests.add(DynamicTest.dynamicTest(name, () -> assertNotRefused(method, target, field, field.body("a\tb\nc\r\n"))));
                    }
                }
            }
        }
        assertFalse(tests.isEmpty(), "the service's OpenAPI document names no JSON request body with a string field");
        return tests;
    }

    @TestFactory
    List<DynamicTest> controlCharactersInQueryParametersAreRefusedNamingTheParameter() throws Exception {
        JsonNode document = JSON.readTree(given().when().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : sorted(document.path("paths"))) {
            for (Map.Entry<String, JsonNode> operation : sorted(path.getValue())) {
                if (!operation.getKey().equals("get")) {
                    continue;
                }
                String target = concretePath(path.getKey(), path.getValue(), operation.getValue());
                for (JsonNode parameter : parameters(path.getValue(), operation.getValue())) {
                    JsonNode schema = resolve(document, parameter.path("schema"));
                    if (parameter.path("in").asText().equals("query") && isPlainString(schema)) {
                        String name = parameter.path("name").asText();
                        tests.add(DynamicTest.dynamicTest("GET " + target + "?" + name + "=a%00b", () -> {
                            Response response = given().auth().oauth2(TestTokens.admin()).urlEncodingEnabled(false)
                                    .when().get(target + "?" + name + "=a%00b");
                            assertProblemNaming(response, name, "GET " + target + "?" + name + "=a%00b");
                        }));
                    }
                }
            }
        }
        return tests;
    }

    private static void assertRefused(String method, String target, StringField field, String body) {
        Response response = given().auth().oauth2(TestTokens.admin()).contentType("application/json").body(body)
                .when().request(method, target);
        assertProblemNaming(response, field.path(), method + " " + target + " " + body);
    }

    private static void assertProblemNaming(Response response, String field, String request) {
        String answer = response.asString();
        assertEquals(400, response.statusCode(), "status for " + request + "\nanswer: " + answer);
        assertTrue(response.contentType().startsWith("application/problem+json"), "content type for " + request);
        List<String> fields = response.jsonPath().getList("errors.field", String.class);
        assertTrue(fields != null && fields.stream().anyMatch(named -> named.equals(field) || named.startsWith(field + "[")),
                "errors name " + field + " for " + request + "\nanswer: " + answer);
    }

    private static void assertNotRefused(String method, String target, StringField field, String body) {
        Response response = given().auth().oauth2(TestTokens.admin()).contentType("application/json").body(body)
                .when().request(method, target);
        String answer = response.asString();
        assertTrue(response.statusCode() < 500, "status " + response.statusCode() + " for " + method + " " + target + " " + body + "\nanswer: " + answer);
        assertFalse(answer.contains("control character"), "tab or line break refused for " + method + " " + target + " " + body + "\nanswer: " + answer);
    }

    /** A string property somewhere in a request body: its dotted path and how to build a body holding only it. */
    private record StringField(String path, List<Object> steps, boolean plain) {

        String body(String value) {
            JsonNode node = JsonNodeFactory.instance.textNode(value);
            for (int i = steps.size() - 1; i >= 0; i--) {
                if (steps.get(i) instanceof String name) {
                    ObjectNode object = JsonNodeFactory.instance.objectNode();
                    object.set(name, node);
                    node = object;
                } else {
                    ArrayNode array = JsonNodeFactory.instance.arrayNode();
                    array.add(node);
                    node = array;
                }
            }
            return node.toString();
        }
    }

    private static List<StringField> stringFields(JsonNode document, JsonNode schema) {
        List<StringField> fields = new ArrayList<>();
        collect(document, schema, "", new ArrayList<>(), fields, 0);
        return fields;
    }

    private static void collect(JsonNode document, JsonNode schema, String path, List<Object> steps, List<StringField> fields, int depth) {
        JsonNode resolved = resolve(document, schema);
        if (depth > MAX_DEPTH) {
            return;
        }
        if ("array".equals(resolved.path("type").asText())) {
            List<Object> next = new ArrayList<>(steps);
            next.add(0);
            collect(document, resolved.path("items"), path + "[0]", next, fields, depth + 1);
            return;
        }
        if ("string".equals(resolved.path("type").asText()) && !path.isEmpty()) {
            fields.add(new StringField(path, List.copyOf(steps), isPlainString(resolved)));
            return;
        }
        for (Map.Entry<String, JsonNode> property : properties(document, resolved).entrySet()) {
            List<Object> next = new ArrayList<>(steps);
            next.add(property.getKey());
            collect(document, property.getValue(), path.isEmpty() ? property.getKey() : path + "." + property.getKey(), next, fields, depth + 1);
        }
    }

    private static TreeMap<String, JsonNode> properties(JsonNode document, JsonNode schema) {
        TreeMap<String, JsonNode> properties = new TreeMap<>();
        schema.path("properties").fields().forEachRemaining(entry -> properties.put(entry.getKey(), entry.getValue()));
        for (JsonNode part : schema.path("allOf")) {
            properties.putAll(properties(document, resolve(document, part)));
        }
        return properties;
    }

    private static boolean isPlainString(JsonNode schema) {
        return "string".equals(schema.path("type").asText()) && !schema.has("enum") && !schema.has("format") && !schema.has("pattern");
    }

    private static JsonNode resolve(JsonNode document, JsonNode schema) {
        JsonNode current = schema;
        while (current.has("$ref")) {
            String ref = current.path("$ref").asText();
            current = document.at(ref.substring(1));
        }
        if (current.path("allOf").size() == 1 && !current.has("properties")) {
            return resolve(document, current.path("allOf").get(0));
        }
        return current;
    }

    private static List<JsonNode> parameters(JsonNode pathItem, JsonNode operation) {
        List<JsonNode> parameters = new ArrayList<>();
        pathItem.path("parameters").forEach(parameters::add);
        operation.path("parameters").forEach(parameters::add);
        return parameters;
    }

    /** The path with each parameter filled in: a UUID where the parameter is one, a plain word elsewhere. */
    private static String concretePath(String template, JsonNode pathItem, JsonNode operation) {
        String path = template;
        for (JsonNode parameter : parameters(pathItem, operation)) {
            if (parameter.path("in").asText().equals("path")) {
                String value = "uuid".equals(parameter.path("schema").path("format").asText()) ? ANY_ID : "x";
                path = path.replace("{" + parameter.path("name").asText() + "}", value);
            }
        }
        return path.replaceAll("\\{[^}]+}", ANY_ID);
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

    private static List<Character> refusedCharacters() {
        List<Character> refused = new ArrayList<>();
        for (char c = 0; c < 0x20; c++) {
            if (c != '\t' && c != '\n' && c != '\r') {
                refused.add(c);
            }
        }
        return List.copyOf(refused);
    }
}
