package id.atensi.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a partner system's first integration attempts send, to every operation in the service's own OpenAPI
 * document: a body that is not JSON, a body of the wrong shape, no body where one is required, each body field with a
 * value of the wrong type or format, each typed query parameter with a value it cannot take, a path id that is not a
 * UUID, a JSON body under another media type, and an {@code Accept} that no answer of the operation meets. Each must be
 * answered with a 4xx problem+json that says what to correct (api-conventions: 400 naming the field or parameter, 415
 * for the media type, 406 for the Accept) and never with a 5xx.
 * The cases come from the document sorted by path, method and field, so every machine sends the same requests; each
 * case's name is the request. A service's {@code @QuarkusTest} extends this.
 */
public abstract class MalformedInputContract {

    private static final String MERGE_PATCH = "application/merge-patch+json";
    private static final Set<String> JSON_TYPES = Set.of("application/json", MERGE_PATCH);
    private static final String NOT_A_UUID = "not-a-uuid";
    private static final String NOTHING_PRODUCED = "application/x-atensi-nothing";

    @TestFactory
    List<DynamicTest> bodiesThatAreNotJsonOrOfTheWrongShapeAreRefused() throws Exception {
        OpenApiDocument document = OpenApiDocument.ofServiceUnderTest();
        List<DynamicTest> tests = new ArrayList<>();
        for (OpenApiDocument.Operation operation : covered(document)) {
            String mediaType = jsonMediaType(operation);
            if (mediaType == null) {
                continue;
            }
            JsonNode schema = document.resolve(operation.bodySchema(mediaType));
            String wrongShape = "array".equals(schema.path("type").asText()) ? "{}" : "[]";
            boolean mayLookUpFirst = looksUpItsRecordBeforeReadingTheBody(operation, mediaType);
            // The unreadable body once more under the media type in capitals: media types are case-insensitive.
            Map<String, String> contentTypeByBody = new TreeMap<>(Map.of("{\"", mediaType, wrongShape, mediaType, "\"text\"", mediaType,
                    " {\"", mediaType.toUpperCase(Locale.ROOT)));
            for (Map.Entry<String, String> sent : contentTypeByBody.entrySet()) {
                String body = sent.getKey();
                String request = operation.method() + " " + operation.target() + " " + body + " as " + sent.getValue();
                tests.add(DynamicTest.dynamicTest(request, () -> {
                    Response response = authorised().contentType(sent.getValue()).body(body).when().request(operation.method(), operation.target());
                    if (response.statusCode() == 404 && mayLookUpFirst) {
                        assertProblem(response, 404, request);
                        return;
                    }
                    assertBodyRefused(response, request);
                }));
            }
        }
        assertFalse(tests.isEmpty(), "the service's OpenAPI document names no operation with a JSON request body");
        return tests;
    }

