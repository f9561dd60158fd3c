package id.atensi.training.rest;

import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import id.atensi.testing.TopicReader;
import id.atensi.training.ClassFixtures;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static id.atensi.training.ClassFixtures.as;
import static id.atensi.training.ClassFixtures.classBody;
import static id.atensi.training.ClassFixtures.enrolStaff;
import static id.atensi.training.ClassFixtures.officer;
import static id.atensi.training.ClassFixtures.openClass;
import static id.atensi.training.ClassFixtures.programme;
import static id.atensi.training.ClassFixtures.scheduledClass;
import static id.atensi.training.ClassFixtures.transition;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "training"))
class ClassLifecycleTest {

    @Test
    void scheduledClassIsPlannedWithItsSessionsAndAnnounced() {
        try (TopicReader events = TopicReader.of(ClassFixtures.TOPIC)) {
            String programme = programme("Tali meiwa bags", "CRAFTS");
            String classId = officer().body(classBody(programme, "Tali meiwa bag making", 20, 4, ClassFixtures.PROVIDER, "BENEFICIARY"))
                    .when().post("/api/v1/training/classes")
                    .then().statusCode(201)
                    .header("Location", containsString("/api/v1/training/classes/"))
                    .header("ETag", "\"0\"")
                    .body("status", equalTo("PLANNED"))
                    .body("allowedTransitions", containsInAnyOrder("OPEN", "CANCELLED"))
                    .body("sessions", hasSize(4))
                    .body("sessions[0].startTime", equalTo("09:00:00"))
                    .extract().path("id");

            ConsumerRecord<String, byte[]> scheduled = events.await(r -> classId.equals(r.key())
                    && "atensi.training.class.scheduled.v1".equals(TopicReader.header(r, "ce_type")), Duration.ofSeconds(20));
            assertEquals(20, ClassFixtures.data(scheduled).getInt("capacity"));
        }
    }

    @Test
    void openedClassIsAnnouncedOnTheTopic() {
        try (TopicReader events = TopicReader.of(ClassFixtures.TOPIC)) {
            String classId = scheduledClass(10, 1, "PARTNER_STAFF");
            transition(classId, "open");

            ConsumerRecord<String, byte[]> opened = events.await(r -> classId.equals(r.key())
                    && "atensi.training.class.opened.v1".equals(TopicReader.header(r, "ce_type")), Duration.ofSeconds(20));
            assertEquals(classId, TopicReader.header(opened, "ce_subject"));
            assertEquals("/atensi/training", TopicReader.header(opened, "ce_source"));
            assertEquals(classId, ClassFixtures.data(opened).getString("classId"));
            assertNotNull(ClassFixtures.data(opened).getString("openedAt"));
        }
    }

    @Test
    void classGoesFromPlannedThroughOpenAndRunningToCompleted() {
        String classId = scheduledClass(10, 1, "PARTNER_STAFF");
        officer().when().post("/api/v1/training/classes/{id}/open", classId).then().statusCode(200).body("status", equalTo("OPEN"));
        officer().when().post("/api/v1/training/classes/{id}/start", classId).then().statusCode(200).body("status", equalTo("RUNNING"));
        officer().when().post("/api/v1/training/classes/{id}/complete", classId).then().statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("allowedTransitions", hasSize(0));
    }

