package id.atensi.training.rest;

import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.MovableClock;
import id.atensi.testing.TopicReader;
import id.atensi.training.ClassFixtures;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static id.atensi.training.ClassFixtures.enrolStaff;
import static id.atensi.training.ClassFixtures.mark;
import static id.atensi.training.ClassFixtures.officer;
import static id.atensi.training.ClassFixtures.openClass;
import static id.atensi.training.ClassFixtures.runningClass;
import static id.atensi.training.ClassFixtures.sessionIds;
import static id.atensi.training.ClassFixtures.transition;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "training"))
class AttendanceAndCompletionTest {

    private static final String REGISTER = "/api/v1/training/classes/{c}/sessions/{s}/attendance";
    private static final String ENROLMENT = "/api/v1/training/classes/{c}/enrolments/{e}";

    @Inject
    MovableClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void aCertificateCarriesTheYearOfTheDayInJakartaNotOfUtc() {
        String classId = runningClass(10, 1, "PARTNER_STAFF");
        String a = enrolStaff(classId, "A");
        mark(classId, sessionIds(classId).get(0), a, "PRESENT");

        // 18:00 UTC on 31 December is 01:00 WIB on 1 January: the programme's new year has begun.
        clock.travelTo(Instant.parse("2024-12-31T18:00:00Z"));
        transition(classId, "complete");

        officer().when().get(ENROLMENT, classId, a)
                .then().statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("certificateNumber", startsWith("TRN-2025-"));
    }

    @Test
    void wholeSessionRegisterIsRecordedInOneCallAndCanBeCorrected() {
        String classId = runningClass(10, 2, "PARTNER_STAFF");
        String a = enrolStaff(classId, "A");
        String b = enrolStaff(classId, "B");
        String session = sessionIds(classId).get(0);

        officer().body("""
                        {"records":[{"enrolmentId":"%s","status":"PRESENT","mode":"ON_SITE"},{"enrolmentId":"%s","status":"ABSENT"}]}"""
                        .formatted(a, b))
                .when().put(REGISTER, classId, session)
                .then().statusCode(200).body("", hasSize(2));
        mark(classId, session, b, "EXCUSED");

        officer().when().get(REGISTER, classId, session)
                .then().statusCode(200)
                .body("find { it.enrolmentId == '%s' }.status".formatted(a), equalTo("PRESENT"))
                .body("find { it.enrolmentId == '%s' }.status".formatted(b), equalTo("EXCUSED"))
                .body("find { it.enrolmentId == '%s' }.mode".formatted(b), nullValue());
    }

    @Test
    void attendanceForASessionThatDoesNotExistIsNotFound() {
        String classId = runningClass(10, 1, "PARTNER_STAFF");
        String a = enrolStaff(classId, "A");
        officer().body("{\"status\":\"PRESENT\",\"mode\":\"ON_SITE\"}")
                .when().put(REGISTER + "/{e}", classId, UUID.randomUUID(), a)
                .then().statusCode(404).body("code", equalTo("not-found"));
    }

    @Test
    void sessionOfAnotherClassIsNotFoundEither() {
        String classId = runningClass(10, 1, "PARTNER_STAFF");
        String other = runningClass(10, 1, "PARTNER_STAFF");
        officer().when().get(REGISTER, classId, sessionIds(other).get(0)).then().statusCode(404);
    }

    @Test
    void attendanceBeforeTheClassRunsConflicts() {
        String classId = openClass(10, 1, "PARTNER_STAFF");
        String a = enrolStaff(classId, "A");
        officer().body("{\"status\":\"PRESENT\",\"mode\":\"ON_SITE\"}")
                .when().put(REGISTER + "/{e}", classId, sessionIds(classId).get(0), a)
                .then().statusCode(409).body("currentStatus", equalTo("OPEN"));
    }