    @TestFactory
    List<DynamicTest> aMissingBodyIsRefusedWhereOneIsRequiredAndNeverAFault() throws Exception {
        OpenApiDocument document = OpenApiDocument.ofServiceUnderTest();
        List<DynamicTest> tests = new ArrayList<>();
        for (OpenApiDocument.Operation operation : covered(document)) {
            String mediaType = jsonMediaType(operation);
            if (mediaType == null) {
                continue;
            }
            boolean required = operation.operation().path("requestBody").path("required").asBoolean(false);
            boolean mayLookUpFirst = looksUpItsRecordBeforeReadingTheBody(operation, mediaType);
            String request = operation.method() + " " + operation.target() + " without a body";
            tests.add(DynamicTest.dynamicTest(request, () -> {
                Response response = authorised().contentType(mediaType).when().request(operation.method(), operation.target());
                int status = response.statusCode();
                if (!required || (status == 404 && mayLookUpFirst)) {
                    assertTrue(status < 500, "status " + status + " for " + request + "\nanswer: " + response.asString());
                    if (status >= 400) {
                        assertProblem(response, status, request);
                    }
                    return;
                }
                assertProblem(response, 400, request);
                assertTrue(Set.of("malformed-request", "validation").contains(response.jsonPath().getString("code")),
                        "code for " + request + "\nanswer: " + response.asString());
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> fieldsOfTheWrongTypeOrFormatAreRefusedNamingTheField() throws Exception {
        OpenApiDocument document = OpenApiDocument.ofServiceUnderTest();
        List<DynamicTest> tests = new ArrayList<>();
        for (OpenApiDocument.Operation operation : covered(document)) {
            String mediaType = jsonMediaType(operation);
            if (mediaType == null) {
                continue;
            }
            for (OpenApiDocument.BodyField field : document.fields(operation.bodySchema(mediaType))) {
                for (JsonNode wrong : wrongValues(field.schema())) {
                    String body = field.body(wrong);
                    String request = operation.method() + " " + operation.target() + " " + body;
                    tests.add(DynamicTest.dynamicTest(request, () -> {
                        Response response = authorised().contentType(mediaType).body(body).when().request(operation.method(), operation.target());
                        assertBodyRefused(response, request);
                        assertNames(response, field.path(), request);
                    }));
                }
            }
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> queryParametersThatCannotBeReadAreRefusedNamingTheParameter() throws Exception {
        OpenApiDocument document = OpenApiDocument.ofServiceUnderTest();
        List<DynamicTest> tests = new ArrayList<>();
        for (OpenApiDocument.Operation operation : covered(document)) {
            if (!operation.method().equals("GET")) {
                continue;
            }
            for (JsonNode parameter : operation.parameters("query")) {
                String name = parameter.path("name").asText();
                for (String wrong : wrongQueryValues(document.resolve(parameter.path("schema")))) {
                    String target = operation.target() + "?" + name + "=" + wrong;
                    String request = "GET " + target;
                    tests.add(DynamicTest.dynamicTest(request, () -> {
                        Response response = authorised().urlEncodingEnabled(false).when().get(target);
                        assertProblem(response, 400, request);
                        assertEquals("validation", response.jsonPath().getString("code"), "code for " + request);
                        assertNames(response, name, request);
                    }));
                }
            }
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> anEmptyTypedQueryParameterIsNeverAnsweredAsAMissingResource() throws Exception {
        OpenApiDocument document = OpenApiDocument.ofServiceUnderTest();
        List<DynamicTest> tests = new ArrayList<>();
        for (OpenApiDocument.Operation operation : covered(document)) {
            if (!operation.method().equals("GET")) {
                continue;
            }
            for (JsonNode parameter : operation.parameters("query")) {
                if (wrongQueryValues(document.resolve(parameter.path("schema"))).isEmpty()) {
                    continue;
                }
                String target = operation.target() + "?" + parameter.path("name").asText() + "=";
                tests.add(DynamicTest.dynamicTest("GET " + target, () -> {
                    Response response = authorised().urlEncodingEnabled(false).when().get(target);
                    int status = response.statusCode();
                    boolean anyRecordWouldDo = operation.parameters("path").isEmpty();
                    assertTrue(status < 500 && !(anyRecordWouldDo && status == 404),
                            "status " + status + " for GET " + target + "\nanswer: " + response.asString());
                    if (status >= 400) {
                        assertProblem(response, status, "GET " + target);
                    }
                }));
            }
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> pathIdsThatAreNotUuidsAreAnsweredAsProblems() throws Exception {
        OpenApiDocument document = OpenApiDocument.ofServiceUnderTest();
        List<DynamicTest> tests = new ArrayList<>();
        for (OpenApiDocument.Operation operation : covered(document)) {
            for (JsonNode parameter : operation.parameters("path")) {
                if (!document.isUuid(parameter.path("schema"))) {
                    continue;
                }
                String target = operation.targetWith(Map.of(parameter.path("name").asText(), NOT_A_UUID));
                String json = jsonMediaType(operation);
                String mediaType = json != null ? json : operation.bodyMediaTypes().stream().findFirst().orElse(null);
                String request = operation.method() + " " + target;
                tests.add(DynamicTest.dynamicTest(request, () -> {
                    RequestSpecification spec = authorised();
                    if (mediaType != null) {
                        spec = spec.contentType(mediaType).body(json != null ? "{}".getBytes(StandardCharsets.UTF_8) : new byte[] {'x'});
                    }
                    Response response = spec.when().request(operation.method(), target);
                    assertTrue(Set.of(400, 404).contains(response.statusCode()),
                            "status " + response.statusCode() + " for " + request + "\nanswer: " + response.asString());
                    assertProblem(response, response.statusCode(), request);
                }));
            }
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> aJsonBodyUnderAnotherMediaTypeIsRefusedWith415() throws Exception {
        OpenApiDocument document = OpenApiDocument.ofServiceUnderTest();
        List<DynamicTest> tests = new ArrayList<>();
        for (OpenApiDocument.Operation operation : covered(document)) {
            if (jsonMediaType(operation) == null || !JSON_TYPES.containsAll(operation.bodyMediaTypes())) {
                continue;
            }
            String request = operation.method() + " " + operation.target() + " as text/plain";
            tests.add(DynamicTest.dynamicTest(request, () -> {
                Response response = authorised().contentType("text/plain").body("{}").when().request(operation.method(), operation.target());
                assertProblem(response, 415, request);
            }));
        }
        return tests;
    }

    /**
     * Every GET that answers with a body is sent an Accept that none of its media types meets (406 problem), and, where
     * it answers JSON, {@code APPLICATION/JSON}, which is the same media type: media types are case-insensitive.
     */
    @TestFactory
    List<DynamicTest> acceptIsNegotiatedWithoutRegardToCaseAndAnAcceptNothingMeetsIs406() throws Exception {
        OpenApiDocument document = OpenApiDocument.ofServiceUnderTest();
        List<DynamicTest> tests = new ArrayList<>();
        for (OpenApiDocument.Operation operation : covered(document)) {
            Set<String> produced = operation.successMediaTypes();
            if (!operation.method().equals("GET") || produced.isEmpty() || produced.stream().anyMatch(type -> type.contains("*"))) {
                continue;
            }
            String refused = "GET " + operation.target() + " accepting only " + NOTHING_PRODUCED + " (it answers " + produced + ")";
            tests.add(DynamicTest.dynamicTest(refused, () -> {
                Response response = authorised().accept(NOTHING_PRODUCED).when().get(operation.target());
                assertProblem(response, 406, refused);
                assertEquals("not-acceptable", response.jsonPath().getString("code"), "code for " + refused);
            }));
            if (!produced.contains("application/json")) {
                continue;
            }
            String capitals = "GET " + operation.target() + " accepting APPLICATION/JSON";
            tests.add(DynamicTest.dynamicTest(capitals, () -> {
                Response response = authorised().accept("APPLICATION/JSON").when().get(operation.target());
                assertTrue(response.statusCode() != 406 && response.statusCode() < 500,
                        "status " + response.statusCode() + " for " + capitals + "\nanswer: " + response.asString());
                if (response.statusCode() == 200) {
                    assertTrue(response.contentType().startsWith("application/json"), "content type " + response.contentType() + " for " + capitals);
                }
            }));
        }
        assertFalse(tests.isEmpty(), "the service's OpenAPI document names no GET operation with a documented answer");
        return tests;
    }

    /**
     * Whether the operations under this path answer bad input as the platform's problem. An interface that follows
     * another standard's error shape (the SPDCI registry) leaves itself out and has its own bad-input tests.
     */
    protected boolean answersWithProblems(String pathTemplate) {
        return true;
    }

    private List<OpenApiDocument.Operation> covered(OpenApiDocument document) {
        return document.operations().stream().filter(operation -> answersWithProblems(operation.template())).toList();
    }

    /**
     * With an {@code If-Match}, so that an operation which requires one reads the body instead of answering 428 for
     * the missing precondition first.
     */
    private static RequestSpecification authorised() {
        return given().auth().oauth2(TestTokens.admin()).header("If-Match", "\"1\"");
    }

    /**
     * A merge patch is applied to the record in its path, so that record is looked up first and an unknown one is
     * answered 404 before the body is read.
     */
    private static boolean looksUpItsRecordBeforeReadingTheBody(OpenApiDocument.Operation operation, String mediaType) {
        return mediaType.equals(MERGE_PATCH) && !operation.parameters("path").isEmpty();
    }

    /** The JSON media type the operation's body takes, or null when it takes none. */
    private static String jsonMediaType(OpenApiDocument.Operation operation) {
        return operation.bodyMediaTypes().stream().filter(JSON_TYPES::contains).findFirst().orElse(null);
    }

    /** Values a field of this schema cannot take, each one a client could plausibly send. */
    private static List<JsonNode> wrongValues(JsonNode schema) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        List<JsonNode> values = new ArrayList<>();
        switch (schema.path("type").asText()) {
            case "string" -> {
                values.add(json.objectNode());
                if (schema.has("enum")) {
                    values.add(TextNode.valueOf("NO_SUCH_VALUE"));
                }
                String format = schema.path("format").asText();
                if (format.equals("uuid")) {
                    values.add(TextNode.valueOf(NOT_A_UUID));
                } else if (format.equals("date")) {
                    values.add(TextNode.valueOf("2024-02-30"));
                } else if (format.equals("date-time")) {
                    values.add(TextNode.valueOf("2024-02-30T25:61:00Z"));
                }
            }
            case "integer" -> {
                values.add(TextNode.valueOf("twelve"));
                values.add(json.numberNode(new BigInteger("123456789012345678901234567890")));
                values.add(json.numberNode(1.5));
            }
            case "number" -> values.add(TextNode.valueOf("twelve"));
            case "boolean" -> values.add(TextNode.valueOf("maybe"));
            case "array" -> values.add(TextNode.valueOf("text"));
            case "object" -> values.add(json.arrayNode().add(1));
            default -> {
            }
        }
        return values;
    }

    /** Query values that a parameter of this schema cannot take, URL-encoded. */
    private static List<String> wrongQueryValues(JsonNode schema) {
        List<String> values = new ArrayList<>();
        switch (schema.path("type").asText()) {
            case "integer" -> {
                values.add("twelve");
                values.add("123456789012345678901234567890");
            }
            case "number" -> values.add("twelve");
            case "string" -> {
                if (schema.has("enum")) {
                    values.add("NO_SUCH_VALUE");
                }
                switch (schema.path("format").asText()) {
                    case "uuid" -> values.add(NOT_A_UUID);
                    case "date" -> values.add("2024-02-30");
                    case "date-time" -> values.add("2024-02-30T25%3A61%3A00Z");
                    default -> {
                    }
                }
            }
            default -> {
            }
        }
        return values;
    }

    private static void assertBodyRefused(Response response, String request) {
        assertProblem(response, 400, request);
        assertEquals("malformed-request", response.jsonPath().getString("code"), "code for " + request + "\nanswer: " + response.asString());
    }

    private static void assertProblem(Response response, int status, String request) {
        String answer = response.asString();
        assertEquals(status, response.statusCode(), "status for " + request + "\nanswer: " + answer);
        String contentType = response.contentType();
        assertTrue(contentType != null && contentType.startsWith("application/problem+json"),
                "content type " + contentType + " for " + request + "\nanswer: " + answer);
    }

    private static void assertNames(Response response, String field, String request) {
        List<String> fields = response.jsonPath().getList("errors.field", String.class);
        assertTrue(fields != null && fields.stream().anyMatch(named -> named.equals(field) || named.startsWith(field + "[") || named.startsWith(field + ".")),
                "errors name " + field + " for " + request + "\nanswer: " + response.asString());
    }
}
