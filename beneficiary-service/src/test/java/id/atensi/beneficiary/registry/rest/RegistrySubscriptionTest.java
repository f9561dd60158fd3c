package id.atensi.beneficiary.registry.rest;

import id.atensi.beneficiary.ConsentFixtures;
import id.atensi.beneficiary.NikFixtures;
import id.atensi.beneficiary.ServiceUnitFixtures;
import id.atensi.beneficiary.registry.CallbackReceiver;
import id.atensi.beneficiary.registry.RegistryFixtures;
import id.atensi.beneficiary.registry.events.RegistrySubscriptionFeed;
import id.atensi.beneficiary.registry.service.RegistrySubscriptions;
import id.atensi.beneficiary.registry.service.RegistrySubscriptions.Heard;
import id.atensi.commons.events.ConsumedEvent;
import id.atensi.local.Tokens;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestInfrastructure;
import id.atensi.testing.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static id.atensi.beneficiary.registry.RegistryFixtures.asRegistry;
import static id.atensi.beneficiary.registry.RegistryFixtures.person;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /registry/subscribe} and {@code /registry/unsubscribe}, with notices fed by the service's own topic and
 * posted to a real HTTP receiver on 127.0.0.1: who is notified (only people the subscriber may see and asked for),
 * once, retried when the receiver refuses, and no more after unsubscribing; requests refused with the standard's reasons.
 */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "beneficiary"))
class RegistrySubscriptionTest {

    private static final String OTHER_REGISTRY = "bpjs.example";

    /** The registry feed's consumer group and topic (EventConsumerRunner's naming). */
    private static final String FEED_GROUP = "atensi.beneficiary.beneficiary-registry-subscriptions";
    private static final String EVENTS_TOPIC = "atensi.beneficiary.events";

    /**
     * How long a receiver is watched for a request once {@link #awaitSettled} returned: only a request already sent could
     * still come, and it takes milliseconds on 127.0.0.1.
     */
    private static final long ON_THE_WIRE_MILLIS = 1_000;

    @Inject
    RegistrySubscriptions subscriptions;

    @Inject
    RegistrySubscriptionFeed feed;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    EntityManager entityManager;

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

    private static String inVillage(String village) {
        return """
                {"type": "ns:org:QueryType:NoSql", "value": {"expression": {"collection": "Member", "query": {"region": {"$eq": "%s"}}}}}"""
                .formatted(village);
    }

    private static String subscribeRequest(String referenceId, String eventType, String filterType, String filter, String purpose) {
        return """
                {"reference_id": "%s", "timestamp": "%s",
                 "subscribe_criteria": {"version": "1.0.0", "reg_type": "ns:org:RegistryType:Social", "reg_event_type": "%s",
                                        "filter_type": "%s", "filter": %s, "notify_record_type": "spdci:Member",
                                        "authorize": {"@type": "Authorize", "purpose": {"code": "%s"}}}}"""
                .formatted(referenceId, OffsetDateTime.now(), eventType, filterType, filter, purpose);
    }

    private String subscribeMessage(String sender, String... requests) {
        return """
                {"header": {"version": "1.0.0", "message_id": "%s", "message_ts": "%s", "action": "subscribe", "sender_id": "%s",
                            "sender_uri": "%s", "total_count": %d},
                 "message": {"transaction_id": "sub-%s", "subscribe_request": [%s]}}"""
                .formatted(UUID.randomUUID(), OffsetDateTime.now(), sender, receiver.url("/dtsen/notify"), requests.length, UUID.randomUUID(),
                        String.join(",", requests));
    }

    private String unsubscribeMessage(String sender, String codesField, String... codes) {
        return """
                {"header": {"version": "1.0.0", "message_id": "%s", "message_ts": "%s", "action": "unsubscribe", "sender_id": "%s",
                            "sender_uri": "%s", "total_count": %d},
                 "message": {"transaction_id": "unsub-%s", "timestamp": "%s", "%s": [%s]}}"""
                .formatted(UUID.randomUUID(), OffsetDateTime.now(), sender, receiver.url("/dtsen/notify"), codes.length, UUID.randomUUID(),
                        OffsetDateTime.now(), codesField, String.join(",", java.util.Arrays.stream(codes).map(code -> "\"" + code + "\"").toList()));
    }

