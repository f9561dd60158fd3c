package id.atensi.training.rest;

import id.atensi.commons.idempotency.IdempotencyKeys;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import id.atensi.testing.TopicReader;
import id.atensi.training.ClassFixtures;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static id.atensi.training.ClassFixtures.enrolStaff;
import static id.atensi.training.ReadModelFixtures.knownBeneficiaries;
import static id.atensi.training.ClassFixtures.namedBody;
import static id.atensi.training.ClassFixtures.officer;
import static id.atensi.training.ClassFixtures.openClass;
import static id.atensi.training.ClassFixtures.scheduledClass;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "training"))
class EnrolmentTest {

    @Inject
    IdempotencyKeys idempotencyKeys;

    private static final String ENROLMENTS = "/api/v1/training/classes/{id}/enrolments";

    @Test
    void fiftySimultaneousEnrolmentsForTenSeatsGiveTenEnrolledAndFortyWaitlisted() throws Exception {
        String classId = openClass(10, 1, "PARTNER_STAFF");
        String token = TestTokens.officer();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String body = namedBody("Participant " + i, "Yayasan Balarenik", "PARTNER_STAFF");
                answers.add(pool.submit(() -> {
                    start.await();
                    return ClassFixtures.as(token).body(body).when().post(ENROLMENTS, classId).then().extract().statusCode();
                }));
            }
            start.countDown();
            for (Future<Integer> answer : answers) {
                assertEquals(201, answer.get());
            }
        } finally {
            pool.shutdownNow();
        }

        officer().when().get(ENROLMENTS + "?status=ENROLLED", classId).then().statusCode(200).body("total", equalTo(10));
        officer().when().get(ENROLMENTS + "?status=WAITLISTED&size=200", classId).then().statusCode(200).body("total", equalTo(40));
    }

    @Test
    void enrolmentBeyondCapacityGoesToTheWaitlist() {
        String classId = openClass(1, 1, "PARTNER_STAFF");
        enrolStaff(classId, "Seated");

        officer().body(namedBody("Late", "Yayasan ERBE", "PARTNER_STAFF")).when().post(ENROLMENTS, classId)
                .then().statusCode(201).body("status", equalTo("WAITLISTED"));
    }

    @Test
    void withdrawalPromotesTheFirstOnTheWaitlistAndIsAnnounced() {
        try (TopicReader events = TopicReader.of(ClassFixtures.TOPIC)) {
            String classId = openClass(1, 1, "PARTNER_STAFF");
            String seated = enrolStaff(classId, "Seated");
            String firstWaiting = enrolStaff(classId, "First waiting");
            String secondWaiting = enrolStaff(classId, "Second waiting");

            officer().when().post(ENROLMENTS + "/{e}/withdraw", classId, seated)
                    .then().statusCode(200).body("status", equalTo("WITHDRAWN"));

            officer().when().get(ENROLMENTS + "/{e}", classId, firstWaiting).then().body("status", equalTo("ENROLLED"));
            officer().when().get(ENROLMENTS + "/{e}", classId, secondWaiting).then().body("status", equalTo("WAITLISTED"));
            ConsumerRecord<String, byte[]> withdrawn = events.await(r -> seated.equals(r.key())
                    && "atensi.training.participant.withdrawn.v1".equals(TopicReader.header(r, "ce_type")), Duration.ofSeconds(20));
            assertEquals(firstWaiting, ClassFixtures.data(withdrawn).getString("promotedEnrolmentId"));
        }
    }

    @Test
    void withdrawingFromTheWaitlistPromotesNobody() {
        String classId = openClass(1, 1, "PARTNER_STAFF");
        String seated = enrolStaff(classId, "Seated");
        String waiting = enrolStaff(classId, "Waiting");
        String last = enrolStaff(classId, "Last");

        officer().when().post(ENROLMENTS + "/{e}/withdraw", classId, waiting).then().statusCode(200);

        officer().when().get(ENROLMENTS + "/{e}", classId, seated).then().body("status", equalTo("ENROLLED"));
        officer().when().get(ENROLMENTS + "/{e}", classId, last).then().body("status", equalTo("WAITLISTED"));
        officer().when().post(ENROLMENTS + "/{e}/withdraw", classId, waiting).then().statusCode(409);
    }

    @Test
    void anEnrolmentIsReadWithItsVersionAndAWithdrawalNamingAStaleOneIsRefused() {
        String classId = openClass(2, 1, "PARTNER_STAFF");
        String enrolment = enrolStaff(classId, "Versioned");
        String read = officer().when().get(ENROLMENTS + "/{e}", classId, enrolment).then().statusCode(200).extract().header("ETag");
        assertNotNull(read, "a versioned record's GET carries its ETag");

        String stale = "\"" + (Long.parseLong(read.replace("\"", "")) + 1) + "\"";
        officer().header("If-Match", stale).when().post(ENROLMENTS + "/{e}/withdraw", classId, enrolment)
                .then().statusCode(412).body("code", equalTo("precondition-failed"));
        officer().when().get(ENROLMENTS + "/{e}", classId, enrolment).then().body("status", equalTo("ENROLLED"));

        String withdrawn = officer().header("If-Match", read).when().post(ENROLMENTS + "/{e}/withdraw", classId, enrolment)
                .then().statusCode(200).body("status", equalTo("WITHDRAWN")).extract().header("ETag");
        assertNotEquals(read, withdrawn);
        officer().when().get(ENROLMENTS + "/{e}", classId, enrolment).then().header("ETag", equalTo(withdrawn));
    }

    @Test
    void knownBeneficiaryEnrolsUnderTheNameTheBeneficiaryServiceGave() {
        String beneficiary = knownBeneficiaries(1).get(0);
        String classId = openClass(10, 1, "BENEFICIARY");
        try (TopicReader events = TopicReader.of(ClassFixtures.TOPIC)) {
            String enrolment = officer().body("{\"beneficiaryId\":\"" + beneficiary + "\",\"audience\":\"BENEFICIARY\"}")
                    .when().post(ENROLMENTS, classId)
                    .then().statusCode(201)
                    .body("status", equalTo("ENROLLED"))
                    .body("fullName", equalTo("Beneficiary 0"))
                    .body("organisation", nullValue())
                    .extract().path("id");

            ConsumerRecord<String, byte[]> enrolled = events.await(r -> enrolment.equals(r.key())
                    && "atensi.training.participant.enrolled.v1".equals(TopicReader.header(r, "ce_type")), Duration.ofSeconds(20));
            assertEquals(beneficiary, ClassFixtures.data(enrolled).getString("beneficiaryId"));
            assertFalse(TopicReader.value(enrolled).contains("Beneficiary 0"), "names stay in the training service");
        }
    }

    @Test
    void unknownBeneficiaryIsUnprocessable() {
        String classId = openClass(10, 1, "BENEFICIARY");
        officer().body("{\"beneficiaryId\":\"" + UUID.randomUUID() + "\",\"audience\":\"BENEFICIARY\"}")
                .when().post(ENROLMENTS, classId)
                .then().statusCode(422)
                .body("code", equalTo("unprocessable"))
                .body("errors.field", hasItem("beneficiaryId"));
    }

    @Test
    void samePersonTwiceConflictsAndNamesTheFirstEnrolment() {
        String classId = openClass(10, 1, "PARTNER_STAFF");
        String first = enrolStaff(classId, "Rina Wati");

        officer().body(namedBody("rina  wati", "yayasan kumala", "PARTNER_STAFF")).when().post(ENROLMENTS, classId)
                .then().statusCode(409)
                .body("code", equalTo("conflict"))
                .body("existingId", equalTo(first));
    }

    @Test
    void aWithdrawnPersonMayEnrolAgain() {
        String classId = openClass(10, 1, "PARTNER_STAFF");
        String first = enrolStaff(classId, "Comes Back");
        officer().when().post(ENROLMENTS + "/{e}/withdraw", classId, first).then().statusCode(200);

        enrolStaff(classId, "Comes Back");
    }

    @Test
    void audienceTheClassDoesNotAdmitIsUnprocessable() {
        String classId = openClass(10, 1, "SOCIAL_COMPANION");
        officer().body(namedBody("Staff", "Pertamina Lubricants", "PARTNER_STAFF")).when().post(ENROLMENTS, classId)
                .then().statusCode(422)
                .body("errors.field", hasItem("audience"))
                .body("admittedAudiences", hasItem("SOCIAL_COMPANION"));
    }

    @Test
    void namedParticipantWithoutOrganisationIsAFieldError() {
        String classId = openClass(10, 1, "SOCIAL_COMPANION");
        officer().body("{\"fullName\":\"Pak Budi\",\"audience\":\"SOCIAL_COMPANION\",\"companionRole\":\"TKSK\"}")
                .when().post(ENROLMENTS, classId)
                .then().statusCode(400).body("errors.field", hasItem("organisation"));
    }

    @Test
    void beneficiaryAudienceWithoutBeneficiaryIdIsAFieldError() {
        String classId = openClass(10, 1, "RESIDENT");
        officer().body(namedBody("No Id", "Sentra", "RESIDENT")).when().post(ENROLMENTS, classId)
                .then().statusCode(400).body("errors.field", hasItem("beneficiaryId"));
    }

    @Test
    void plannedClassTakesNoEnrolments() {
        String classId = scheduledClass(10, 1, "PARTNER_STAFF");
        officer().body(namedBody("Early", "Yayasan Kumala", "PARTNER_STAFF")).when().post(ENROLMENTS, classId)
                .then().statusCode(409).body("currentStatus", equalTo("PLANNED"));
    }

    @Test
    void retryWithTheSameIdempotencyKeyAnswersExactlyWhatTheFirstCallAnsweredWithoutASecondEnrolment() {
        String classId = openClass(1, 1, "PARTNER_STAFF");
        String body = namedBody("Retried", "Yayasan Kumala", "PARTNER_STAFF");
        var first = officer().header("Idempotency-Key", "enrol-retried").body(body).when().post(ENROLMENTS, classId)
                .then().statusCode(201).body("status", equalTo("ENROLLED")).header("Idempotent-Replayed", nullValue()).extract();
        officer().when().post(ENROLMENTS + "/{e}/withdraw", classId, first.path("id").toString()).then().statusCode(200);

        var replay = officer().header("Idempotency-Key", "enrol-retried").body(body).when().post(ENROLMENTS, classId)
                .then().statusCode(201).header("Idempotent-Replayed", "true").extract();
        assertEquals(first.header("Location"), replay.header("Location"));
        assertEquals(first.header("ETag"), replay.header("ETag"));
        assertEquals(first.body().asString(), replay.body().asString(), "the first answer, though the enrolment has been withdrawn since");
        officer().when().get(ENROLMENTS, classId).then().body("total", equalTo(1));
    }

    @Test
    void idempotencyKeyReusedForAnotherRequestIsUnprocessable() {
        String classId = openClass(10, 1, "PARTNER_STAFF");
        officer().header("Idempotency-Key", "enrol-reused").body(namedBody("One", "Yayasan Kumala", "PARTNER_STAFF"))
                .when().post(ENROLMENTS, classId).then().statusCode(201);

        officer().header("Idempotency-Key", "enrol-reused").body(namedBody("Another", "Yayasan Kumala", "PARTNER_STAFF"))
                .when().post(ENROLMENTS, classId)
                .then().statusCode(422).contentType("application/problem+json").body("code", equalTo("unprocessable"));
        officer().when().get(ENROLMENTS, classId).then().body("total", equalTo(1));
    }

    @Test
    void aForgottenIdempotencyKeyNoLongerReplays() {
        String classId = openClass(10, 1, "PARTNER_STAFF");
        String body = namedBody("Late Retry", "Yayasan Kumala", "PARTNER_STAFF");
        String first = officer().header("Idempotency-Key", "enrol-forgotten").body(body).when().post(ENROLMENTS, classId)
                .then().statusCode(201).extract().path("id");
        officer().when().post(ENROLMENTS + "/{e}/withdraw", classId, first).then().statusCode(200);

        assertTrue(idempotencyKeys.forgetKeysCreatedBefore(OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(1)) >= 1);

        String second = officer().header("Idempotency-Key", "enrol-forgotten").body(body).when().post(ENROLMENTS, classId)
                .then().statusCode(201).header("Idempotent-Replayed", nullValue()).extract().path("id");
        assertNotEquals(first, second, "past its retention the key is free, so the retry enrols anew");
    }

    @Test
    void failedFirstAttemptLeavesTheIdempotencyKeyFreeForTheRetry() {
        String classId = scheduledClass(10, 1, "PARTNER_STAFF");
        String body = namedBody("Patient", "Yayasan Kumala", "PARTNER_STAFF");
        officer().header("Idempotency-Key", "enrol-after-open").body(body).when().post(ENROLMENTS, classId).then().statusCode(409);
        ClassFixtures.transition(classId, "open");

        officer().header("Idempotency-Key", "enrol-after-open").body(body).when().post(ENROLMENTS, classId).then().statusCode(201);
    }

    @Test
    void viewerCannotSeeParticipants() {
        String classId = openClass(10, 1, "PARTNER_STAFF");
        ClassFixtures.as(TestTokens.viewer()).when().get(ENROLMENTS, classId).then().statusCode(403);
    }

    @Test
    void enrolmentOfAnotherClassIsNotFound() {
        String classId = openClass(10, 1, "PARTNER_STAFF");
        String other = openClass(10, 1, "PARTNER_STAFF");
        String enrolment = enrolStaff(other, "Elsewhere");
        officer().when().get(ENROLMENTS + "/{e}", classId, enrolment).then().statusCode(404);
    }
}
