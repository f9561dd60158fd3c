package id.atensi.aid;

import id.atensi.aid.events.KnownCollective;
import id.atensi.aid.events.KnownPartner;
import id.atensi.aid.events.KnownServiceUnit;
import id.atensi.local.Tokens;
import id.atensi.testing.TestTokens;
import id.atensi.testing.TopicWriter;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Test fixtures of the aid service: programmes, items, beneficiaries and distributions through the API. */
final class Aid {

    /** A second officer of UNIT_A: the four-eyes rule needs an approver who is not the proposer. */
    static final String APPROVER = TestTokens.scoped("approver-officer", Tokens.Scope.unit(TestTokens.UNIT_A), "officer");
    private static final Deque<String> HOUSEHOLDS = new ArrayDeque<>();
    private static final Deque<String> GROUPS = new ArrayDeque<>();
    static final String PROOF_SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private Aid() {
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType("application/json");
    }

    static Map<String, Object> share(String kind, long amount) {
        return Map.of("kind", kind, "amountIdr", amount);
    }

    /** Today in Jakarta, as the service sees it when no test moved its clock. */
    static LocalDate today() {
        return LocalDate.now(MovableClock.ZONE);
    }

    /** A programme request running from a year ago to a year ahead: open whenever the tests run. */
    static Map<String, Object> programmeRequest(String name, List<Map<String, Object>> shares) {
        return Map.of("name", name, "kind", "SOCIAL_AID", "periodStart", today().minusYears(1).toString(),
                "periodEnd", today().plusYears(1).toString(), "fundingSources", shares);
    }

    /** Opens a programme funded by the state budget alone; answers its id and its funding source's id. */
    static String[] programme(long budget) {
        var response = as(TestTokens.admin()).body(programmeRequest("Programme " + UUID.randomUUID(), List.of(share("STATE_BUDGET", budget))))
                .post("/api/v1/aid/programmes").then().statusCode(201).extract();
        return new String[] {response.path("id"), response.path("fundingSources[0].id")};
    }

    static String item(String category, long amount) {
        return as(TestTokens.officer()).body(Map.of("code", "IT-" + UUID.randomUUID(), "name", "Item", "unit", "unit",
                        "category", category, "amountIdr", amount))
                .post("/api/v1/aid/items").then().statusCode(201).extract().path("id");
    }

    static Map<String, Object> proposal(String[] programme, String kind, String recipientId, String itemId, long quantity) {
        return Map.of("programmeId", programme[0], "fundingSourceId", programme[1], "recipientKind", kind,
                "recipientId", recipientId, "lines", List.of(Map.of("itemId", itemId, "quantity", quantity)));
    }

    static ValidatableResponse propose(String token, Map<String, Object> proposal) {
        return as(token).body(proposal).post("/api/v1/aid/distributions").then();
    }

    /** A distribution to a new household of UNIT_A, proposed by the officer of UNIT_A. */
    static String proposed(String[] programme, String itemId, long quantity) {
        return propose(TestTokens.officer(), proposal(programme, "HOUSEHOLD", household(), itemId, quantity))
                .statusCode(201).extract().path("id");
    }

    static ValidatableResponse act(String token, String distributionId, String action) {
        return as(token).post("/api/v1/aid/distributions/{id}/" + action, distributionId).then();
    }

    static ValidatableResponse act(String token, String distributionId, String action, Object body) {
        return as(token).body(body).post("/api/v1/aid/distributions/{id}/" + action, distributionId).then();
    }

    static Map<String, Object> proof() {
        return Map.of("receivedBy", "Ketua kelompok", "receivedAt", "2026-03-05T10:00:00+07:00", "place", "Bantargebang, Bekasi",
                "latitude", -6.35, "longitude", 106.99, "fileReference", "s3://atensi-proofs/photo-1.jpg", "fileSha256", PROOF_SHA);
    }

    static Map<String, Object> delivery() {
        return Map.of("proof", proof());
    }

    static ValidatableResponse programmeView(String programmeId) {
        return as(TestTokens.officer()).get("/api/v1/aid/programmes/{id}", programmeId).then().statusCode(200);
    }

    /** Registers a beneficiary of UNIT_A through the beneficiary topic and waits until the aid service knows it. */
    static String beneficiary(String status) {
        return beneficiary(status, TestTokens.UNIT_A, null, null);
    }

    static String beneficiary(String status, String unitId, String provinceCode, String regencyCode) {
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

    /** An active household of UNIT_A, known to the aid service. */
    static String household() {
        return next(HOUSEHOLDS, "household");
    }

    /** An active community group of UNIT_A, known to the aid service. */
    static String group() {
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
    static List<String> collectives(String kind, int count, String unitId, String provinceCode, String regencyCode, boolean active) {
        return collectives(kind, unitId, provinceCode, Collections.nCopies(count, regencyCode), active);
    }

    /** One household or community group in each of {@code regencyCodes}. */
    static List<String> collectives(String kind, String unitId, String provinceCode, List<String> regencyCodes, boolean active) {
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
    static synchronized void officersUnitsKnown() {
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
    static String partner() {
        String id = UUID.randomUUID().toString();
        publish("atensi.partner.events", "atensi.partner.registered.v1", id, """
                {"partnerId":"%s","type":"LKS","legalName":"Yayasan Mitra","shortName":"Mitra","status":"ACTIVE",
                 "provinceCode":"31","regencyCode":null,"clusters":["ELDERLY"],"parentId":null}""".formatted(id));
        awaitPartner(id, "ACTIVE");
        return id;
    }

    static void awaitPartner(String id, String status) {
        await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew().call(() -> {
            KnownPartner known = KnownPartner.findById(UUID.fromString(id));
            return known != null && status.equals(known.status);
        }));
    }

    static void publish(String topicName, String type, String key, String data) {
        try (TopicWriter topic = TopicWriter.create()) {
            publish(topic, topicName, type, key, data);
        }
    }

    static void publish(TopicWriter topic, String topicName, String type, String key, String data) {
        topic.cloudEvent(topicName, UUID.randomUUID().toString(), type, "/atensi/" + topicName.split("\\.")[1], key, data);
    }

    private static String json(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }
}
