package id.atensi.training;

import id.atensi.testing.TestTokens;
import id.atensi.testing.TopicReader;
import id.atensi.testing.TopicWriter;
import id.atensi.training.events.KnownBeneficiary;
import id.atensi.training.events.KnownPartner;
import id.atensi.training.events.KnownServiceUnit;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Steps the training tests share: programmes, classes in a given state, participants, beneficiaries fed in as events. */
final class TrainingApi {

    static final String TOPIC = "atensi.training.events";
    static final String PARTNER_TOPIC = "atensi.partner.events";
    /** The unit of {@link TestTokens#officer()}: the host of the classes these steps schedule. */
    static final UUID HOST_UNIT = UUID.fromString(TestTokens.UNIT_A);
    static final UUID OTHER_UNIT = UUID.fromString(TestTokens.UNIT_B);
    static final UUID PROVIDER = UUID.fromString("0b6f5a7e-0000-4000-8000-0000000000aa");

    private static boolean referenceDataKnown;

    private TrainingApi() {
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    static RequestSpecification officer() {
        return as(TestTokens.officer());
    }

    static String programme(String title, String... skillAreas) {
        return officer().body("""
                        {"title":"%s","skillAreas":[%s]}""".formatted(title, quoted(skillAreas)))
                .when().post("/api/v1/training/programmes")
                .then().statusCode(201).extract().path("id");
    }

    /** A class body: on site in January 2024 with {@code sessions} daily sessions, admitting the given audiences. */
    static String classBody(String programmeId, String title, int capacity, int sessions, UUID provider, String... audiences) {
        return classBody(programmeId, title, capacity, sessions, HOST_UNIT, provider, audiences);
    }

    static String classBody(String programmeId, String title, int capacity, int sessions, UUID hostUnit, UUID provider, String... audiences) {
        knowReferenceData();
        StringBuilder sessionJson = new StringBuilder();
        for (int day = 0; day < sessions; day++) {
            sessionJson.append(day == 0 ? "" : ",").append("""
                    {"date":"2024-01-%02d","startTime":"09:00","endTime":"12:00","topic":"Day %d"}""".formatted(10 + day, day + 1));
        }
        return """
                {"programmeId":"%s","title":"%s","skillAreas":["SEWING"],"hostUnitId":"%s","providerPartnerIds":["%s"],
                 "modality":"ON_SITE","place":"Sentra Mulya Jaya, Jakarta","startDate":"2024-01-10","endDate":"2024-01-31",
                 "capacity":%d,"audiences":[%s],"sessions":[%s]}""".formatted(programmeId, title, hostUnit, provider, capacity,
                quoted(audiences), sessionJson);
    }

    /** The body of a class update: a class body without the programme and the sessions, which an update does not change. */
    static String updateBody(String programmeId, String title, int capacity, UUID hostUnit, UUID provider) {
        return classBody(programmeId, title, capacity, 0, hostUnit, provider, "PARTNER_STAFF")
                .replace("\"programmeId\":\"" + programmeId + "\",", "")
                .replace(",\"sessions\":[]", "");
    }

    static String scheduledClass(int capacity, int sessions, String... audiences) {
        String programme = programme("Programme " + UUID.randomUUID(), "SEWING");
        return officer().body(classBody(programme, "Class " + UUID.randomUUID(), capacity, sessions, PROVIDER, audiences))
                .when().post("/api/v1/training/classes")
                .then().statusCode(201).extract().path("id");
    }

    static String openClass(int capacity, int sessions, String... audiences) {
        String classId = scheduledClass(capacity, sessions, audiences);
        transition(classId, "open");
        return classId;
    }

    static String runningClass(int capacity, int sessions, String... audiences) {
        String classId = openClass(capacity, sessions, audiences);
        transition(classId, "start");
        return classId;
    }

    static void transition(String classId, String action) {
        officer().when().post("/api/v1/training/classes/{id}/" + action, classId).then().statusCode(200);
    }

    static String namedBody(String fullName, String organisation, String audience) {
        return """
                {"fullName":"%s","organisation":"%s","audience":"%s"}""".formatted(fullName, organisation, audience);
    }

    /** Enrols a named partner-staff participant; returns the enrolment id. */
    static String enrolStaff(String classId, String fullName) {
        return officer().body(namedBody(fullName, "Yayasan Kumala", "PARTNER_STAFF"))
                .when().post("/api/v1/training/classes/{id}/enrolments", classId)
                .then().statusCode(201).extract().path("id");
    }

    static List<String> sessionIds(String classId) {
        return sessionIds(TestTokens.officer(), classId);
    }

    static List<String> sessionIds(String token, String classId) {
        return as(token).when().get("/api/v1/training/classes/{id}/sessions", classId)
                .then().statusCode(200).extract().jsonPath().getList("id");
    }

    /** The JSON data of a consumed record, for checks that do not depend on how it was spaced. */
    static JsonPath data(ConsumerRecord<String, byte[]> record) {
        return JsonPath.from(TopicReader.value(record));
    }

    static void mark(String classId, String sessionId, String enrolmentId, String status) {
        officer().body("""
                        {"status":"%s","mode":"ON_SITE"}""".formatted(status))
                .when().put("/api/v1/training/classes/{c}/sessions/{s}/attendance/{e}", classId, sessionId, enrolmentId)
                .then().statusCode(200);
    }

    /** Announces both test units and {@link #PROVIDER} once per run, as the partner service would: classes may name only known ones. */
    static synchronized void knowReferenceData() {
        if (!referenceDataKnown) {
            knownUnits(HOST_UNIT, OTHER_UNIT);
            knownPartners(PROVIDER);
            referenceDataKnown = true;
        }
    }

    /** Announces service units as the partner service would, and waits until the training service knows them all. */
    static void knownUnits(UUID... units) {
        try (TopicWriter writer = TopicWriter.create()) {
            for (UUID unit : units) {
                writer.cloudEvent(PARTNER_TOPIC, UUID.randomUUID().toString(), "atensi.partner.service-unit.registered.v1",
                        "/atensi/partner", unit.toString(), """
                                {"serviceUnitId":"%s","name":"Sentra %s","kind":"SENTRA","provinceCode":"31","regencyCode":"31.75",
                                 "residentialCapacity":120,"clusters":["DISABILITY"]}""".formatted(unit, unit));
            }
        }
        List<UUID> ids = List.of(units);
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> KnownServiceUnit.count("serviceUnitId in ?1", ids)) == ids.size());
    }

    /** Announces that the partner service closed (INACTIVE) or reopened (ACTIVE) a unit, and waits until the training service knows. */
    static void unitStatus(UUID unit, String status) {
        try (TopicWriter writer = TopicWriter.create()) {
            writer.cloudEvent(PARTNER_TOPIC, UUID.randomUUID().toString(), "atensi.partner.service-unit.updated.v1", "/atensi/partner",
                    unit.toString(), """
                            {"serviceUnitId":"%s","name":"Sentra %s","kind":"SENTRA","provinceCode":"31","regencyCode":"31.75",
                             "residentialCapacity":120,"clusters":["DISABILITY"],"status":"%s"}""".formatted(unit, unit, status));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() -> {
            KnownServiceUnit known = KnownServiceUnit.findById(unit);
            return known != null && status.equals(known.status);
        }));
    }

    /** Announces active partners as the partner service would, and waits until the training service knows them all. */
    static void knownPartners(UUID... partners) {
        try (TopicWriter writer = TopicWriter.create()) {
            for (UUID partner : partners) {
                writer.cloudEvent(PARTNER_TOPIC, UUID.randomUUID().toString(), "atensi.partner.registered.v1", "/atensi/partner",
                        partner.toString(), partnerJson(partner, "ACTIVE"));
            }
        }
        List<UUID> ids = List.of(partners);
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> KnownPartner.count("partnerId in ?1", ids)) == ids.size());
    }

    static String partnerJson(UUID partner, String status) {
        return """
                {"partnerId":"%s","type":"CSR","legalName":"PT Mitra %s","shortName":"Mitra","status":"%s","provinceCode":"31",
                 "regencyCode":"31.75","clusters":["DISABILITY"]}""".formatted(partner, partner, status);
    }

    /**
     * Sends an event type the consumer ignores under {@code key}, so to the same partition as the events before it, and waits
     * until the consumer recorded it: by then it has consumed everything sent before it under that key.
     */
    static void awaitConsumedAfter(TopicWriter writer, String topic, String consumer, String ignoredType, String key) {
        String marker = UUID.randomUUID().toString();
        writer.cloudEvent(topic, marker, ignoredType, "/atensi/test", key, "{}");
        await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew().call(() -> ((Number) KnownPartner.getEntityManager()
                .createNativeQuery("SELECT count(*) FROM inbox_event WHERE consumer = :consumer AND event_id = :id")
                .setParameter("consumer", consumer).setParameter("id", marker).getSingleResult()).intValue()) == 1);
    }

    /** Registers beneficiaries as the beneficiary service would announce them, and waits until the training service knows them all. */
    static List<String> knownBeneficiaries(int count) {
        List<String> ids = new ArrayList<>();
        try (TopicWriter writer = TopicWriter.create()) {
            for (int i = 0; i < count; i++) {
                String id = UUID.randomUUID().toString();
                ids.add(id);
                writer.cloudEvent("atensi.beneficiary.events", UUID.randomUUID().toString(), "atensi.beneficiary.registered.v1",
                        "/atensi/beneficiary", id, """
                                {"beneficiaryId":"%s","fullName":"Beneficiary %d","status":"REGISTERED","registeredAt":"2024-01-02T08:00:00+07:00"}"""
                                .formatted(id, i));
            }
        }
        List<UUID> uuids = ids.stream().map(UUID::fromString).toList();
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> KnownBeneficiary.count("beneficiaryId in ?1", uuids)) == uuids.size());
        return ids;
    }

    private static String quoted(String... values) {
        return String.join(",", Arrays.stream(values).map(v -> "\"" + v + "\"").toList());
    }
}