    @Test
    void presentWithoutModeOrOnlineAtAnOnSiteClassIsAFieldError() {
        String classId = runningClass(10, 1, "PARTNER_STAFF");
        String a = enrolStaff(classId, "A");
        String session = sessionIds(classId).get(0);
        officer().body("{\"status\":\"PRESENT\"}").when().put(REGISTER + "/{e}", classId, session, a)
                .then().statusCode(400).body("errors.field", hasItem("mode"));
        officer().body("{\"records\":[{\"enrolmentId\":\"%s\",\"status\":\"PRESENT\",\"mode\":\"ONLINE\"}]}".formatted(a))
                .when().put(REGISTER, classId, session)
                .then().statusCode(400).body("errors.field", hasItem("records[0].mode"));
    }

    @Test
    void waitlistedOrUnknownPeopleHaveNoAttendance() {
        String classId = runningClass(1, 1, "PARTNER_STAFF");
        String seated = enrolStaff(classId, "Seated");
        String waiting = enrolStaff(classId, "Waiting");
        String session = sessionIds(classId).get(0);

        officer().body("""
                        {"records":[{"enrolmentId":"%s","status":"PRESENT","mode":"ON_SITE"},{"enrolmentId":"%s","status":"PRESENT","mode":"ON_SITE"},
                                    {"enrolmentId":"%s","status":"ABSENT"}]}""".formatted(seated, waiting, UUID.randomUUID()))
                .when().put(REGISTER, classId, session)
                .then().statusCode(422)
                .body("errors.field", hasItem("records[1].enrolmentId"))
                .body("errors.field", hasItem("records[2].enrolmentId"));
        officer().when().get(REGISTER, classId, session).then().body("", hasSize(0));
    }

    @Test
    void completionIsComputedAtTheRuleEdgeAndCompletersGetCertificates() {
        try (TopicReader events = TopicReader.of(ClassFixtures.TOPIC)) {
            String classId = runningClass(10, 4, "PARTNER_STAFF");
            String exactlyThreeQuarters = enrolStaff(classId, "Three of four");
            String half = enrolStaff(classId, "Two of four plus excused");
            List<String> sessions = sessionIds(classId);
            for (int i = 0; i < 4; i++) {
                mark(classId, sessions.get(i), exactlyThreeQuarters, i < 3 ? "PRESENT" : "ABSENT");
                mark(classId, sessions.get(i), half, i < 2 ? "PRESENT" : "EXCUSED");
            }

            transition(classId, "complete");

            String certificate = officer().when().get(ENROLMENT, classId, exactlyThreeQuarters)
                    .then().statusCode(200)
                    .body("status", equalTo("COMPLETED"))
                    .body("sessionsAttended", equalTo(3))
                    .body("certificateNumber", matchesPattern("TRN-\\d{4}-[0-9a-f]{8}-0001"))
                    .extract().path("certificateNumber");
            officer().when().get(ENROLMENT, classId, half)
                    .then().body("status", equalTo("NOT_COMPLETED")).body("certificateNumber", nullValue());

            ConsumerRecord<String, byte[]> completed = events.await(r -> exactlyThreeQuarters.equals(r.key())
                    && "atensi.training.participant.completed.v1".equals(TopicReader.header(r, "ce_type")), Duration.ofSeconds(20));
            assertEquals(certificate, ClassFixtures.data(completed).getString("certificateNumber"));
            ConsumerRecord<String, byte[]> classCompleted = events.await(r -> classId.equals(r.key())
                    && "atensi.training.class.completed.v1".equals(TopicReader.header(r, "ce_type")), Duration.ofSeconds(20));
            assertEquals(1, ClassFixtures.data(classCompleted).getInt("completed"));
            assertEquals(2, ClassFixtures.data(classCompleted).getInt("participants"));

            officer().when().get("/api/v1/training/classes/{id}/report", classId)
                    .then().statusCode(200)
                    .body("totals.participants", equalTo(2))
                    .body("totals.attendanceRatePercent", equalTo(62.5f))
                    .body("totals.completionRatePercent", equalTo(50.0f));
        }
    }