    /** Subscribes and returns the on-subscribe callback's responses. */
    private JsonArray subscribe(String... requests) throws InterruptedException {
        asRegistry().body(subscribeMessage(RegistryFixtures.SENDER, requests)).when().post("/registry/subscribe")
                .then().log().ifValidationFails().statusCode(200).body("message.ack_status", equalTo("ACK"));
        JsonObject callback = receiver.next(10);
        assertEquals("on-subscribe", callback.getJsonObject("header").getString("action"));
        return callback.getJsonObject("message").getJsonArray("subscribe_response");
    }

    private static String codeOf(JsonArray responses, int index) {
        return responses.getJsonObject(index).getJsonArray("subscriptions").getJsonObject(0).getString("code");
    }

    private static String notifiedNik(JsonObject notify) {
        return notify.getJsonObject("message").getJsonArray("notify_event").getJsonObject(0).getJsonObject("data").getJsonArray("reg_records")
                .getJsonObject(0).getJsonObject("demographic_info").getJsonArray("identifier").getJsonObject(0).getString("identifier_value");
    }

    @Test
    void aNewPersonIsNotifiedOnceTheirConsentAllowsItAndOnlyIfTheFilterMatches() throws Exception {
        String village = RegistryFixtures.freshVillage();
        JsonArray responses = subscribe(subscribeRequest("new-" + UUID.randomUUID(), "REGISTER", "expression", inVillage(village), "REGISTRY_EXCHANGE"));
        assertEquals("succ", responses.getJsonObject(0).getString("status"));
        String code = codeOf(responses, 0);
        receiver.refuseNext(1);

        String nik = NikFixtures.woman();
        String id = person(nik, village, "REGISTRY_EXCHANGE");
        String elsewhere = person(NikFixtures.woman(), RegistryFixtures.freshVillage(), "REGISTRY_EXCHANGE");

        JsonObject notify = receiver.next(60);
        assertEquals("notify", notify.getJsonObject("header").getString("action"));
        assertEquals("/dtsen/notify", notify.getString("path"));
        assertEquals(code, notify.getJsonObject("message").getJsonArray("notify_event").getJsonObject(0).getString("reference_id"));
        assertEquals(nik, notifiedNik(notify));
        assertTrue(receiver.attempts() >= 2, "the refused first delivery was retried");
        awaitSettled(code, id, elsewhere);
        assertTrue(receiver.nothingWithin(ON_THE_WIRE_MILLIS), "one notice per person and none for the person in another village");

        given().auth().oauth2(TestTokens.auditor()).queryParam("beneficiaryId", id).when().get("/api/v1/beneficiaries/audit").then().statusCode(200)
                .body("items.find { it.action == 'registry-notify' }.accessedBy", equalTo(RegistryFixtures.SENDER));
    }

    @Test
    void aPersonWhoseConsentDoesNotCoverTheExchangeIsNeverNotified() throws Exception {
        String village = RegistryFixtures.freshVillage();
        String code = codeOf(subscribe(subscribeRequest("quiet-" + UUID.randomUUID(), "REGISTER", "expression", inVillage(village),
                "REGISTRY_EXCHANGE")), 0);

        String id = person(NikFixtures.woman(), village, "STATISTICS_AND_RESEARCH");

        awaitSettled(code, id);
        assertEquals("withheld", registerOutcome(code, id));
        assertTrue(receiver.nothingWithin(ON_THE_WIRE_MILLIS), "no notice for a person without REGISTRY_EXCHANGE consent");
    }

