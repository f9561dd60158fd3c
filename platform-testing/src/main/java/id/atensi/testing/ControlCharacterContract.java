package id.atensi.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.restassured.response.Response;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;

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

    private static final List<Character> REFUSED = refusedCharacters();

    @TestFactory
    List<DynamicTest> controlCharactersInStringFieldsAreRefusedNamingTheField() throws Exception {
        OpenApiDocument document = OpenApiDocument.ofServiceUnderTest();
        List<DynamicTest> tests = new ArrayList<>();
        int rotation = 0;
        for (OpenApiDocument.Operation operation : document.operations()) {
            JsonNode bodySchema = operation.bodySchema("application/json");
            if (bodySchema.isMissingNode()) {
                continue;
            }
            String method = operation.method();
            String target = operation.target();
            for (OpenApiDocument.BodyField field : document.fields(bodySchema)) {
                if (!field.type().equals("string")) {
                    continue;
                }
                char nul = 0;
                char other = REFUSED.get(1 + rotation++ % (REFUSED.size() - 1));
                for (char refused : new char[] {nul, other}) {
                    String body = field.body(TextNode.valueOf("a" + refused + "b"));
                    String name = String.format("%s %s %s = \"a\\u%04X b\"", method, target, field.path(), (int) refused);
                    tests.add(DynamicTest.dynamicTest(name, () -> assertRefused(method, target, field, body)));
                }
                if (OpenApiDocument.isPlainString(field.schema())) {
                    String name = method + " " + target + " " + field.path() + " = \"a\\tb\\nc\\r\\n\"";
                    String body = field.body(TextNode.valueOf("a\tb\nc\r\n"));
                    tests.add(DynamicTest.dynamicTest(name, () -> assertNotRefused(method, target, body)));
                }
            }
        }
        assertFalse(tests.isEmpty(), "the service's OpenAPI document names no JSON request body with a string field");
        return tests;
    }

    @TestFactory
    List<DynamicTest> controlCharactersInQueryParametersAreRefusedNamingTheParameter() throws Exception {
        OpenApiDocument document = OpenApiDocument.ofServiceUnderTest();
        List<DynamicTest> tests = new ArrayList<>();
        for (OpenApiDocument.Operation operation : document.operations()) {
            if (!operation.method().equals("GET")) {
                continue;
            }
            String target = operation.target();
            for (JsonNode parameter : operation.parameters("query")) {
                if (OpenApiDocument.isPlainString(document.resolve(parameter.path("schema")))) {
                    String name = parameter.path("name").asText();
                    tests.add(DynamicTest.dynamicTest("GET " + target + "?" + name + "=a%00b", () -> {
                        Response response = given().auth().oauth2(TestTokens.admin()).urlEncodingEnabled(false)
                                .when().get(target + "?" + name + "=a%00b");
                        assertProblemNaming(response, name, "GET " + target + "?" + name + "=a%00b");
                    }));
                }
            }
        }
        return tests;
    }

    private static void assertRefused(String method, String target, OpenApiDocument.BodyField field, String body) {
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

    private static void assertNotRefused(String method, String target, String body) {
        Response response = given().auth().oauth2(TestTokens.admin()).contentType("application/json").body(body)
                .when().request(method, target);
        String answer = response.asString();
        assertTrue(response.statusCode() < 500, "status " + response.statusCode() + " for " + method + " " + target + " " + body + "\nanswer: " + answer);
        assertFalse(answer.contains("control character"), "tab or line break refused for " + method + " " + target + " " + body + "\nanswer: " + answer);
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
