package id.atensi.beneficiary.registry.rest;

import id.atensi.beneficiary.NikFixtures;
import id.atensi.beneficiary.registry.RegistryFixtures;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.RawHttp;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static id.atensi.beneficiary.registry.RegistryFixtures.asRegistry;
import static id.atensi.beneficiary.registry.RegistryFixtures.byNik;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Messages the registry cannot take are answered with the standard's acknowledgement, ack_status ERR and its error
 * code, status 400 and never 5xx, on each of the registry's paths; the response contract checks the shape.
 */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "beneficiary"))
class RegistryEnvelopeTest {

    private static final String NOW = OffsetDateTime.now().toString();

    private static String header(String fields) {
        return "{" + fields + "}";
    }

    private static String complete(String action) {
        return "\"version\": \"1.0.0\", \"message_id\": \"" + UUID.randomUUID() + "\", \"message_ts\": \"" + NOW + "\", \"action\": \"" + action
                + "\", \"sender_id\": \"" + RegistryFixtures.SENDER + "\", \"total_count\": 1, \"sender_uri\": \"http://127.0.0.1:9/on-search\"";
    }

    private static String withSearch(String header) {
        return "{\"header\": " + header + ", \"message\": {\"transaction_id\": \"t-1\", \"search_request\": [" + byNik("r-1", NikFixtures.woman()) + "]}}";
    }

    private static final Map<String, List<String>> CASES = Map.ofEntries(
            Map.entry("not JSON", List.of("{\"header\": ", "err.request.bad")),
            Map.entry("a JSON list", List.of("[]", "err.request.bad")),
            Map.entry("no header", List.of("{\"message\": {}}", "err.request.bad")),
            Map.entry("no message_id", List.of(withSearch(header(complete("search").replaceFirst("\"message_id\": \"[^\"]+\", ", ""))), "err.request.bad")),
            Map.entry("no message_ts", List.of(withSearch(header(complete("search").replace("\"message_ts\": \"" + NOW + "\", ", ""))), "err.request.bad")),
            Map.entry("message_ts not a date-time", List.of(withSearch(header(complete("search").replace(NOW, "yesterday"))), "err.request.bad")),
            Map.entry("no sender_id", List.of(withSearch(header(complete("search").replace("\"sender_id\": \"" + RegistryFixtures.SENDER + "\", ", ""))), "err.request.bad")),
            Map.entry("no total_count", List.of(withSearch(header(complete("search").replace("\"total_count\": 1, ", ""))), "err.request.bad")),
            Map.entry("total_count not the batch's", List.of(withSearch(header(complete("search").replace("\"total_count\": 1", "\"total_count\": 2"))), "err.request.bad")),
            Map.entry("unknown action", List.of(withSearch(header(complete("disburse"))), "err.request.bad")),
            Map.entry("wrong version", List.of(withSearch(header(complete("search").replace("1.0.0", "2.0.0"))), "err.version.not_supported")),
            Map.entry("another sender", List.of(withSearch(header(complete("search").replace(RegistryFixtures.SENDER, "someone.else"))), "err.sender_id.invalid")),
            Map.entry("another receiver", List.of(withSearch(header(complete("search") + ", \"receiver_id\": \"elsewhere.example\"")), "err.receiver_id.invalid")),
            Map.entry("encrypted", List.of(withSearch(header(complete("search") + ", \"is_msg_encrypted\": true")), "err.encryption.invalid")),
            Map.entry("a bad signature", List.of(withSearch(header(complete("search"))).replaceFirst("\\{", "{\"signature\": \"Signature: keyId=\\\\\"x|y|ed25519\\\\\", algorithm=\\\\\"ed25519\\\\\"\", "), "err.signature.invalid")),
            Map.entry("a control character", List.of(withSearch(header(complete("search"))).replace("t-1", "t\\u00001"), "err.request.bad")),
            Map.entry("no message", List.of("{\"header\": " + header(complete("search")) + "}", "err.request.bad")),
            Map.entry("oversized page", List.of(withSearch(header(complete("search"))).replace("\"consent\"", "\"pagination\": {\"page_size\": 201}, \"consent\""), "err.request.bad")),
            Map.entry("page zero", List.of(withSearch(header(complete("search"))).replace("\"consent\"", "\"pagination\": {\"page_size\": 10, \"page_number\": 0}, \"consent\""), "err.request.bad")),
            Map.entry("no declared purpose", List.of(withSearch(header(complete("search"))).replace("\"purpose\": {\"code\": \"REGISTRY_EXCHANGE\"}", "\"purpose\": {}"), "err.request.forbidden")));