    @Test
    void changesAreNotifiedUntilTheSubscriptionEnds() throws Exception {
        String village = RegistryFixtures.freshVillage();
        String nik = NikFixtures.woman();
        String id = person(nik, village, "REGISTRY_EXCHANGE");
        String code = codeOf(subscribe(subscribeRequest("changes-" + UUID.randomUUID(), "UPDATE", "predicate", """
                [{"seq_num": 1, "expression1": {"attribute_name": "region", "operator": "eq", "attribute_value": "%s"}}]""".formatted(village),
                "REGISTRY_EXCHANGE")), 0);

        ConsentFixtures.give(id, "FOLLOW_UP_CONTACT");
        JsonObject notify = receiver.next(60);
        assertEquals("notify", notify.getJsonObject("header").getString("action"));
        assertEquals(nik, notifiedNik(notify));
        awaitSettled(code, id);
        assertTrue(receiver.nothingWithin(ON_THE_WIRE_MILLIS), "one notice: the consent given at registration came before the subscription");

        asRegistry().body(unsubscribeMessage(RegistryFixtures.SENDER, "subscription_codes", code)).when().post("/registry/unsubscribe")
                .then().statusCode(200).body("message.ack_status", equalTo("ACK"));
        JsonObject unsubscribed = receiver.next(10);
        assertEquals("on-unsubscribe", unsubscribed.getJsonObject("header").getString("action"));
        assertEquals("succ", unsubscribed.getJsonObject("message").getString("status"));
        assertEquals("unsubscribe", unsubscribed.getJsonObject("message").getJsonArray("subscription_status").getJsonObject(0).getString("status"));

        ConsentFixtures.give(id, "STATISTICS_AND_RESEARCH");
        awaitSettled(code, id);
        assertTrue(receiver.nothingWithin(ON_THE_WIRE_MILLIS), "no notice after unsubscribing");

        asRegistry().body(unsubscribeMessage(RegistryFixtures.SENDER, "sunscription_codes", code)).when().post("/registry/unsubscribe")
                .then().statusCode(200);
        assertEquals("rjct.event.already_unsubscribed", receiver.next(10).getJsonObject("message").getString("status_reason_code"));
    }

    /**
     * The feed hears a change late when its poll is behind or it catches up after downtime; here it is handed the
     * change recorded before the subscription, as the consumer would, once the subscription exists. The change after
     * the subscription goes the whole way, through the topic.
     */
    @Test
    void aChangeRecordedBeforeTheSubscriptionIsNotNotifiedEvenWhenTheFeedHearsItAfter() throws Exception {
        String village = RegistryFixtures.freshVillage();
        String nik = NikFixtures.woman();
        String id = person(nik, village, "REGISTRY_EXCHANGE");
        ConsentFixtures.give(id, "FOLLOW_UP_CONTACT");
        ConsumedEvent before = lastEvent(id);
        assertEquals("atensi.beneficiary.consent-changed.v1", before.type());

        String code = codeOf(subscribe(subscribeRequest("late-" + UUID.randomUUID(), "UPDATE", "expression", inVillage(village),
                "REGISTRY_EXCHANGE")), 0);
        QuarkusTransaction.requiringNew().run(() -> {
            feed.handle(before);
            feed.batchHandled();
        });
        assertEquals(List.of(), queuedEvents(code), "nothing queued for the change recorded before subscribing");

        ConsentFixtures.give(id, "STATISTICS_AND_RESEARCH");
        String after = lastEvent(id).id();
        JsonObject notify = receiver.next(60);
        assertEquals(nik, notifiedNik(notify));
        assertEquals(code, notify.getJsonObject("message").getJsonArray("notify_event").getJsonObject(0).getString("reference_id"));
        assertEquals(List.of(after), queuedEvents(code), "the change after subscribing, and only it");
        awaitSettled(code, id);
        assertTrue(receiver.nothingWithin(ON_THE_WIRE_MILLIS), "one notice");
    }

    /**
     * A REGISTER notice withheld (the person had not consented yet) is armed again by a consent given, which can make
     * the person visible, and never by one withdrawn, which cannot: re-armed, it would only be withheld again at the
     * subscription's next time. The consent events are handed to the feed as its consumer would.
     */
    @Test
    void aWithheldRegisterNoticeIsArmedAgainByAConsentGivenNotByAWithdrawal() throws Exception {
        String village = RegistryFixtures.freshVillage();
        String code = codeOf(subscribe(subscribeRequest("rearm-" + UUID.randomUUID(), "REGISTER", "expression", inVillage(village),
                "REGISTRY_EXCHANGE")), 0);
        String id = person(NikFixtures.woman(), village);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!"withheld".equals(registerOutcome(code, id))) {
            assertTrue(System.nanoTime() < deadline, "the notice of a person without consent was never withheld: " + registerOutcome(code, id));
            Thread.sleep(200);
        }

