package id.atensi.beneficiary.registry.rest;

import id.atensi.beneficiary.NikFixtures;
import id.atensi.beneficiary.ServiceUnitFixtures;
import id.atensi.beneficiary.registry.CallbackReceiver;
import id.atensi.beneficiary.registry.Notices;
import id.atensi.beneficiary.registry.Notices.Notice;
import id.atensi.beneficiary.registry.RegistryFixtures;
import id.atensi.local.Tokens;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.DatabaseOutage;
import id.atensi.testing.DatabaseOutageMBean;
import id.atensi.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The registry while its database cannot be reached: the service's datasource goes through platform-testing's
 * {@link DatabaseOutage} forwarder, which the tests cut (open connections dropped, new ones refused) and restore while
 * the shared PostgreSQL runs on. What the tests read of the database they read on a connection of their own, straight
 * to the server. Retries are 3 s apart here so that a notice is due while the database is away, and the callback
 * timeout 10 s so that a held answer is released well within it.
 */
@QuarkusTest
@TestProfile(RegistryDatabaseOutageTest.SlowRetries.class)
@WithTestResource(value = AtensiTestResource.class, initArgs = {@ResourceArg(name = "database", value = "beneficiary"),
        @ResourceArg(name = "database-outage", value = "true")})
class RegistryDatabaseOutageTest {

    private static final String SUBSCRIBER = "outage.example";

