package id.atensi.aid;

import id.atensi.aid.events.KnownBeneficiary;
import id.atensi.aid.events.KnownCollective;
import id.atensi.aid.events.KnownPartner;
import id.atensi.aid.events.KnownServiceUnit;
import id.atensi.testing.TestTokens;
import id.atensi.testing.TopicWriter;
import io.quarkus.narayana.jta.QuarkusTransaction;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * What the other services announce and the aid service must know before a distribution names it: beneficiaries,
 * households and community groups, partners and the officers' units, published on their topics and waited for.
 */
public final class ReadModelFixtures {

    public static final String BENEFICIARY_TOPIC = "atensi.beneficiary.events";

    private static final Deque<String> HOUSEHOLDS = new ArrayDeque<>();
    private static final Deque<String> GROUPS = new ArrayDeque<>();

    private ReadModelFixtures() {
    }

    /** Registers a beneficiary of UNIT_A through the beneficiary topic and waits until the aid service knows it. */
    public static String beneficiary(String status) {
        return beneficiary(status, TestTokens.UNIT_A, null, null);
    }

    public static String beneficiary(String status, String unitId, String provinceCode, String regencyCode) {
        officersUnitsKnown();
        String id = UUID.randomUUID().toString();
        publish("atensi.beneficiary.events", "atensi.beneficiary.registered.v1", id, """
                {"beneficiaryId":"%s","fullName":"Penerima","status":"%s","registeredAt":"2026-01-05T08:00:00+07:00",
                 "serviceUnitId":%s,"partnerIds":[],"provinceCode":%s,"regencyCode":%s}""".formatted(id, status, json(unitId),
                json(provinceCode), json(regencyCode)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(TestTokens.admin())
                .get("/api/v1/aid/recipients/beneficiaries/{id}", id).then().statusCode(200));
        return id;
    }

    /** Registers a beneficiary of UNIT_A under {@code fullName} and waits until the aid service knows them. */
    public static String namedBeneficiary(String fullName) {
        officersUnitsKnown();
        String id = UUID.randomUUID().toString();
        TopicWriter.shared().cloudEvent(BENEFICIARY_TOPIC, UUID.randomUUID().toString(), "atensi.beneficiary.registered.v1",
                "/atensi/beneficiary", id, """
                        {"beneficiaryId":"%s","fullName":"%s","status":"ACTIVE","registeredAt":"2026-01-05T08:00:00+07:00",
                         "serviceUnitId":"%s","partnerIds":[],"provinceCode":"32","regencyCode":"32.75"}"""
                        .formatted(id, fullName, TestTokens.UNIT_A));
        await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> KnownBeneficiary.findById(UUID.fromString(id)) != null));
        return id;
    }

    /** Announces that the person gave or withdrew consent to {@code purpose}, and waits until the aid service consumed it. */
    public static void consent(String beneficiary, String purpose, boolean given) {
        TopicWriter.shared().cloudEvent(BENEFICIARY_TOPIC, UUID.randomUUID().toString(), "atensi.beneficiary.consent-changed.v1",
                "/atensi/beneficiary", beneficiary, """
                        {"beneficiaryId":"%s","consentId":"%s","purpose":"%s","given":%s,"changedAt":"2026-02-01T09:00:00+07:00"}"""
                        .formatted(beneficiary, UUID.randomUUID(), purpose, given));
        awaitConsumedAfter(beneficiary);
    }

    /** Announces the erasure of a person's personal data, and waits until the aid service consumed it. */
    public static void erased(String beneficiary, String pseudonym, String reason) {
        TopicWriter.shared().cloudEvent(BENEFICIARY_TOPIC, UUID.randomUUID().toString(), "atensi.beneficiary.erased.v1",
                "/atensi/beneficiary", beneficiary, """
                        {"beneficiaryId":"%s","pseudonym":"%s","erasedAt":"2026-09-01T09:00:00+07:00","reason":"%s"}"""
                        .formatted(beneficiary, pseudonym, reason));
        awaitConsumedAfter(beneficiary);
    }

    /**
     * Sends an event type the consumer ignores under {@code key}, so to the same partition as the events before it, and
     * waits until the consumer recorded it: by then it has consumed everything sent before it under that key.
     */
    public static void awaitConsumedAfter(String key) {
        String marker = UUID.randomUUID().toString();
        TopicWriter.shared().cloudEvent(BENEFICIARY_TOPIC, marker, "atensi.beneficiary.assessment-recorded.v1", "/atensi/test", key, "{}");
        await().atMost(Duration.ofSeconds(60)).until(() -> QuarkusTransaction.requiringNew().call(() -> ((Number) KnownBeneficiary
                .getEntityManager().createNativeQuery("SELECT count(*) FROM inbox_event WHERE consumer = 'beneficiary-read-model' AND event_id = :id")
                .setParameter("id", marker).getSingleResult()).intValue()) == 1);
    }

    /** An active household of UNIT_A, known to the aid service. */
    public static String household() {
        return next(HOUSEHOLDS, "household");
    }

    /** An active community group of UNIT_A, known to the aid service. */
    public static String group() {
        return next(GROUPS, "group");
    }

    /**
     * Waiting for the consumer once per recipient makes the suites slow: registers them twenty at a time instead. A
     * restarted application may have a fresh database, so a pooled recipient it does not know empties the pool.
     */
    private static synchronized String next(Deque<String> pool, String kind) {
        if (!pool.isEmpty() && QuarkusTransaction.requiringNew().call(() -> KnownCollective.findById(UUID.fromString(pool.peek()))) == null) {
            pool.clear();
        }
        if (pool.isEmpty()) {
            pool.addAll(collectives(kind, 20, TestTokens.UNIT_A, null, null, true));
        }
        return pool.pop();
    }

    /** {@code count} households ({@code kind} "household") or community groups ("group") of one unit and region, known to the aid service. */
    public static List<String> collectives(String kind, int count, String unitId, String provinceCode, String regencyCode, boolean active) {
        return collectives(kind, unitId, provinceCode, Collections.nCopies(count, regencyCode), active);
    }

    /** One household or community group in each of {@code regencyCodes}. */
    public static List<String> collectives(String kind, String unitId, String provinceCode, List<String> regencyCodes, boolean active) {
        officersUnitsKnown();
        List<String> ids = new ArrayList<>();
        try (TopicWriter topic = TopicWriter.create()) {
            for (String regencyCode : regencyCodes) {
                String id = UUID.randomUUID().toString();
                String head = UUID.randomUUID().toString();
                publish(topic, "atensi.beneficiary.events", "atensi.beneficiary." + kind + ".registered.v1", id, """
                    {"%s":"%s","name":"Kelompok","headBeneficiaryId":"%s","coordinatorBeneficiaryId":"%s","coachingPartnerId":null,
                     "memberIds":["%s"],"serviceUnitId":%s,"provinceCode":%s,"regencyCode":%s,"active":%s,
                     "registeredAt":"2026-01-05T08:00:00+07:00"}""".formatted("household".equals(kind) ? "householdId" : "groupId", id,
                        head, head, head, json(unitId), json(provinceCode), json(regencyCode), active));
                ids.add(id);
            }
        }
        List<UUID> uuids = ids.stream().map(UUID::fromString).toList();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                QuarkusTransaction.requiringNew().call(() -> KnownCollective.count("id in ?1", uuids)) == uuids.size());
        return ids;
    }

    /**
     * The units of TestTokens' officers (UNIT_A and UNIT_B), announced as the partner service announces every unit: a
     * distribution belongs to a unit, which the aid service must know. A restarted application may have a fresh
     * database, so each call checks.
     */
    public static synchronized void officersUnitsKnown() {
        List<String> missing = Stream.of(TestTokens.UNIT_A, TestTokens.UNIT_B)
                .filter(unit -> QuarkusTransaction.requiringNew().call(() -> KnownServiceUnit.findById(UUID.fromString(unit))) == null)
                .toList();
        if (missing.isEmpty()) {
            return;
        }
        try (TopicWriter topic = TopicWriter.create()) {
            for (String unit : missing) {
                publish(topic, "atensi.partner.events", "atensi.partner.service-unit.registered.v1", unit, """
                        {"serviceUnitId":"%s","name":"Sentra %s","kind":"SENTRA","provinceCode":"32","residentialCapacity":100,
                         "clusters":["ELDERLY"],"status":"ACTIVE"}""".formatted(unit, unit));
            }
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                KnownServiceUnit.count("serviceUnitId in ?1", missing.stream().map(UUID::fromString).toList())) == missing.size());
    }

    /** An active partner organisation, known to the aid service from a partner event. */
    public static String partner() {
        String id = UUID.randomUUID().toString();
        publish("atensi.partner.events", "atensi.partner.registered.v1", id, """
                {"partnerId":"%s","type":"LKS","legalName":"Yayasan Mitra","shortName":"Mitra","status":"ACTIVE",
                 "provinceCode":"31","regencyCode":null,"clusters":["ELDERLY"],"parentId":null}""".formatted(id));
        awaitPartner(id, "ACTIVE");
        return id;
    }

    public static void awaitPartner(String id, String status) {
        await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew().call(() -> {
            KnownPartner known = KnownPartner.findById(UUID.fromString(id));
            return known != null && status.equals(known.status);
        }));
    }

    public static void publish(String topicName, String type, String key, String data) {
        try (TopicWriter topic = TopicWriter.create()) {
            publish(topic, topicName, type, key, data);
        }
    }

    public static void publish(TopicWriter topic, String topicName, String type, String key, String data) {
        topic.cloudEvent(topicName, UUID.randomUUID().toString(), type, "/atensi/" + topicName.split("\\.")[1], key, data);
    }

    private static String json(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }
}
