package id.atensi.beneficiary.registry.rest;

import id.atensi.beneficiary.NikFixtures;
import id.atensi.beneficiary.ServiceUnitFixtures;
import id.atensi.beneficiary.registry.CallbackReceiver;
import id.atensi.beneficiary.registry.RegistryFixtures;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.UUID;

import static id.atensi.beneficiary.registry.RegistryFixtures.asRegistry;
import static id.atensi.beneficiary.registry.RegistryFixtures.byNik;
import static id.atensi.beneficiary.registry.RegistryFixtures.person;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /registry/search}: acknowledged at once, answered by a callback to a real HTTP receiver on 127.0.0.1
 * (allowed by the test profile only), retried when the receiver refuses, with the transaction's status readable
 * synchronously and by callback.
 */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "beneficiary"))
class RegistryAsyncSearchTest {

    private CallbackReceiver receiver;

    @BeforeEach
    void start() {
        ServiceUnitFixtures.standard();
        receiver = new CallbackReceiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private String asyncMessage(String transactionId, String senderUri, String... requests) {
        return """
                {"header": {"version": "1.0.0", "message_id": "%s", "message_ts": "%s", "action": "search", "sender_id": "%s",
                            "sender_uri": "%s", "total_count": %d},
                 "message": {"transaction_id": "%s", "search_request": [%s]}}"""
                .formatted(UUID.randomUUID(), OffsetDateTime.now(), RegistryFixtures.SENDER, senderUri, requests.length, transactionId,
                        String.join(",", requests));
    }

    private String statusMessage(String action, String senderUri, String attributeType, String attributeValue) {
        return """
                {"header": {"version": "1.0.0", "message_id": "%s", "message_ts": "%s", "action": "%s", "sender_id": "%s",
                            "sender_uri": "%s", "total_count": 1},
                 "message": {"transaction_id": "status-1", "txnstatus_request": {"reference_id": "s-1", "txn_type": "search",
                             "attribute_type": "%s", "attribute_value": %s}}}"""
                .formatted(UUID.randomUUID(), OffsetDateTime.now(), action, RegistryFixtures.SENDER, senderUri, attributeType, attributeValue);
    }

    @Test
    void searchIsAcknowledgedAndAnsweredByCallbackToTheSenderUri() throws Exception {
        String nik = NikFixtures.woman();
        String id = person(nik, RegistryFixtures.freshVillage(), "REGISTRY_EXCHANGE");
        String unknown = NikFixtures.woman();
        String transactionId = "txn-" + UUID.randomUUID();

        String correlationId = asRegistry().body(asyncMessage(transactionId, receiver.url("/spmis/on-search"), byNik("a", nik), byNik("b", unknown)))
                .when().post("/registry/search").then().log().ifValidationFails().statusCode(200)
                .body("message.ack_status", equalTo("ACK"))
                .extract().path("message.correlation_id");

        JsonObject callback = receiver.next(10);
        assertEquals("/spmis/on-search", callback.getString("path"));
        JsonObject header = callback.getJsonObject("header");
        assertEquals("on-search", header.getString("action"));
        assertEquals("succ", header.getString("status"));
        assertEquals(RegistryFixtures.SENDER, header.getString("receiver_id"));
        JsonObject message = callback.getJsonObject("message");
        assertEquals(transactionId, message.getString("transaction_id"));
        assertEquals(correlationId, message.getString("correlation_id"));
        assertEquals("succ", message.getJsonArray("search_response").getJsonObject(0).getString("status"));
        assertEquals(nik, message.getJsonArray("search_response").getJsonObject(0).getJsonObject("data").getJsonArray("reg_records").getJsonObject(0)
                .getJsonObject("demographic_info").getJsonArray("identifier").getJsonObject(0).getString("identifier_value"));
        assertEquals("rjct", message.getJsonArray("search_response").getJsonObject(1).getString("status"));

        given().auth().oauth2(TestTokens.auditor()).queryParam("beneficiaryId", id).when().get("/api/v1/beneficiaries/audit").then().statusCode(200)
                .body("items[0].action", equalTo("registry-search")).body("items[0].requestId", equalTo(correlationId));

        asRegistry().body(statusMessage("txn-status", receiver.url("/spmis/txn/on-status"), "transaction_id", "\"" + transactionId + "\""))
                .when().post("/registry/sync/txn/status").then().log().ifValidationFails().statusCode(200)
                .body("header.action", equalTo("txn-on-status"))
                .body("message.txnstatus_response.txn_type", equalTo("search"))
                .body("message.txnstatus_response.txn_status.correlation_id", equalTo(correlationId))
                .body("message.txnstatus_response.txn_status.search_response.reference_id", contains("a", "b"))
                .body("message.txnstatus_response.txn_status.search_response.status", contains("succ", "rjct"));
    }

    @Test
    void aRefusedCallbackIsRetriedUntilTheReceiverTakesIt() throws Exception {
        String nik = NikFixtures.woman();
        person(nik, RegistryFixtures.freshVillage(), "REGISTRY_EXCHANGE");
        receiver.refuseNext(2);

        String correlationId = asRegistry().body(asyncMessage("txn-" + UUID.randomUUID(), receiver.url("/on-search"), byNik("a", nik)))
                .when().post("/registry/search").then().statusCode(200).extract().path("message.correlation_id");

        JsonObject callback = receiver.next(15);
        assertEquals(correlationId, callback.getJsonObject("message").getString("correlation_id"));
        assertEquals(3, receiver.attempts());
        assertTrue(receiver.nothingWithin(1500), "a delivered answer is not sent again");
    }

    @Test
    void aCallbackNeverTakenIsGivenUpAndItsStatusSaysSo() throws Exception {
        receiver.refuseNext(100);
        String correlationId = asRegistry().body(asyncMessage("txn-" + UUID.randomUUID(), receiver.url("/on-search"), byNik("a", NikFixtures.woman())))
                .when().post("/registry/search").then().statusCode(200).extract().path("message.correlation_id");

        long deadline = System.currentTimeMillis() + 15_000;
        String status;
        do {
            Thread.sleep(300);
            status = asRegistry().body(statusMessage("txn-status", receiver.url("/x"), "correlation_id", "\"" + correlationId + "\""))
                    .when().post("/registry/sync/txn/status").then().statusCode(200)
                    .extract().path("message.txnstatus_response.txn_status.search_response[0].status");
        } while (!"rjct".equals(status) && System.currentTimeMillis() < deadline);
        assertEquals("rjct", status);
        assertEquals(3, receiver.attempts(), "max-attempts is 3 in the test profile");
    }

    @Test
    void statusByCallbackIsAcknowledgedAndPostedToTheSenderUri() throws Exception {
        String transactionId = "txn-" + UUID.randomUUID();
        asRegistry().body(asyncMessage(transactionId, receiver.url("/on-search"), byNik("only", NikFixtures.woman())))
                .when().post("/registry/search").then().statusCode(200);
        receiver.next(10);

        asRegistry().body(statusMessage("txn-status", receiver.url("/txn/on-status"), "reference_id_list", "[\"only\"]"))
                .when().post("/registry/txn/status").then().statusCode(200).body("message.ack_status", equalTo("ACK"));

        JsonObject status = receiver.next(10);
        assertEquals("/txn/on-status", status.getString("path"));
        assertEquals("txn-on-status", status.getJsonObject("header").getString("action"));
    }

    @Test
    void anotherOrganisationDoesNotFindTheTransaction() throws Exception {
        String transactionId = "txn-" + UUID.randomUUID();
        asRegistry().body(asyncMessage(transactionId, receiver.url("/on-search"), byNik("a", NikFixtures.woman())))
                .when().post("/registry/search").then().statusCode(200);
        String other = TestTokens.scoped("other.registry.example", id.atensi.local.Tokens.Scope.none(), "registry");

        given().auth().oauth2(other).contentType("application/json")
                .body(statusMessage("txn-status", receiver.url("/x"), "transaction_id", "\"" + transactionId + "\"").replace(RegistryFixtures.SENDER, "other.registry.example"))
                .when().post("/registry/sync/txn/status").then().statusCode(400)
                .body("message.error.code", equalTo("err.request.not_found"));
    }

    @Test
    void aPrivateOrPlainSenderUriOutsideTheAllowedNetworksIsRefused() {
        asRegistry().body(asyncMessage("t", "http://10.0.0.7/on-search", byNik("a", NikFixtures.woman())))
                .when().post("/registry/search").then().statusCode(400)
                .body("message.error.code", equalTo("err.sender_uri.invalid"));
        asRegistry().body(asyncMessage("t", "http://169.254.169.254/latest/meta-data", byNik("a", NikFixtures.woman())))
                .when().post("/registry/search").then().statusCode(400)
                .body("message.error.code", equalTo("err.sender_uri.invalid"));
    }

    @Test
    void aMessageIdIsTakenOnce() {
        String body = asyncMessage("t", receiver.url("/on-search"), byNik("a", NikFixtures.woman()));
        asRegistry().body(body).when().post("/registry/search").then().statusCode(200);
        asRegistry().body(body).when().post("/registry/search").then().statusCode(400)
                .body("message.error.code", equalTo("err.request.bad"));
    }
}