    public static class SlowRetries implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("atensi.beneficiary.registry.callback.first-retry-after", "PT3S",
                    "atensi.beneficiary.registry.callback.max-attempts", "12",
                    "atensi.beneficiary.registry.callback.timeout", "PT10S");
        }
    }

    private DatabaseOutageMBean database;

    @BeforeEach
    void units() {
        database = DatabaseOutage.of("beneficiary");
        ServiceUnitFixtures.standard();
    }

    @AfterEach
    void databaseBack() {
        database.restore();
    }

    @Test
    void aNoticeDueWhileTheDatabaseIsUnreachableIsDeliveredOnceWhenItIsBack() throws Exception {
        String village = RegistryFixtures.freshVillage();
        try (CallbackReceiver subscriber = new CallbackReceiver()) {
            String code = subscribe(subscriber, village);
            subscriber.refuseNext(1);
            String nik = NikFixtures.woman();
            String person = RegistryFixtures.person(nik, village, "REGISTRY_EXCHANGE");
            Notice refused = Notices.await(code, person, "the refused first attempt recorded",
                    notice -> notice.attempts() == 1 && notice.lastError() != null);
            int requestsBefore = subscriber.attempts();

            database.cut();
            // The retry is due 3 s after the refusal; two sweep intervals (1 s) past that, the sweep has met the database away
            // with the notice due at least once, twice as a rule.
            awaitClock(refused.nextAttemptAt().plusSeconds(2));
            assertEquals(requestsBefore, subscriber.attempts(), "nothing was sent while the database was away");
            database.restore();

            JsonObject notify = subscriber.next(30);
            assertEquals("notify", notify.getJsonObject("header").getString("action"));
            assertEquals(nik, notifiedNik(notify));
            Notice delivered = Notices.await(code, person, "delivered", notice -> "delivered".equals(notice.outcome()));
            assertEquals(2, delivered.attempts(), "the refused attempt and the one after the outage");
            // Each send follows a claim, which counts an attempt, and a delivered notice is never claimed again: two attempts
            // leave room for no other send, so a second copy could only be a request still on the wire, for which 1 s is ample.
            assertTrue(subscriber.nothingWithin(1_000), "delivered once");
            assertEquals(requestsBefore + 1, subscriber.attempts(), "one request after the outage");
        }
    }

    @Test
    void aNoticeTakenWhileTheDatabaseIsUnreachableIsRecordedWhenItIsBackAndNotSentAgain() throws Exception {
        String village = RegistryFixtures.freshVillage();
        try (CallbackReceiver subscriber = new CallbackReceiver()) {
            String code = subscribe(subscriber, village);
            subscriber.holdAnswers();
            String nik = NikFixtures.woman();
            String person = RegistryFixtures.person(nik, village, "REGISTRY_EXCHANGE");
            long deadline = System.currentTimeMillis() + 30_000;
            while (subscriber.heldAnswers() == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(1, subscriber.heldAnswers(), "the notice reached the subscriber");
            int requests = subscriber.attempts();

            database.cut();
            subscriber.releaseHeld();
            Thread.sleep(4_000);
            database.restore();

            Notice delivered = Notices.await(code, person, "delivered", notice -> "delivered".equals(notice.outcome()));
            assertEquals(1, delivered.attempts(), "recorded as delivered at the first attempt, once the database was back");
            assertEquals(nik, notifiedNik(subscriber.next(1)));
            // As above: one attempt recorded for a delivered notice leaves room for no second send but one still on the wire.
            assertTrue(subscriber.nothingWithin(1_000), "not sent again");
            assertEquals(requests, subscriber.attempts(), "no request after the held one");
        }
    }

    @Test
    void aSearchWhileTheDatabaseIsUnreachableIsAnsweredServiceUnavailableAndTheRegistryRecoversByItself() throws Exception {
        String nik = NikFixtures.woman();
        RegistryFixtures.person(nik, RegistryFixtures.freshVillage(), "REGISTRY_EXCHANGE");

        database.cut();
        try {
            RegistryFixtures.asRegistry().body(RegistryFixtures.message("search", RegistryFixtures.byNik("r-1", nik)))
                    .when().post("/registry/sync/search")
                    .then().statusCode(503).contentType(ContentType.JSON).header("Retry-After", "5")
                    .body("message.ack_status", equalTo("ERR"))
                    .body("message.error.code", equalTo("err.service.unavailable"))
                    .body(not(containsString("Exception")));
            try (CallbackReceiver caller = new CallbackReceiver()) {
                RegistryFixtures.asRegistry().body(asyncSearch(caller, nik))
                        .when().post("/registry/search")
                        .then().statusCode(503)
                        .body("message.ack_status", equalTo("ERR"))
                        .body("message.error.code", equalTo("err.service.unavailable"));
            }
        } finally {
            database.restore();
        }

        long deadline = System.currentTimeMillis() + 30_000;
        Response answer;
        do {
            answer = RegistryFixtures.asRegistry().body(RegistryFixtures.message("search", RegistryFixtures.byNik("r-1", nik)))
                    .when().post("/registry/sync/search");
            if (answer.statusCode() == 503) {
                assertEquals("err.service.unavailable", answer.path("message.error.code"), "while reconnecting, only the standard's error");
                Thread.sleep(500);
            }
        } while (answer.statusCode() == 503 && System.currentTimeMillis() < deadline);
        assertEquals(200, answer.statusCode(), answer.asString());
        assertEquals("succ", answer.path("message.search_response[0].status"));
        assertEquals(nik, answer.path("message.search_response[0].data.reg_records[0].demographic_info.identifier[0].identifier_value"));
    }

    private static String asyncSearch(CallbackReceiver caller, String nik) {
        return """
                {"header": {"version": "1.0.0", "message_id": "%s", "message_ts": "%s", "action": "search", "sender_id": "%s",
                            "sender_uri": "%s", "total_count": 1},
                 "message": {"transaction_id": "t-%s", "search_request": [%s]}}"""
                .formatted(UUID.randomUUID(), OffsetDateTime.now(), RegistryFixtures.SENDER, caller.url("/on-search"), UUID.randomUUID(),
                        RegistryFixtures.byNik("r-" + UUID.randomUUID(), nik));
    }

    /** Subscribes to people registered in the village; the subscription's code, from the on-subscribe answer. */
    private static String subscribe(CallbackReceiver receiver, String village) throws InterruptedException {
        String message = """
                {"header": {"version": "1.0.0", "message_id": "%s", "message_ts": "%s", "action": "subscribe", "sender_id": "%s",
                            "sender_uri": "%s", "total_count": 1},
                 "message": {"transaction_id": "sub-%s", "subscribe_request": [
                   {"reference_id": "ref-%s", "timestamp": "%s",
                    "subscribe_criteria": {"reg_event_type": "REGISTER", "filter_type": "expression",
                                           "filter": {"type": "ns:org:QueryType:NoSql",
                                                      "value": {"expression": {"collection": "Member", "query": {"region": {"$eq": "%s"}}}}},
                                           "notify_record_type": "spdci:Member", "authorize": {"purpose": {"code": "REGISTRY_EXCHANGE"}}}}]}}"""
                .formatted(UUID.randomUUID(), OffsetDateTime.now(), SUBSCRIBER, receiver.url("/notify"), UUID.randomUUID(), UUID.randomUUID(),
                        OffsetDateTime.now(), village);
        given().auth().oauth2(TestTokens.scoped(SUBSCRIBER, Tokens.Scope.none(), "registry")).contentType(ContentType.JSON).body(message)
                .when().post("/registry/subscribe").then().statusCode(200).body("message.ack_status", equalTo("ACK"));
        JsonObject answer = receiver.next(10);
        assertEquals("on-subscribe", answer.getJsonObject("header").getString("action"));
        return answer.getJsonObject("message").getJsonArray("subscribe_response").getJsonObject(0).getJsonArray("subscriptions").getJsonObject(0)
                .getString("code");
    }

    private static String notifiedNik(JsonObject notify) {
        return notify.getJsonObject("message").getJsonArray("notify_event").getJsonObject(0).getJsonObject("data").getJsonArray("reg_records")
                .getJsonObject(0).getJsonObject("demographic_info").getJsonArray("identifier").getJsonObject(0).getString("identifier_value");
    }

    private static void awaitClock(Instant instant) throws InterruptedException {
        long left = instant.toEpochMilli() - System.currentTimeMillis();
        if (left > 0) {
            Thread.sleep(left);
        }
    }
}
