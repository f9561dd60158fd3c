package id.atensi.beneficiary.registry.rest;

import id.atensi.beneficiary.NikFixtures;
import id.atensi.beneficiary.ServiceUnitFixtures;
import id.atensi.beneficiary.registry.CallbackReceiver;
import id.atensi.beneficiary.registry.Notices;
import id.atensi.beneficiary.registry.RegistryFixtures;
import id.atensi.local.Tokens;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Notices to several subscribers with real HTTP receivers on 127.0.0.1: one subscriber that takes requests and never
 * answers does not delay another's notices, and keeps its own until it answers; a subscriber that is down while
 * notices are due gets them when it is back; a caller of the asynchronous search that never answers does not delay
 * another caller's answer. The callback timeout is 15 s here so that "not delayed" is measurable:
 * one notice waiting for the hanging subscriber would hold the healthy one's for at least that long.
 */
@QuarkusTest
@TestProfile(RegistryNotificationDeliveryTest.SlowTimeout.class)
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "beneficiary"))
class RegistryNotificationDeliveryTest {

    private static final String STUCK_REGISTRY = "stuck.example";
    private static final String DOWN_REGISTRY = "down.example";
    private static final long TIMEOUT_MILLIS = 15_000;

    public static class SlowTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("atensi.beneficiary.registry.callback.timeout", "PT15S",
                    "atensi.beneficiary.registry.callback.max-attempts", "12",
                    "atensi.beneficiary.registry.callback.first-retry-after", "PT0.5S");
        }
    }

    @BeforeEach
    void units() {
        ServiceUnitFixtures.standard();
    }

    private static void subscribe(String sender, CallbackReceiver receiver, String village) {
        String message = """
                {"header": {"version": "1.0.0", "message_id": "%s", "message_ts": "%s", "action": "subscribe", "sender_id": "%s",
                            "sender_uri": "%s", "total_count": 1},
                 "message": {"transaction_id": "sub-%s", "subscribe_request": [
                   {"reference_id": "ref-%s", "timestamp": "%s",
                    "subscribe_criteria": {"version": "1.0.0", "reg_type": "ns:org:RegistryType:Social", "reg_event_type": "REGISTER",
                                           "filter_type": "expression",
                                           "filter": {"type": "ns:org:QueryType:NoSql",
                                                      "value": {"expression": {"collection": "Member", "query": {"region": {"$eq": "%s"}}}}},
                                           "notify_record_type": "spdci:Member",
                                           "authorize": {"@type": "Authorize", "purpose": {"code": "REGISTRY_EXCHANGE"}}}}]}}"""
                .formatted(UUID.randomUUID(), OffsetDateTime.now(), sender, receiver.url("/notify"), UUID.randomUUID(), UUID.randomUUID(),
                        OffsetDateTime.now(), village);
        given().auth().oauth2(TestTokens.scoped(sender, Tokens.Scope.none(), "registry")).contentType(ContentType.JSON).body(message)
                .when().post("/registry/subscribe").then().statusCode(200).body("message.ack_status", equalTo("ACK"));
    }

    private static String subscriptionCode(JsonObject onSubscribe) {
        return onSubscribe.getJsonObject("message").getJsonArray("subscribe_response").getJsonObject(0).getJsonArray("subscriptions")
                .getJsonObject(0).getString("code");
    }

    /**
     * Returns once the sweep has claimed the notice {@code attempts} times and recorded a failure, the notice still pending:
     * with the subscriber down, that is the notice due and attempted while it is away. A sweep that comes between the
     * registration and its consent withholds the notice and the consent event arms it again, counting afresh.
     */
    private static void awaitFailedAttempts(String code, String person, int attempts) throws InterruptedException, SQLException {
        Notices.await(code, person, "attempted " + attempts + " times", notice -> {
            assertFalse("delivered".equals(notice.outcome()) || "given-up".equals(notice.outcome()),
                    "the notice was completed while its subscriber was down: " + notice);
            return notice.outcome() == null && notice.attempts() >= attempts && notice.lastError() != null;
        });
    }

    private static String notifiedNik(JsonObject notify) {
        return notify.getJsonObject("message").getJsonArray("notify_event").getJsonObject(0).getJsonObject("data").getJsonArray("reg_records")
                .getJsonObject(0).getJsonObject("demographic_info").getJsonArray("identifier").getJsonObject(0).getString("identifier_value");
    }

    @Test
    void aSubscriberThatNeverAnswersDelaysNoOtherSubscribersNoticesAndLosesNoneOfItsOwn() throws Exception {
        String village = RegistryFixtures.freshVillage();
        try (CallbackReceiver stuck = new CallbackReceiver(); CallbackReceiver healthy = new CallbackReceiver()) {
            stuck.hang(true);
            subscribe(STUCK_REGISTRY, stuck, village);
            subscribe(RegistryFixtures.SENDER, healthy, village);
            assertEquals("on-subscribe", healthy.next(10).getJsonObject("header").getString("action"));

            Set<String> niks = new HashSet<>();
            for (int i = 0; i < 8; i++) {
                String nik = NikFixtures.woman();
                niks.add(nik);
                RegistryFixtures.person(nik, village, "REGISTRY_EXCHANGE");
            }
            long registered = System.currentTimeMillis();

            Set<String> delivered = new HashSet<>();
            while (delivered.size() < niks.size()) {
                JsonObject callback = healthy.next(TIMEOUT_MILLIS / 1000);
                if ("notify".equals(callback.getJsonObject("header").getString("action"))) {
                    delivered.add(notifiedNik(callback));
                }
            }
            long took = System.currentTimeMillis() - registered;
            assertEquals(niks, delivered);
            assertTrue(stuck.attempts() >= 3, "the stuck subscriber's notices (and its on-subscribe answer) were being attempted meanwhile: " + stuck.attempts());
            assertTrue(took < TIMEOUT_MILLIS / 2, "the healthy subscriber had its 8 notices " + took + " ms after the last registration, "
                    + "not held behind the stuck one's " + TIMEOUT_MILLIS + " ms timeouts");

            stuck.hang(false);
            Set<String> late = new HashSet<>();
            long deadline = System.currentTimeMillis() + 6 * TIMEOUT_MILLIS;
            while (late.size() < niks.size() && System.currentTimeMillis() < deadline) {
                JsonObject callback = stuck.next(Math.max(1, (deadline - System.currentTimeMillis()) / 1000));
                if ("notify".equals(callback.getJsonObject("header").getString("action"))) {
                    late.add(notifiedNik(callback));
                }
            }
            assertEquals(niks, late, "every notice of the stuck subscriber was kept and delivered once it answered");
        }
    }

    private static void searchAsync(String sender, CallbackReceiver receiver, String nik) {
        String message = """
                {"header": {"version": "1.0.0", "message_id": "%s", "message_ts": "%s", "action": "search", "sender_id": "%s",
                            "sender_uri": "%s", "total_count": 1},
                 "message": {"transaction_id": "t-%s", "search_request": [%s]}}"""
                .formatted(UUID.randomUUID(), OffsetDateTime.now(), sender, receiver.url("/on-search"), UUID.randomUUID(),
                        RegistryFixtures.byNik("r-" + UUID.randomUUID(), nik));
        given().auth().oauth2(TestTokens.scoped(sender, Tokens.Scope.none(), "registry")).contentType(ContentType.JSON).body(message)
                .when().post("/registry/search").then().statusCode(200).body("message.ack_status", equalTo("ACK"));
    }

    @Test
    void aCallerThatNeverAnswersDelaysNoOtherCallersSearchAnswers() throws Exception {
        String nik = NikFixtures.woman();
        RegistryFixtures.person(nik, RegistryFixtures.freshVillage(), "REGISTRY_EXCHANGE");
        try (CallbackReceiver stuck = new CallbackReceiver(); CallbackReceiver healthy = new CallbackReceiver()) {
            stuck.hang(true);
            for (int i = 0; i < 3; i++) {
                searchAsync(STUCK_REGISTRY, stuck, nik);
            }
            long sent = System.currentTimeMillis();
            searchAsync(RegistryFixtures.SENDER, healthy, nik);

            JsonObject answer = healthy.next(TIMEOUT_MILLIS / 1000);
            long took = System.currentTimeMillis() - sent;
            assertEquals("on-search", answer.getJsonObject("header").getString("action"));
            assertTrue(took < TIMEOUT_MILLIS / 2, "the healthy caller's answer came " + took + " ms after its search, not held behind the stuck "
                    + "caller's three answers and their " + TIMEOUT_MILLIS + " ms timeouts");
            assertTrue(stuck.attempts() >= 3, "the stuck caller's answers were being posted meanwhile: " + stuck.attempts());
        }
    }

    @Test
    void noticesDueWhileTheSubscriberIsDownAreDeliveredWhenItIsBack() throws Exception {
        String village = RegistryFixtures.freshVillage();
        CallbackReceiver first = new CallbackReceiver();
        int port = first.port();
        subscribe(DOWN_REGISTRY, first, village);
        JsonObject onSubscribe = first.next(10);
        assertEquals("on-subscribe", onSubscribe.getJsonObject("header").getString("action"));
        first.close();

        String nik = NikFixtures.woman();
        String person = RegistryFixtures.person(nik, village, "REGISTRY_EXCHANGE");
        String code = subscriptionCode(onSubscribe);
        awaitFailedAttempts(code, person, 2);

        try (CallbackReceiver back = new CallbackReceiver(port)) {
            JsonObject notify = back.next(60);
            assertEquals("notify", notify.getJsonObject("header").getString("action"));
            assertEquals(nik, notifiedNik(notify));
            Notices.await(code, person, "delivered", notice -> "delivered".equals(notice.outcome()));
            // A notice is sent only by a sweep that claims it while pending and a delivered one is never claimed again:
            // from here only a request already on the wire could come, for which 1 s is ample.
            assertTrue(back.nothingWithin(1_000), "delivered once");
            assertEquals(1, back.attempts(), "one request to the subscriber back");
        }
    }
}