        QuarkusTransaction.requiringNew().run(() -> {
            feed.handle(consentEvent(id, false));
            feed.batchHandled();
        });
        assertEquals("withheld", registerOutcome(code, id), "a withdrawal leaves the withheld notice as it is");

        QuarkusTransaction.requiringNew().run(() -> {
            feed.handle(consentEvent(id, true));
            feed.batchHandled();
        });
        assertEquals("armed", registerOutcome(code, id), "a consent given arms it again");
    }

    private static ConsumedEvent consentEvent(String beneficiaryId, boolean given) {
        String payload = """
                {"beneficiaryId": "%s", "consentId": "%s", "purpose": "REGISTRY_EXCHANGE", "given": %s, "changedAt": "%s"}"""
                .formatted(beneficiaryId, UUID.randomUUID(), given, OffsetDateTime.now());
        return new ConsumedEvent(UUID.randomUUID().toString(), "atensi.beneficiary.consent-changed.v1", "/beneficiary-service", beneficiaryId,
                OffsetDateTime.now(), payload.getBytes(StandardCharsets.UTF_8), "atensi.beneficiary.events", null);
    }

    /** The subscription's REGISTER notice of the person: its outcome, "armed" while it waits to be sent, or "none". */
    private String registerOutcome(String code, String beneficiaryId) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(
                "SELECT coalesce(outcome, 'armed') FROM registry_notification WHERE subscription_code = ? AND event_id = ?")) {
            statement.setObject(1, UUID.fromString(code));
            statement.setString(2, "register:" + beneficiaryId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : "none";
            }
        }
    }

    /** The person's latest event, as the feed consumes it: the outbox row the relay publishes. */
    private ConsumedEvent lastEvent(String beneficiaryId) throws SQLException {
        return lastEvent(beneficiaryId, "%");
    }

    private ConsumedEvent lastEvent(String beneficiaryId, String typePattern) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     SELECT id, event_type, payload::text, occurred_at FROM outbox_event WHERE aggregate_id = ? AND event_type LIKE ?
                     ORDER BY seq DESC LIMIT 1""")) {
            statement.setString(1, beneficiaryId);
            statement.setString(2, typePattern);
            try (ResultSet rows = statement.executeQuery()) {
                assertTrue(rows.next(), "an event of " + beneficiaryId);
                return new ConsumedEvent(rows.getString(1), rows.getString(2), "/beneficiary-service", beneficiaryId,
                        rows.getObject(4, OffsetDateTime.class), rows.getString(3).getBytes(StandardCharsets.UTF_8), "atensi.beneficiary.events", null);
            }
        }
    }

    /**
     * Returns once the people's events are on the topic, the registry feed has committed its offsets past them, and every
     * notice of the subscription is completed. The feed commits a poll's offsets only after the transaction that queued
     * the poll's notices; a notice is sent only by a sweep that claims it while it is pending, and a completed one is
     * pending again only if a later event arms it. From here on nothing of the subscription can reach the receiver but
     * a request already sent. Replaces waiting seconds for nothing, which decided only as long as the wait happened to be.
     */
    private void awaitSettled(String code, String... beneficiaryIds) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (pending("SELECT count(*) FROM outbox_event WHERE published_at IS NULL AND aggregate_id = ANY (?)", beneficiaryIds) > 0) {
            assertTrue(System.currentTimeMillis() < deadline, "the people's events were not published within 60 s");
            Thread.sleep(100);
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(EVENTS_TOPIC)).allTopicNames().get().get(EVENTS_TOPIC).partitions()
                    .forEach(partition -> latest.put(new TopicPartition(EVENTS_TOPIC, partition.partition()), OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(FEED_GROUP).partitionsToOffsetAndMetadata().get();
                if (ends.entrySet().stream().allMatch(end -> end.getValue().offset() == 0
                        || committed.get(end.getKey()) != null && committed.get(end.getKey()).offset() >= end.getValue().offset())) {
                    break;
                }
                assertTrue(System.currentTimeMillis() < deadline, "the registry feed did not catch up within 60 s: " + committed + " of " + ends);
                Thread.sleep(100);
            }
        }
        while (pending("SELECT count(*) FROM registry_notification WHERE completed_at IS NULL AND CAST(subscription_code AS text) = ANY (?)",
                code) > 0) {
            assertTrue(System.currentTimeMillis() < deadline, "notices of " + code + " still pending after 60 s");
            Thread.sleep(100);
        }
    }

    private long pending(String query, String... values) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setArray(1, connection.createArrayOf("text", values));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** The events notices were queued for, for the subscription. */
    private List<String> queuedEvents(String code) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT event_id FROM registry_notification WHERE subscription_code = ? ORDER BY queued_at")) {
            statement.setObject(1, UUID.fromString(code));
            List<String> events = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    events.add(rows.getString(1));
                }
            }
            return events;
        }
    }

    @Test
    void requestsTheRegistryCannotTakeAreRefusedEachWithTheStandardsReason() throws Exception {
        String village = RegistryFixtures.freshVillage();
        String kept = "kept-" + UUID.randomUUID();
        String code = codeOf(subscribe(subscribeRequest(kept, "UPDATE", "expression", inVillage(village), "REGISTRY_EXCHANGE")), 0);

        JsonArray responses = subscribe(
                subscribeRequest("birth-" + UUID.randomUUID(), "BIRTH", "expression", inVillage(village), "REGISTRY_EXCHANGE"),
                subscribeRequest("nik-" + UUID.randomUUID(), "UPDATE", "idtype-value", "{\"type\": \"UIN\", \"value\": \"" + NikFixtures.woman() + "\"}",
                        "REGISTRY_EXCHANGE"),
                subscribeRequest("unknown-" + UUID.randomUUID(), "UPDATE", "expression",
                        "{\"value\": {\"expression\": {\"collection\": \"Member\", \"query\": {\"income\": 5}}}}", "REGISTRY_EXCHANGE"),
                subscribeRequest(kept, "REGISTER", "expression", inVillage(village), "REGISTRY_EXCHANGE"),
                subscribeRequest("again-" + UUID.randomUUID(), "UPDATE", "expression", inVillage(village), "REGISTRY_EXCHANGE"));

        assertEquals("rjct.notify_types.invalid", responses.getJsonObject(0).getString("status_reason_code"));
        assertEquals("rjct.notify_details.invalid", responses.getJsonObject(1).getString("status_reason_code"));
        assertEquals("rjct.notify_details.invalid", responses.getJsonObject(2).getString("status_reason_code"));
        assertEquals("rjct.reference_id.duplicate", responses.getJsonObject(3).getString("status_reason_code"));
        assertEquals("rjct.event.already_subscribed", responses.getJsonObject(4).getString("status_reason_code"));
        assertEquals(code, codeOf(responses, 4), "the refusal names the subscription that already asks for it");
        for (int i = 0; i < responses.size(); i++) {
            assertEquals("rjct", responses.getJsonObject(i).getString("status"), "request " + i);
        }
    }

    @Test
    void malformedMessagesAreAnsweredWithErrAndNeverAServerError() {
        String village = RegistryFixtures.freshVillage();
        asRegistry().body(subscribeMessage(RegistryFixtures.SENDER,
                        subscribeRequest("p-" + UUID.randomUUID(), "REGISTER", "expression", inVillage(village), "SERVICE_DELIVERY")))
                .when().post("/registry/subscribe").then().statusCode(400)
                .body("message.ack_status", equalTo("ERR")).body("message.error.code", equalTo("err.request.forbidden"));
        asRegistry().body(subscribeMessage(RegistryFixtures.SENDER).replace("\"subscribe_request\": []", "\"subscribe_request\": {}"))
                .when().post("/registry/subscribe").then().statusCode(400).body("message.error.code", equalTo("err.request.bad"));
        asRegistry().body(subscribeMessage(RegistryFixtures.SENDER,
                        subscribeRequest("a-" + UUID.randomUUID(), "REGISTER", "expression", inVillage(village), "REGISTRY_EXCHANGE"))
                        .replace("\"action\": \"subscribe\"", "\"action\": \"search\""))
                .when().post("/registry/subscribe").then().statusCode(400).body("message.error.code", equalTo("err.request.bad"));
        asRegistry().body(unsubscribeMessage(RegistryFixtures.SENDER, "subscription_codes"))
                .when().post("/registry/unsubscribe").then().statusCode(400).body("message.error.code", equalTo("err.request.bad"));
        asRegistry().body("{\"header\": 1}").when().post("/registry/unsubscribe").then().statusCode(400)
                .body("message.ack_status", equalTo("ERR"));
    }

    @Test
    void anotherOrganisationCannotEndASubscriptionItDoesNotHold() throws Exception {
        String code = codeOf(subscribe(subscribeRequest("mine-" + UUID.randomUUID(), "UPDATE", "expression",
                inVillage(RegistryFixtures.freshVillage()), "REGISTRY_EXCHANGE")), 0);

        given().auth().oauth2(TestTokens.scoped(OTHER_REGISTRY, Tokens.Scope.none(), "registry")).contentType(ContentType.JSON)
                .body(unsubscribeMessage(OTHER_REGISTRY, "subscription_codes", code)).when().post("/registry/unsubscribe")
                .then().statusCode(200).body("message.ack_status", equalTo("ACK"));
        JsonObject answer = receiver.next(10).getJsonObject("message");
        assertEquals("rjct", answer.getString("status"));
        assertEquals("rjct.subscription_code.invalid", answer.getString("status_reason_code"));

        asRegistry().body(unsubscribeMessage(RegistryFixtures.SENDER, "subscription_codes", code)).when().post("/registry/unsubscribe")
                .then().statusCode(200);
        assertEquals("succ", receiver.next(10).getJsonObject("message").getString("status"), "the holder's subscription was still active");
    }

    /**
     * The feed takes only what a subscription not ended could hear, so that the runner writes no inbox row for the rest
     * (ConsumerBatchTest shows the runner's side): with every subscription ended, nothing; with only UPDATE ones, the
     * changes and consents and not the registrations; never an event of a kind no subscription hears. The subscriptions
     * are ended in a transaction that the question shares and that is rolled back, since other tests' stay.
     */
    @Test
    void theFeedWantsOnlyTheEventsOfAKindThatASubscriptionNotEndedHears() throws Exception {
        String village = RegistryFixtures.freshVillage();
        String code = codeOf(subscribe(subscribeRequest("wants-" + UUID.randomUUID(), "UPDATE", "expression", inVillage(village),
                "REGISTRY_EXCHANGE")), 0);
        String nik = NikFixtures.woman();
        String id = person(nik, village, "REGISTRY_EXCHANGE");
        ConsentFixtures.give(id, "FOLLOW_UP_CONTACT");
        ConsumedEvent registered = lastEvent(id, "atensi.beneficiary.registered.v%");
        ConsumedEvent consent = lastEvent(id, "atensi.beneficiary.consent-changed.v%");
        ConsumedEvent erased = new ConsumedEvent(UUID.randomUUID().toString(), "atensi.beneficiary.erased.v1", "/beneficiary-service", id,
                OffsetDateTime.now(), "{}".getBytes(StandardCharsets.UTF_8), "atensi.beneficiary.events", null);

        assertEquals(List.of(false, false, false), wantedWhile(
                "UPDATE registry_subscription SET unsubscribed_at = now() WHERE unsubscribed_at IS NULL", registered, consent, erased));
        assertEquals(List.of(false, true, false), wantedWhile(
                "UPDATE registry_subscription SET unsubscribed_at = now() WHERE unsubscribed_at IS NULL AND reg_event_type = 'REGISTER'",
                registered, consent, erased));

        JsonObject notify = receiver.next(60);
        assertEquals(code, notify.getJsonObject("message").getJsonArray("notify_event").getJsonObject(0).getString("reference_id"),
                "the subscription that exists is still told");
        assertEquals(nik, notifiedNik(notify));
    }

    /**
     * The same question asked of a record's type before it is read, outside any transaction: a kind no subscription can
     * hear needs no look at the database; the others are answered from what has committed, so a subscription is heard
     * from the moment its creation committed (the feed's guarantee). Every subscription other tests left is ended for the
     * few statements of the question, committed, since the question reads only what committed, and restored after.
     */
    @Test
    void theFeedDeclinesByTypeUnreadWhatNoSubscriptionNotEndedHearsAndHearsASubscriptionOnceItCommitted() throws Exception {
        String registered = "atensi.beneficiary.registered.v1";
        String updated = "atensi.beneficiary.updated.v1";
        String consent = "atensi.beneficiary.consent-changed.v1";
        assertEquals(List.of(false, false), List.of(feed.wantsType("atensi.beneficiary.erased.v1"),
                feed.wantsType("atensi.beneficiary.household-registered.v1")));
        List<UUID> ended = endEverySubscription();
        String code = null;
        try {
            assertEquals(List.of(false, false, false), List.of(feed.wantsType(registered), feed.wantsType(updated), feed.wantsType(consent)));

            code = codeOf(subscribe(subscribeRequest("types-" + UUID.randomUUID(), "UPDATE", "expression",
                    inVillage(RegistryFixtures.freshVillage()), "REGISTRY_EXCHANGE")), 0);

            assertEquals(List.of(false, true, true), List.of(feed.wantsType(registered), feed.wantsType(updated), feed.wantsType(consent)));
        } finally {
            restore(ended, code);
        }
    }

    private List<UUID> endEverySubscription() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement end = connection.prepareStatement(
                     "UPDATE registry_subscription SET unsubscribed_at = now() WHERE unsubscribed_at IS NULL RETURNING code");
             ResultSet codes = end.executeQuery()) {
            List<UUID> ended = new ArrayList<>();
            while (codes.next()) {
                ended.add(codes.getObject(1, UUID.class));
            }
            return ended;
        }
    }

    /** The subscriptions other tests left active again, and this test's ended. */
    private void restore(List<UUID> ended, String testSubscription) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement restore = connection.prepareStatement(
                     "UPDATE registry_subscription SET unsubscribed_at = CASE WHEN code = ANY (?) THEN NULL ELSE now() END"
                             + " WHERE code = ANY (?) OR CAST(code AS text) = ?")) {
            Array codes = connection.createArrayOf("uuid", ended.toArray());
            restore.setArray(1, codes);
            restore.setArray(2, codes);
            restore.setString(3, testSubscription);
            restore.executeUpdate();
        }
    }

    private List<Boolean> wantedWhile(String change, ConsumedEvent... events) throws Exception {
        QuarkusTransaction.begin();
        try {
            entityManager.createNativeQuery(change).executeUpdate();
            return java.util.Arrays.stream(events).map(feed::wants).toList();
        } finally {
            QuarkusTransaction.rollback();
        }
    }

    /**
     * A poll can hold a person's registration and consent events together: both are the one REGISTER notice of a
     * subscription, and the poll's single statement queues it once (a statement proposing the same row twice fails).
     */
    @Test
    void twoEventsOfOnePersonInOnePollQueueOneRegisterNotice() throws Exception {
        String village = RegistryFixtures.freshVillage();
        String code = codeOf(subscribe(subscribeRequest("poll-" + UUID.randomUUID(), "REGISTER", "expression", inVillage(village),
                "REGISTRY_EXCHANGE")), 0);
        UUID id = UUID.fromString(person(NikFixtures.woman(), village));
        QuarkusTransaction.requiringNew().run(() -> subscriptions.queue(List.of(
                new Heard("REGISTER", id, "registered-" + UUID.randomUUID(), OffsetDateTime.now()),
                new Heard("REGISTER", id, "consent-" + UUID.randomUUID(), OffsetDateTime.now()))));
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT count(*) FROM registry_notification WHERE subscription_code = ? AND event_id = ?")) {
            statement.setObject(1, UUID.fromString(code));
            statement.setString(2, "register:" + id);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                assertEquals(1, rows.getInt(1));
            }
        }
    }
}
