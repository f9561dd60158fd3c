package id.atensi.beneficiary.registry.rest;

import id.atensi.beneficiary.ConsentFixtures;
import id.atensi.beneficiary.NikFixtures;
import id.atensi.beneficiary.ServiceUnitFixtures;
import id.atensi.beneficiary.registry.CallbackReceiver;
import id.atensi.beneficiary.registry.RegistryFixtures;
import id.atensi.local.Tokens;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.MovableClock;
import id.atensi.testing.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Subscriptions with SPDCI's frequency, a cron expression: their notices are held and sent together at the times it
 * names, with the service's clock moved there (platform-testing's MovableClock) and a real receiver on 127.0.0.1. The
 * expression names an hour one to two hours ahead of the real time, so that no time it names passes during the test
 * unless the clock is moved.
 */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "beneficiary"))
class RegistrySubscriptionFrequencyTest {

    private static final String SUBSCRIBER = "monthly.example";

    @Inject
    MovableClock clock;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void units() {
        ServiceUnitFixtures.standard();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void noticesAreHeldUntilTheTimeTheFrequencyNamesAndThenSentTogether() throws Exception {
        ZonedDateTime hourAhead = ZonedDateTime.now(MovableClock.ZONE).plusHours(2).truncatedTo(ChronoUnit.HOURS);
        String village = RegistryFixtures.freshVillage();
        try (CallbackReceiver subscriber = new CallbackReceiver()) {
            JsonObject subscribed = subscribe(subscriber, village, "\"frequency\": \"0 0 " + hourAhead.getHour() + " * * ?\"");
            JsonObject info = subscribed.getJsonArray("subscriptions").getJsonObject(0);
            assertEquals("0 0 " + hourAhead.getHour() + " * * ?", info.getJsonObject("frequency").getString("frequency"));
            String code = info.getString("code");

            Set<String> niks = new HashSet<>();
            for (int i = 0; i < 2; i++) {
                String nik = NikFixtures.woman();
                niks.add(nik);
                RegistryFixtures.person(nik, village, "REGISTRY_EXCHANGE");
            }
            List<Instant> due = awaitQueued(code, 2);
            assertEquals(List.of(hourAhead.toInstant(), hourAhead.toInstant()), due, "both held for " + hourAhead);
            assertTrue(subscriber.nothingWithin(3_000), "nothing before the time, with the sweep running every second");

            clock.travelTo(hourAhead.minusSeconds(10));
            assertTrue(subscriber.nothingWithin(3_000), "nothing seconds before the time either");

            clock.travelTo(hourAhead);
            JsonObject notify = subscriber.next(10);
            assertEquals("notify", notify.getJsonObject("header").getString("action"));
            assertEquals(2, notify.getJsonObject("header").getInteger("total_count"));
            assertEquals(niks, notifiedNiks(notify), "every held notice at the time, in one envelope");
            for (Object event : notify.getJsonObject("message").getJsonArray("notify_event")) {
                assertEquals(code, ((JsonObject) event).getString("reference_id"));
            }
            assertEquals(List.of("delivered", "delivered"), awaitOutcomes(code, 2));
            // Every notice completed: none is claimed again, so only a request already on the wire could still come.
            assertTrue(subscriber.nothingWithin(1_000), "each once");
            assertEquals(List.of(2L, 1L), notifyAudits(code), "the envelope's people checked and audited in one transaction");
        }
    }

    @Test
    void aHeldEnvelopeRefusedIsRetriedWholeAndLeavesOutAPersonNoLongerVisible() throws Exception {
        ZonedDateTime hourAhead = ZonedDateTime.now(MovableClock.ZONE).plusHours(2).truncatedTo(ChronoUnit.HOURS);
        String village = RegistryFixtures.freshVillage();
        try (CallbackReceiver subscriber = new CallbackReceiver()) {
            String code = subscribe(subscriber, village, "\"frequency\": \"0 0 " + hourAhead.getHour() + " * * ?\"")
                    .getJsonArray("subscriptions").getJsonObject(0).getString("code");
            Set<String> shown = new HashSet<>();
            for (int i = 0; i < 2; i++) {
                String nik = NikFixtures.woman();
                shown.add(nik);
                RegistryFixtures.person(nik, village, "REGISTRY_EXCHANGE");
            }
            String withdrawn = RegistryFixtures.person(NikFixtures.woman(), village, "REGISTRY_EXCHANGE");
            awaitQueued(code, 3);
            ConsentFixtures.withdraw(withdrawn, "REGISTRY_EXCHANGE");
            // The feed re-arms a withheld REGISTER notice on any consent event of its person: heard after the envelope
            // withheld it, the withdrawal would queue the notice again for the next time, and it would never complete.
            awaitConsentEventsHeard(withdrawn);

            subscriber.refuseNext(1);
            int attemptsBefore = subscriber.attempts();
            clock.travelTo(hourAhead);
            JsonObject notify = subscriber.next(30);
            assertEquals(shown, notifiedNiks(notify), "the two still visible, together again after the refusal");
            assertEquals(attemptsBefore + 2, subscriber.attempts(), "one refused envelope, then one taken");
            assertEquals(List.of("delivered", "delivered", "withheld"), awaitOutcomes(code, 3));
            assertTrue(subscriber.nothingWithin(1_000), "each once");
            assertEquals(List.of(4L, 2L), notifyAudits(code), "the two people audited at each attempt, one transaction an attempt");
        }
    }

    @Test
    void heldNoticesGoWhenTheWindowEndsIfThatComesBeforeTheTimeNamed() throws Exception {
        ZonedDateTime hourAhead = ZonedDateTime.now(MovableClock.ZONE).plusHours(2).truncatedTo(ChronoUnit.HOURS);
        OffsetDateTime end = OffsetDateTime.now(MovableClock.ZONE).plusMinutes(10).truncatedTo(ChronoUnit.SECONDS);
        String village = RegistryFixtures.freshVillage();
        try (CallbackReceiver subscriber = new CallbackReceiver()) {
            String code = subscribe(subscriber, village, "\"start_time\": \"" + OffsetDateTime.now(MovableClock.ZONE).minusMinutes(1) + "\", \"end_time\": \""
                    + end + "\", \"frequency\": \"0 0 " + hourAhead.getHour() + " * * ?\"").getJsonArray("subscriptions").getJsonObject(0).getString("code");
            String nik = NikFixtures.woman();
            RegistryFixtures.person(nik, village, "REGISTRY_EXCHANGE");
            assertEquals(List.of(end.toInstant()), awaitQueued(code, 1), "due when the window closes");
            assertTrue(subscriber.nothingWithin(2_000));

            clock.travelTo(end.toInstant());
            assertEquals(nik, notifiedNik(subscriber.next(10)));
        }
    }

    @Test
    void aFrequencyThatIsNoCronExpressionIsRefusedNamingTheField() throws Exception {
        try (CallbackReceiver subscriber = new CallbackReceiver()) {
            JsonObject answer = subscribe(subscriber, RegistryFixtures.freshVillage(), "\"frequency\": \"every tuesday\"");
            assertEquals("rjct", answer.getString("status"));
            assertEquals("rjct.notify_details.invalid", answer.getString("status_reason_code"));
            assertTrue(answer.getString("status_reason_message").startsWith("subscribe_criteria.frequency.frequency "), answer.getString("status_reason_message"));
            assertTrue(answer.getJsonArray("subscriptions") == null || answer.getJsonArray("subscriptions").isEmpty(), "no subscription made");
        }
    }

    /** Subscribes to people registered in the village with the frequency object's fields; the on-subscribe answer's one response. */
    private static JsonObject subscribe(CallbackReceiver receiver, String village, String frequency) throws InterruptedException {
        String message = """
                {"header": {"version": "1.0.0", "message_id": "%s", "message_ts": "%s", "action": "subscribe", "sender_id": "%s",
                            "sender_uri": "%s", "total_count": 1},
                 "message": {"transaction_id": "sub-%s", "subscribe_request": [
                   {"reference_id": "ref-%s", "timestamp": "%s",
                    "subscribe_criteria": {"reg_event_type": "REGISTER", "frequency": {%s}, "filter_type": "expression",
                                           "filter": {"type": "ns:org:QueryType:NoSql",
                                                      "value": {"expression": {"collection": "Member", "query": {"region": {"$eq": "%s"}}}}},
                                           "notify_record_type": "spdci:Member", "authorize": {"purpose": {"code": "REGISTRY_EXCHANGE"}}}}]}}"""
                .formatted(UUID.randomUUID(), OffsetDateTime.now(), SUBSCRIBER, receiver.url("/notify"), UUID.randomUUID(), UUID.randomUUID(),
                        OffsetDateTime.now(), frequency, village);
        given().auth().oauth2(TestTokens.scoped(SUBSCRIBER, Tokens.Scope.none(), "registry")).contentType(ContentType.JSON).body(message)
                .when().post("/registry/subscribe").then().statusCode(200).body("message.ack_status", equalTo("ACK"));
        JsonObject answer = receiver.next(10);
        assertEquals("on-subscribe", answer.getJsonObject("header").getString("action"));
        return answer.getJsonObject("message").getJsonArray("subscribe_response").getJsonObject(0);
    }

    private static String notifiedNik(JsonObject notify) {
        Set<String> niks = notifiedNiks(notify);
        assertEquals(1, niks.size(), "one person: " + niks);
        return niks.iterator().next();
    }

    /** The people of every notify_event of the envelope. */
    private static Set<String> notifiedNiks(JsonObject notify) {
        Set<String> niks = new HashSet<>();
        for (Object event : notify.getJsonObject("message").getJsonArray("notify_event")) {
            for (Object record : ((JsonObject) event).getJsonObject("data").getJsonArray("reg_records")) {
                niks.add(((JsonObject) record).getJsonObject("demographic_info").getJsonArray("identifier").getJsonObject(0).getString("identifier_value"));
            }
        }
        return niks;
    }

    /** The subscription's notify audit rows, and the transactions that wrote them. */
    private List<Long> notifyAudits(String code) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     SELECT count(*), count(DISTINCT a.xmin::text) FROM personal_data_access a
                     JOIN registry_notification n ON a.request_id = n.id::text
                     WHERE n.subscription_code = ?::uuid AND a.action = 'registry-notify'""")) {
            statement.setString(1, code);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return List.of(rows.getLong(1), rows.getLong(2));
            }
        }
    }

    /** Until the registry feed has consumed every consent event of the person recorded so far. */
    private void awaitConsentEventsHeard(String beneficiaryId) throws InterruptedException, SQLException {
        long deadline = System.currentTimeMillis() + 30_000;
        long recorded = 0;
        long unheard = -1;
        while (System.currentTimeMillis() < deadline) {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement statement = connection.prepareStatement("""
                         SELECT count(*), count(*) FILTER (WHERE NOT EXISTS (
                                    SELECT 1 FROM inbox_event i
                                    WHERE i.consumer = 'beneficiary-registry-subscriptions' AND i.event_id = o.id::text))
                         FROM outbox_event o
                         WHERE o.aggregate_id = ? AND o.event_type = 'atensi.beneficiary.consent-changed.v1'""")) {
                statement.setString(1, beneficiaryId);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    recorded = rows.getLong(1);
                    unheard = rows.getLong(2);
                }
            }
            if (recorded > 0 && unheard == 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(unheard + " of " + recorded + " consent events of " + beneficiaryId
                + " not heard by the registry feed within 30 s");
    }

    /** The outcomes of the subscription's notices, sorted, once {@code count} are completed. */
    private List<String> awaitOutcomes(String code, int count) throws InterruptedException, SQLException {
        long deadline = System.currentTimeMillis() + 30_000;
        List<String> outcomes = List.of();
        while (System.currentTimeMillis() < deadline) {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement statement = connection.prepareStatement(
                         "SELECT outcome FROM registry_notification WHERE subscription_code = ?::uuid AND completed_at IS NOT NULL ORDER BY outcome")) {
                statement.setString(1, code);
                List<String> found = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        found.add(rows.getString(1));
                    }
                }
                outcomes = found;
            }
            if (outcomes.size() >= count) {
                return outcomes;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(count + " notices were not completed within 30 s; found " + outcomes);
    }

    /** When the subscription's notices are due, once {@code count} are queued. */
    private List<Instant> awaitQueued(String code, int count) throws InterruptedException, SQLException {
        long deadline = System.currentTimeMillis() + 30_000;
        List<Instant> due = List.of();
        while (System.currentTimeMillis() < deadline) {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement statement = connection.prepareStatement(
                         "SELECT next_attempt_at FROM registry_notification WHERE subscription_code = ?::uuid ORDER BY next_attempt_at")) {
                statement.setString(1, code);
                List<Instant> found = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        found.add(rows.getObject(1, OffsetDateTime.class).toInstant());
                    }
                }
                due = found;
            }
            if (due.size() >= count) {
                return due;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(count + " notices were not queued within 30 s; found " + due);
    }
}