    @Test
    void attendanceAfterTheClassClosedConflicts() {
        String classId = runningClass(10, 1, "PARTNER_STAFF");
        String a = enrolStaff(classId, "A");
        transition(classId, "complete");
        officer().body("{\"status\":\"PRESENT\",\"mode\":\"ON_SITE\"}")
                .when().put(REGISTER + "/{e}", classId, sessionIds(classId).get(0), a)
                .then().statusCode(409);
    }

    @Test
    void outcomesAreFollowedOverTimeAndTheLatestCountsInTheReport() {
        try (TopicReader events = TopicReader.of(ClassFixtures.TOPIC)) {
            String classId = runningClass(10, 1, "PARTNER_STAFF");
            String graduate = enrolStaff(classId, "Home workshop");
            mark(classId, sessionIds(classId).get(0), graduate, "PRESENT");
            transition(classId, "complete");

            officer().body("{\"kind\":\"SEEKING_WORK\",\"observedOn\":\"2024-03-01\"}")
                    .when().post(ENROLMENT + "/outcomes", classId, graduate).then().statusCode(201);
            String outcome = officer().body("""
                            {"kind":"OWN_BUSINESS","incomeBand":"FROM_1M_TO_3M","observedOn":"2024-06-30","note":"Opened a bengkel rumahan"}""")
                    .when().post(ENROLMENT + "/outcomes", classId, graduate)
                    .then().statusCode(201).body("kind", equalTo("OWN_BUSINESS")).extract().path("id");

            officer().when().get(ENROLMENT + "/outcomes", classId, graduate)
                    .then().statusCode(200).body("kind", contains("SEEKING_WORK", "OWN_BUSINESS"));
            officer().when().get("/api/v1/training/classes/{id}/report", classId)
                    .then().body("totals.latestOutcomes.OWN_BUSINESS", equalTo(1))
                    .body("totals.latestOutcomes.SEEKING_WORK", nullValue());
            ConsumerRecord<String, byte[]> recorded = events.await(r -> graduate.equals(r.key())
                    && "atensi.training.outcome.recorded.v1".equals(TopicReader.header(r, "ce_type"))
                    && TopicReader.value(r).contains(outcome), Duration.ofSeconds(20));
            assertEquals("FROM_1M_TO_3M", ClassFixtures.data(recorded).getString("incomeBand"));
        }
    }

    @Test
    void outcomeBeforeTheClassClosesConflictsAndAFutureDateIsAFieldError() {
        String classId = runningClass(10, 1, "PARTNER_STAFF");
        String participant = enrolStaff(classId, "Too early");
        officer().body("{\"kind\":\"EMPLOYED\",\"observedOn\":\"2024-03-01\"}")
                .when().post(ENROLMENT + "/outcomes", classId, participant).then().statusCode(409);
        officer().body("{\"kind\":\"EMPLOYED\",\"observedOn\":\"2999-01-01\"}")
                .when().post(ENROLMENT + "/outcomes", classId, participant)
                .then().statusCode(400).body("errors.field", hasItem("observedOn"));
    }

    /** 06:00 WIB on 17 March is still 16 March in UTC: an outcome observed that morning is observed today, not in the future. */
    @Test
    void anOutcomeObservedTodayInJakartaIsNotInTheFutureWhileUtcIsStillOnTheDayBefore() {
        String classId = runningClass(10, 1, "PARTNER_STAFF");
        String graduate = enrolStaff(classId, "Early morning");
        mark(classId, sessionIds(classId).get(0), graduate, "PRESENT");
        transition(classId, "complete");

        clock.travelTo(Instant.parse("2031-03-16T23:00:00Z"));
        officer().body("{\"kind\":\"EMPLOYED\",\"observedOn\":\"2031-03-17\"}")
                .when().post(ENROLMENT + "/outcomes", classId, graduate).then().statusCode(201);
        officer().body("{\"kind\":\"EMPLOYED\",\"observedOn\":\"2031-03-18\"}")
                .when().post(ENROLMENT + "/outcomes", classId, graduate)
                .then().statusCode(400).body("errors.field", hasItem("observedOn"));
    }
}