    @Test
    void illegalTransitionConflictsAndNamesTheAllowedOnes() {
        String classId = scheduledClass(10, 1, "PARTNER_STAFF");

        officer().when().post("/api/v1/training/classes/{id}/complete", classId)
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("conflict"))
                .body("currentStatus", equalTo("PLANNED"))
                .body("requestedStatus", equalTo("COMPLETED"))
                .body("allowedTransitions", containsInAnyOrder("OPEN", "CANCELLED"));
    }

    @Test
    void cancelledClassKeepsItsReasonIsAnnouncedAndGoesNowhereElse() {
        try (TopicReader events = TopicReader.of(ClassFixtures.TOPIC)) {
            String classId = openClass(10, 1, "PARTNER_STAFF");
            officer().body("{\"reason\":\"The venue is flooded\"}")
                    .when().post("/api/v1/training/classes/{id}/cancel", classId)
                    .then().statusCode(200)
                    .body("status", equalTo("CANCELLED"))
                    .body("cancelReason", equalTo("The venue is flooded"));

            officer().when().post("/api/v1/training/classes/{id}/open", classId)
                    .then().statusCode(409).body("allowedTransitions", hasSize(0));
            ConsumerRecord<String, byte[]> cancelled = events.await(r -> classId.equals(r.key())
                    && "atensi.training.class.cancelled.v1".equals(TopicReader.header(r, "ce_type")), Duration.ofSeconds(20));
            assertEquals("The venue is flooded", ClassFixtures.data(cancelled).getString("reason"));
        }
    }

    @Test
    void cancellingWithoutAReasonIsAFieldError() {
        String classId = scheduledClass(10, 1, "PARTNER_STAFF");
        officer().body("{}").when().post("/api/v1/training/classes/{id}/cancel", classId)
                .then().statusCode(400).body("errors.field", hasItem("reason"));
    }

    @Test
    void virtualClassNeedsAMeetingLinkAndOnSiteClassAPlace() {
        String programme = programme("Digital marketing", "DIGITAL_MARKETING");
        String virtual = classBody(programme, "Online", 10, 1, ClassFixtures.PROVIDER, "SOCIAL_COMPANION")
                .replace("\"ON_SITE\"", "\"VIRTUAL\"");
        officer().body(virtual).when().post("/api/v1/training/classes")
                .then().statusCode(400).body("errors.field", hasItem("meetingLink"));

        String onSiteWithoutPlace = classBody(programme, "On site", 10, 1, ClassFixtures.PROVIDER, "SOCIAL_COMPANION")
                .replace("\"place\":\"Sentra Mulya Jaya, Jakarta\",", "");
        officer().body(onSiteWithoutPlace).when().post("/api/v1/training/classes")
                .then().statusCode(400).body("errors.field", hasItem("place"));
    }

    @Test
    void sessionOutsideTheClassDatesIsAFieldError() {
        String programme = programme("Sewing", "SEWING");
        String body = classBody(programme, "Sewing", 10, 1, ClassFixtures.PROVIDER, "RESIDENT").replace("2024-01-10\",\"startTime", "2024-02-10\",\"startTime");
        officer().body(body).when().post("/api/v1/training/classes")
                .then().statusCode(400).body("errors.field", hasItem("date"));
    }

    @Test
    void classOfAnUnknownProgrammeIsUnprocessable() {
        officer().body(classBody("5b1f3b0e-3f39-4c8e-9d7e-000000000000", "Orphan", 10, 1, ClassFixtures.PROVIDER, "RESIDENT"))
                .when().post("/api/v1/training/classes")
                .then().statusCode(422).body("code", equalTo("unprocessable"));
    }

    @Test
    void updateNeedsTheCurrentETag() {
        String classId = scheduledClass(10, 1, "PARTNER_STAFF");
        String programme = officer().when().get("/api/v1/training/classes/{id}", classId).then().extract().path("programmeId");
        String update = updateBody(programme, 12);

        officer().body(update).when().put("/api/v1/training/classes/{id}", classId).then().statusCode(428);
        officer().header("If-Match", "\"7\"").body(update).when().put("/api/v1/training/classes/{id}", classId).then().statusCode(412);
        officer().header("If-Match", "\"0\"").body(update).when().put("/api/v1/training/classes/{id}", classId)
                .then().statusCode(200).header("ETag", "\"1\"").body("capacity", equalTo(12));
    }

    @Test
    void capacityCannotGoBelowTheParticipantsEnrolled() {
        String classId = openClass(3, 1, "PARTNER_STAFF");
        enrolStaff(classId, "A");
        enrolStaff(classId, "B");
        var current = officer().when().get("/api/v1/training/classes/{id}", classId).then().extract();

        officer().header("If-Match", current.header("ETag")).body(updateBody(current.path("programmeId"), 1))
                .when().put("/api/v1/training/classes/{id}", classId)
                .then().statusCode(422).body("errors.field", hasItem("capacity")).body("enrolled", equalTo(2));
    }

    @Test
    void raisingCapacityMovesTheWaitlistIntoTheNewPlaces() {
        String classId = openClass(1, 1, "PARTNER_STAFF");
        enrolStaff(classId, "First");
        String second = enrolStaff(classId, "Second");
        var current = officer().when().get("/api/v1/training/classes/{id}", classId).then().extract();

        officer().header("If-Match", current.header("ETag")).body(updateBody(current.path("programmeId"), 2))
                .when().put("/api/v1/training/classes/{id}", classId).then().statusCode(200);

        officer().when().get("/api/v1/training/classes/{c}/enrolments/{e}", classId, second)
                .then().statusCode(200).body("status", equalTo("ENROLLED"));
    }

    @Test
    void sessionsCanBeAddedUntilTheClassEnds() {
        String classId = openClass(10, 1, "PARTNER_STAFF");
        String location = officer().body("{\"date\":\"2024-01-20\",\"startTime\":\"13:00\",\"endTime\":\"15:00\",\"topic\":\"Packaging\"}")
                .when().post("/api/v1/training/classes/{id}/sessions", classId)
                .then().statusCode(201).body("topic", equalTo("Packaging")).extract().header("Location");
        assertEquals(2, ClassFixtures.sessionIds(classId).size());
        officer().when().get(location).then().statusCode(200).body("topic", equalTo("Packaging"));
        officer().when().get("/api/v1/training/classes/{id}/sessions/{sessionId}", classId, UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");

        officer().body("{\"reason\":\"No trainer\"}").when().post("/api/v1/training/classes/{id}/cancel", classId).then().statusCode(200);
        officer().body("{\"date\":\"2024-01-21\",\"startTime\":\"13:00\",\"endTime\":\"15:00\",\"topic\":\"Late\"}")
                .when().post("/api/v1/training/classes/{id}/sessions", classId)
                .then().statusCode(409);
    }

    @Test
    void sessionEndingBeforeItStartsIsAFieldError() {
        String classId = scheduledClass(10, 1, "PARTNER_STAFF");
        officer().body("{\"date\":\"2024-01-20\",\"startTime\":\"13:00\",\"endTime\":\"12:00\",\"topic\":\"Backwards\"}")
                .when().post("/api/v1/training/classes/{id}/sessions", classId)
                .then().statusCode(400).body("errors.field", hasItem("endTime"));
    }

    @Test
    void listFiltersByProgrammeAndStatus() {
        String open = openClass(10, 1, "PARTNER_STAFF");
        String programme = officer().when().get("/api/v1/training/classes/{id}", open).then().extract().path("programmeId");
        String planned = officer().body(classBody(programme, "Second", 10, 1, ClassFixtures.PROVIDER, "RESIDENT"))
                .when().post("/api/v1/training/classes").then().statusCode(201).extract().path("id");

        officer().when().get("/api/v1/training/classes?programmeId={p}&status=OPEN", programme)
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("items.id", hasItem(open))
                .body("items.id", not(hasItem(planned)));
    }

    @Test
    void viewersAndAuditorsCannotChangeClasses() {
        String classId = scheduledClass(10, 1, "PARTNER_STAFF");
        as(TestTokens.viewer()).when().post("/api/v1/training/classes/{id}/open", classId).then().statusCode(403);
        as(TestTokens.auditor()).when().post("/api/v1/training/classes/{id}/open", classId).then().statusCode(403);
        as(TestTokens.viewer()).when().get("/api/v1/training/classes/{id}", classId).then().statusCode(200);
        transition(classId, "open");
    }

    private static String updateBody(String programmeId, int capacity) {
        return ClassFixtures.updateBody(programmeId, "Updated", capacity, ClassFixtures.HOST_UNIT, ClassFixtures.PROVIDER);
    }
}
