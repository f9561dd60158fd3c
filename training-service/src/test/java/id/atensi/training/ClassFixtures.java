package id.atensi.training;

import id.atensi.testing.TestTokens;
import id.atensi.testing.TopicReader;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Steps the training tests share: programmes, classes in a given state, participants and their attendance. */
public final class ClassFixtures {

    public static final String TOPIC = "atensi.training.events";
    /** The unit of {@link TestTokens#officer()}: the host of the classes these steps schedule. */
    public static final UUID HOST_UNIT = UUID.fromString(TestTokens.UNIT_A);
    public static final UUID OTHER_UNIT = UUID.fromString(TestTokens.UNIT_B);
    public static final UUID PROVIDER = UUID.fromString("0b6f5a7e-0000-4000-8000-0000000000aa");

    private ClassFixtures() {
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    public static RequestSpecification officer() {
        return as(TestTokens.officer());
    }

    public static String programme(String title, String... skillAreas) {
        return officer().body("""
                        {"title":"%s","skillAreas":[%s]}""".formatted(title, quoted(skillAreas)))
                .when().post("/api/v1/training/programmes")
                .then().statusCode(201).extract().path("id");
    }

    /** A class body: on site in January 2024 with {@code sessions} daily sessions, admitting the given audiences. */
    public static String classBody(String programmeId, String title, int capacity, int sessions, UUID provider, String... audiences) {
        return classBody(programmeId, title, capacity, sessions, HOST_UNIT, provider, audiences);
    }

    public static String classBody(String programmeId, String title, int capacity, int sessions, UUID hostUnit, UUID provider, String... audiences) {
        ReadModelFixtures.knowReferenceData();
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
    public static String updateBody(String programmeId, String title, int capacity, UUID hostUnit, UUID provider) {
        return classBody(programmeId, title, capacity, 0, hostUnit, provider, "PARTNER_STAFF")
                .replace("\"programmeId\":\"" + programmeId + "\",", "")
                .replace(",\"sessions\":[]", "");
    }

    public static String scheduledClass(int capacity, int sessions, String... audiences) {
        String programme = programme("Programme " + UUID.randomUUID(), "SEWING");
        return officer().body(classBody(programme, "Class " + UUID.randomUUID(), capacity, sessions, PROVIDER, audiences))
                .when().post("/api/v1/training/classes")
                .then().statusCode(201).extract().path("id");
    }

    public static String openClass(int capacity, int sessions, String... audiences) {
        String classId = scheduledClass(capacity, sessions, audiences);
        transition(classId, "open");
        return classId;
    }

    public static String runningClass(int capacity, int sessions, String... audiences) {
        String classId = openClass(capacity, sessions, audiences);
        transition(classId, "start");
        return classId;
    }

    public static void transition(String classId, String action) {
        officer().when().post("/api/v1/training/classes/{id}/" + action, classId).then().statusCode(200);
    }

    public static String namedBody(String fullName, String organisation, String audience) {
        return """
                {"fullName":"%s","organisation":"%s","audience":"%s"}""".formatted(fullName, organisation, audience);
    }

    /** Enrols a named partner-staff participant; returns the enrolment id. */
    public static String enrolStaff(String classId, String fullName) {
        return officer().body(namedBody(fullName, "Yayasan Kumala", "PARTNER_STAFF"))
                .when().post("/api/v1/training/classes/{id}/enrolments", classId)
                .then().statusCode(201).extract().path("id");
    }

    public static List<String> sessionIds(String classId) {
        return sessionIds(TestTokens.officer(), classId);
    }

    public static List<String> sessionIds(String token, String classId) {
        return as(token).when().get("/api/v1/training/classes/{id}/sessions", classId)
                .then().statusCode(200).extract().jsonPath().getList("id");
    }

    /** The JSON data of a consumed record, for checks that do not depend on how it was spaced. */
    public static JsonPath data(ConsumerRecord<String, byte[]> record) {
        return JsonPath.from(TopicReader.value(record));
    }

    public static void mark(String classId, String sessionId, String enrolmentId, String status) {
        officer().body("""
                        {"status":"%s","mode":"ON_SITE"}""".formatted(status))
                .when().put("/api/v1/training/classes/{c}/sessions/{s}/attendance/{e}", classId, sessionId, enrolmentId)
                .then().statusCode(200);
    }

    private static String quoted(String... values) {
        return String.join(",", Arrays.stream(values).map(v -> "\"" + v + "\"").toList());
    }
}
