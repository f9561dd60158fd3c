package id.atensi.beneficiary.registry.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.atensi.beneficiary.NikFixtures;
import id.atensi.beneficiary.registry.RegistryFixtures;
import id.atensi.testing.AtensiTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import static id.atensi.beneficiary.registry.RegistryFixtures.asRegistry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The platform's bad-input contract ({@code ControlCharacterContract}: control characters in any string refused naming
 * the field, never a 5xx) for the {@code /registry} paths, whose answers are the SPDCI standard's acknowledgement rather
 * than problem+json: on each of the six paths, a valid message with NUL or ESC put into each of its strings in turn, and
 * the same message with a header field missing, an unknown action and another version, is answered 400 with
 * {@code ack_status} ERR and the standard's error code, the refusal naming the field; tab and line breaks are not
 * refused for being control characters. Search paths also refuse an oversized page. The cases are generated from
 * fixed messages in a fixed order, so every run sends the same requests.
 */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "beneficiary"))
class RegistryBadInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOW = "2026-12-03T19:00:00+07:00";
    private static final List<String> REQUIRED_HEADER_FIELDS = List.of("message_id", "message_ts", "action", "sender_id", "total_count");

    /** A message each path takes, by path; its strings are the fields the cases corrupt. */
    private static Map<String, ObjectNode> validMessages() throws Exception {
        Map<String, ObjectNode> messages = new LinkedHashMap<>();
        String search = RegistryFixtures.searchRequest("ref-1", "idtype-value", "{\"type\": \"UIN\", \"value\": \"" + NikFixtures.woman() + "\"}",
                "REGISTRY_EXCHANGE", "\"pagination\": {\"page_size\": 10, \"page_number\": 1}, \"locale\": \"ind\"");
        messages.put("/registry/sync/search", message("search", "{\"transaction_id\": \"t-1\", \"search_request\": [" + search + "]}"));
        messages.put("/registry/search", message("search", "{\"transaction_id\": \"t-1\", \"search_request\": [" + search + "]}"));
        String status = "{\"transaction_id\": \"t-2\", \"txnstatus_request\": {\"reference_id\": \"s-1\", \"txn_type\": \"search\", "
                + "\"attribute_type\": \"transaction_id\", \"attribute_value\": \"never-sent\"}}";
        messages.put("/registry/sync/txn/status", message("txn-status", status));
        messages.put("/registry/txn/status", message("txn-status", status));
        messages.put("/registry/subscribe", message("subscribe", """
                {"transaction_id": "t-3", "subscribe_request": [{"reference_id": "sub-1", "timestamp": "%s",
                  "subscribe_criteria": {"version": "1.0.0", "reg_type": "ns:org:RegistryType:Social", "reg_event_type": "UPDATE",
                    "filter_type": "expression", "filter": {"type": "ns:org:QueryType:NoSql",
                      "value": {"expression": {"collection": "Member", "query": {"region": {"$eq": "32.01.01.2001"}}}}},
                    "notify_record_type": "spdci:Member", "authorize": {"@type": "Authorize", "purpose": {"code": "REGISTRY_EXCHANGE"}}}}]}"""
                .formatted(NOW)));
        messages.put("/registry/unsubscribe", message("unsubscribe", """
                {"transaction_id": "t-4", "timestamp": "%s", "subscription_codes": ["%s"]}""".formatted(NOW, UUID.nameUUIDFromBytes(new byte[] {1}))));
        return messages;
    }

    private static ObjectNode message(String action, String body) throws Exception {
        ObjectNode message = JSON.createObjectNode();
        ObjectNode header = message.putObject("header");
        header.put("version", "1.0.0");
        header.put("message_id", "m-" + action);
        header.put("message_ts", NOW);
        header.put("action", action);
        header.put("sender_id", RegistryFixtures.SENDER);
        header.put("sender_uri", "http://127.0.0.1:9/on-" + action);
        header.put("receiver_id", "atensi.kemensos.go.id");
        JsonNode inner = JSON.readTree(body);
        JsonNode batch = inner.path("search_request").isArray() ? inner.get("search_request") : inner.path("subscribe_request");
        header.put("total_count", batch.isArray() ? batch.size() : 1);
        message.set("message", inner);
        return message;
    }

    /** Every string value of the message, by its dotted path, in document order. */
    private static List<String> stringPaths(JsonNode node, String path) {
        List<String> paths = new ArrayList<>();
        if (node.isTextual()) {
            paths.add(path);
        } else if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            fields.forEachRemaining(field -> paths.addAll(stringPaths(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey())));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                paths.addAll(stringPaths(node.get(i), path + "[" + i + "]"));
            }
        }
        return paths;
    }

    /** The message with the string at {@code path} replaced. */
    private static ObjectNode with(ObjectNode message, String path, String value) {
        ObjectNode copy = message.deepCopy();
        JsonNode parent = copy;
        String[] steps = path.split("\\.");
        for (int i = 0; i < steps.length; i++) {
            String step = steps[i];
            String name = step.contains("[") ? step.substring(0, step.indexOf('[')) : step;
            Integer index = step.contains("[") ? Integer.valueOf(step.substring(step.indexOf('[') + 1, step.indexOf(']'))) : null;
            boolean last = i == steps.length - 1;
            if (index == null) {
                if (last) {
                    ((ObjectNode) parent).put(name, value);
                } else {
                    parent = parent.get(name);
                }
            } else {
                ArrayNode array = (ArrayNode) parent.get(name);
                if (last) {
                    array.set(index, value);
                } else {
                    parent = array.get(index);
                }
            }
        }
        return copy;
    }

    private static ObjectNode changed(ObjectNode message, Consumer<ObjectNode> change) {
        ObjectNode copy = message.deepCopy();
        change.accept(copy);
        return copy;
    }

    private static void assertErr(String path, ObjectNode body, String code, String named) {
        Response response = asRegistry().body(body.toString()).when().post(path);
        String answer = response.asString();
        assertEquals(400, response.statusCode(), "status for " + path + " " + body + "\nanswer: " + answer);
        assertEquals("ERR", response.jsonPath().getString("message.ack_status"), answer);
        assertEquals(code, response.jsonPath().getString("message.error.code"), answer);
        assertNotNull(response.jsonPath().getString("message.correlation_id"), answer);
        if (named != null) {
            assertTrue(response.jsonPath().getString("message.error.message").contains(named), "the refusal names " + named + ": " + answer);
        }
    }

    @TestFactory
    List<DynamicTest> controlCharactersInAnyStringOfARegistryMessageAreAnsweredErrNamingTheField() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        int rotation = 0;
        for (Map.Entry<String, ObjectNode> entry : validMessages().entrySet()) {
            String target = entry.getKey();
            ObjectNode valid = entry.getValue();
            for (String field : stringPaths(valid, "")) {
                char other = (char) (1 + rotation++ % 8);
                for (char refused : new char[] {0, other, 0x1B}) {
                    ObjectNode body = with(valid, field, "a" + refused + "b");
                    tests.add(DynamicTest.dynamicTest(String.format("POST %s %s = \"a\\u%04X b\"", target, field, (int) refused),
                            () -> assertErr(target, body, "err.request.bad", field)));
                }
            }
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> tabsAndLineBreaksAreNotRefusedAsControlCharacters() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, ObjectNode> entry : validMessages().entrySet()) {
            ObjectNode body = with(entry.getValue(), "message.transaction_id", "t\tb\nc\r\n");
            tests.add(DynamicTest.dynamicTest("POST " + entry.getKey() + " message.transaction_id = \"t\\tb\\nc\\r\\n\"", () -> {
                Response response = asRegistry().body(body.toString()).when().post(entry.getKey());
                String answer = response.asString();
                assertTrue(response.statusCode() < 500, "status " + response.statusCode() + "\nanswer: " + answer);
                assertFalse(answer.contains("control character"), "tab or line break refused: " + answer);
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> envelopesWithoutARequiredHeaderFieldOrWithAnotherActionOrVersionAreAnsweredErr() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, ObjectNode> entry : validMessages().entrySet()) {
            String target = entry.getKey();
            ObjectNode valid = entry.getValue();
            for (String field : REQUIRED_HEADER_FIELDS) {
                tests.add(DynamicTest.dynamicTest("POST " + target + " without header." + field,
                        () -> assertErr(target, changed(valid, m -> ((ObjectNode) m.get("header")).remove(field)), "err.request.bad", null)));
            }
            tests.add(DynamicTest.dynamicTest("POST " + target + " with action disburse",
                    () -> assertErr(target, changed(valid, m -> ((ObjectNode) m.get("header")).put("action", "disburse")), "err.request.bad", "disburse")));
            tests.add(DynamicTest.dynamicTest("POST " + target + " with version 2.0.0",
                    () -> assertErr(target, changed(valid, m -> ((ObjectNode) m.get("header")).put("version", "2.0.0")), "err.version.not_supported", "2.0.0")));
            tests.add(DynamicTest.dynamicTest("POST " + target + " with a header that is not an object",
                    () -> assertErr(target, changed(valid, m -> m.put("header", "x")), "err.request.bad", "header")));
            tests.add(DynamicTest.dynamicTest("POST " + target + " without message",
                    () -> assertErr(target, changed(valid, m -> m.remove("message")), "err.request.bad", "message")));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> pagesLargerThanTwoHundredAreAnsweredErrOnBothSearchPaths() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (String target : List.of("/registry/sync/search", "/registry/search")) {
            ObjectNode valid = validMessages().get(target);
            for (int size : new int[] {201, 100_000, -1}) {
                ObjectNode body = changed(valid, m -> ((ObjectNode) m.at("/message/search_request/0/search_criteria/pagination")).put("page_size", size));
                tests.add(DynamicTest.dynamicTest("POST " + target + " page_size " + size, () -> assertErr(target, body, "err.request.bad", "page_size")));
            }
        }
        return tests;
    }
}