    @TestFactory
    List<DynamicTest> badMessagesAreAnsweredWithErrOnEverySearchPath() {
        return CASES.entrySet().stream().sorted(Map.Entry.comparingByKey()).flatMap(entry -> List.of("/registry/sync/search", "/registry/search").stream()
                .map(path -> DynamicTest.dynamicTest(path + ": " + entry.getKey(), () -> asRegistry().body(entry.getValue().get(0))
                        .when().post(path).then().log().ifValidationFails().statusCode(400)
                        .body("message.ack_status", equalTo("ERR"))
                        .body("message.error.code", equalTo(entry.getValue().get(1)))
                        .body("message.correlation_id", notNullValue())))).toList();
    }

    @TestFactory
    List<DynamicTest> badMessagesAreAnsweredWithErrOnTheStatusPaths() {
        String wrongVersion = "{\"header\": {" + complete("txn-status").replace("1.0.0", "0.9") + "}, \"message\": {}}";
        String noRequest = "{\"header\": {" + complete("txn-status") + "}, \"message\": {\"transaction_id\": \"t\"}}";
        String unknown = "{\"header\": {" + complete("txn-status") + "}, \"message\": {\"transaction_id\": \"t\", \"txnstatus_request\": "
                + "{\"reference_id\": \"s\", \"txn_type\": \"search\", \"attribute_type\": \"transaction_id\", \"attribute_value\": \"never-sent\"}}}";
        return List.of("/registry/sync/txn/status", "/registry/txn/status").stream().flatMap(path -> List.of(
                DynamicTest.dynamicTest(path + ": wrong version", () -> asRegistry().body(wrongVersion).when().post(path).then().statusCode(400)
                        .body("message.error.code", equalTo("err.version.not_supported"))),
                DynamicTest.dynamicTest(path + ": no txnstatus_request", () -> asRegistry().body(noRequest).when().post(path).then().statusCode(400)
                        .body("message.error.code", equalTo("err.request.bad"))),
                DynamicTest.dynamicTest(path + ": search action", () -> asRegistry().body(noRequest.replace("txn-status", "search")).when().post(path)
                        .then().statusCode(400).body("message.error.code", equalTo("err.request.bad"))),
                DynamicTest.dynamicTest(path + ": unknown transaction", () -> asRegistry().body(unknown).when().post(path).then().statusCode(400)
                        .body("message.error.code", equalTo("err.request.not_found")))).stream()).toList();
    }

    @Test
    void aMessageDeclaringMoreThanTwoMegabytesIsAnsweredErrBeforeItIsRead() throws IOException {
        // 3 MB declared and not a byte sent: the answer comes all the same (the HTTP server takes the imports' 300 MB)
        String answer = raw("X-Request-Id: registry-oversized\r\nContent-Length: " + 3 * 1024 * 1024 + "\r\n", out -> {
        });
        assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        assertTrue(answer.contains("\"ack_status\":\"ERR\""), answer);
        assertTrue(answer.contains("larger than 2097152 bytes"), answer);
        assertTrue(answer.toLowerCase(Locale.ROOT).contains("x-request-id: registry-oversized"), answer);
    }

    @Test
    void aMessageWithoutLengthIsAnsweredErrWhenItPassesTwoMegabytes() throws IOException {
        byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
        String answer = raw("Transfer-Encoding: chunked\r\n", out -> {
            byte[] start = ("{\"header\": {" + complete("search") + "}, \"message\": {\"pad\": \"").getBytes(StandardCharsets.US_ASCII);
            out.write((Integer.toHexString(start.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(start);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 33; i++) {
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        });
        assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        assertTrue(answer.contains("larger than 2097152 bytes"), answer);
    }

    /** Posts a search with these length headers and what {@code body} writes; answers the response as it came. */
    private static String raw(String lengthHeaders, RawHttp.BodyWriter body) throws IOException {
        return RawHttp.exchange("POST /registry/sync/search HTTP/1.1\r\nContent-Type: application/json\r\n" + lengthHeaders,
                RegistryFixtures.registryToken(), body, Duration.ofSeconds(10));
    }
}
