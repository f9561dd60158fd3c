package id.atensi.training.rest;

import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import id.atensi.training.ClassFixtures;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static id.atensi.training.ClassFixtures.PROVIDER;
import static id.atensi.training.ClassFixtures.as;
import static id.atensi.training.ClassFixtures.mark;
import static id.atensi.training.ClassFixtures.officer;
import static id.atensi.training.ClassFixtures.openClass;
import static id.atensi.training.ClassFixtures.runningClass;
import static id.atensi.training.ClassFixtures.sessionIds;
import static id.atensi.training.ClassFixtures.transition;
import static id.atensi.training.ReadModelFixtures.consent;
import static id.atensi.training.ReadModelFixtures.knownBeneficiary;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Consent decides what a partner sees (issue 18): every read path a partner has to a beneficiary's personal data, with
 * PARTNER_SHARING never given, given, withdrawn and given again; staff see the same records whole throughout.
 */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "training"))
class PartnerConsentTest {

    private static final String ENROLMENTS = "/api/v1/training/classes/{id}/enrolments";
    private static final String ENROLMENT = ENROLMENTS + "/{enrolmentId}";

    private static String partner() {
        return TestTokens.partner(PROVIDER.toString());
    }

    @Test
    void aPartnerSeesNameAndNotesOnlyWhilePartnerSharingHoldsGivenWithdrawnAndGivenAgain() {
        String name = "Consent Matrix " + UUID.randomUUID();
        String note = "Sells snacks near the market " + UUID.randomUUID();
        String person = knownBeneficiary(name);
        Participant p = closedClassWithOutcome(person, note);

        partnerSees(p, name, note, false);

        consent(person, "PARTNER_SHARING", true);
        partnerSees(p, name, note, true);

        consent(person, "PARTNER_SHARING", false);
        partnerSees(p, name, note, false);

        // Consent to another purpose does not open what partner sharing keeps closed.
        consent(person, "STATISTICS_AND_RESEARCH", true);
        partnerSees(p, name, note, false);
        staffSee(p, name, note);

        consent(person, "PARTNER_SHARING", true);
        partnerSees(p, name, note, true);
    }

    @Test
    void aPurposeOutsideTheVocabularyDecidesNothing() {
        String name = "Free Text Purpose " + UUID.randomUUID();
        String person = knownBeneficiary(name);
        Participant p = closedClassWithOutcome(person, "A note " + UUID.randomUUID());
        consent(person, "berbagi dengan mitra", true);

        as(partner()).when().get(ENROLMENT, p.classId, p.enrolmentId)
                .then().statusCode(200).body("personalDataWithheld", equalTo(true)).body("$", not(org.hamcrest.Matchers.hasKey("fullName")));
    }

    @Test
    void thePartnersOwnEnrolmentWithdrawalAndOutcomeAnswersFollowConsentAndARetryShowsTheNameOnlyOnceConsented() {
        String unconsentedName = "Enrolled By Partner " + UUID.randomUUID();
        String unconsented = knownBeneficiary(unconsentedName);
        String consentedName = "Consenting " + UUID.randomUUID();
        String consented = knownBeneficiary(consentedName);
        consent(consented, "PARTNER_SHARING", true);
        String classId = openClass(10, 1, "BENEFICIARY");
        String key = "partner-enrol-" + UUID.randomUUID();

        String first = as(partner()).header("Idempotency-Key", key).body(enrolBody(unconsented)).when().post(ENROLMENTS, classId)
                .then().statusCode(201).body("personalDataWithheld", equalTo(true)).body("fullName", nullValue())
                .body(not(containsString(unconsentedName))).extract().path("id");
        as(partner()).header("Idempotency-Key", key).body(enrolBody(unconsented)).when().post(ENROLMENTS, classId)
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(first))
                .body("personalDataWithheld", equalTo(true)).body(not(containsString(unconsentedName)));
        consent(unconsented, "PARTNER_SHARING", true);
        as(partner()).header("Idempotency-Key", key).body(enrolBody(unconsented)).when().post(ENROLMENTS, classId)
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("fullName", equalTo(unconsentedName));
        consent(unconsented, "PARTNER_SHARING", false);

        as(partner()).body(enrolBody(consented)).when().post(ENROLMENTS, classId)
                .then().statusCode(201).body("fullName", equalTo(consentedName)).body("personalDataWithheld", equalTo(false));
        as(partner()).when().post(ENROLMENT + "/withdraw", classId, first)
                .then().statusCode(200).body("status", equalTo("WITHDRAWN")).body("personalDataWithheld", equalTo(true))
                .body(not(containsString(unconsentedName)));

        String closed = runningClass(10, 1, "BENEFICIARY");
        String enrolment = officer().body(enrolBody(unconsented)).when().post(ENROLMENTS, closed).then().statusCode(201).extract().path("id");
        mark(closed, sessionIds(closed).get(0), enrolment, "PRESENT");
        transition(closed, "complete");
        String note = "Note by the partner " + UUID.randomUUID();
        as(partner()).body(outcomeBody(note)).when().post(ENROLMENT + "/outcomes", closed, enrolment)
                .then().statusCode(201).body("kind", equalTo("OWN_BUSINESS")).body("note", nullValue())
                .body("personalDataWithheld", equalTo(true));
        officer().when().get(ENROLMENT + "/outcomes", closed, enrolment).then().statusCode(200).body("[0].note", equalTo(note));
    }

    @Test
    void participantsEnrolledByNameAreShownToThePartnerAsBefore() {
        String classId = openClass(10, 1, "PARTNER_STAFF");
        String staff = "Partner Staff " + UUID.randomUUID();
        String enrolment = ClassFixtures.enrolStaff(classId, staff);

        as(partner()).when().get(ENROLMENT, classId, enrolment)
                .then().statusCode(200).body("fullName", equalTo(staff)).body("personalDataWithheld", equalTo(false));
    }

    private record Participant(String classId, String enrolmentId, String sessionId, String programmeId) {
    }

    /** A completed class the partner provides, the person in it with one PRESENT mark and an outcome with a note. */
    private static Participant closedClassWithOutcome(String person, String note) {
        String classId = runningClass(10, 1, "BENEFICIARY");
        String enrolment = officer().body(enrolBody(person)).when().post(ENROLMENTS, classId).then().statusCode(201).extract().path("id");
        String session = sessionIds(classId).get(0);
        mark(classId, session, enrolment, "PRESENT");
        transition(classId, "complete");
        officer().body(outcomeBody(note)).when().post(ENROLMENT + "/outcomes", classId, enrolment).then().statusCode(201);
        String programme = officer().when().get("/api/v1/training/classes/{id}", classId).then().statusCode(200).extract().path("programmeId");
        return new Participant(classId, enrolment, session, programme);
    }

    /** Every path on which a partner meets the person: enrolment list, enrolment, outcomes, register, class and programme reports. */
    private static void partnerSees(Participant p, String name, String note, boolean shown) {
        JsonPath list = as(partner()).when().get(ENROLMENTS, p.classId).then().statusCode(200).extract().jsonPath();
        Map<String, Object> item = list.getMap("items.find { it.id == '" + p.enrolmentId + "' }");
        assertEquals(!shown, item.get("personalDataWithheld"), "list: " + item);
        assertEquals(shown ? name : null, item.get("fullName"), "list: " + item);
        assertEquals("COMPLETED", item.get("status"));

        String one = as(partner()).when().get(ENROLMENT, p.classId, p.enrolmentId).then().statusCode(200)
                .body("personalDataWithheld", equalTo(!shown)).body("status", equalTo("COMPLETED"))
                .body("certificateNumber", org.hamcrest.Matchers.startsWith("TRN-")).extract().asString();
        assertEquals(shown, one.contains(name), one);

        JsonPath outcomes = as(partner()).when().get(ENROLMENT + "/outcomes", p.classId, p.enrolmentId).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(!shown), outcomes.getList("personalDataWithheld"));
        assertEquals(List.of("OWN_BUSINESS"), outcomes.getList("kind"));
        assertEquals(shown ? note : null, outcomes.getList("note").get(0));

        for (String path : List.of("/api/v1/training/classes/" + p.classId + "/sessions/" + p.sessionId + "/attendance",
                "/api/v1/training/classes/" + p.classId + "/report", "/api/v1/training/programmes/" + p.programmeId + "/report")) {
            String body = as(partner()).when().get(path).then().statusCode(200).extract().asString();
            assertFalse(body.contains(name) || body.contains(note), path + " shows personal data: " + body);
        }
    }

    private static void staffSee(Participant p, String name, String note) {
        for (String token : List.of(TestTokens.officer(), TestTokens.admin(), TestTokens.auditor())) {
            as(token).when().get(ENROLMENT, p.classId, p.enrolmentId).then().statusCode(200)
                    .body("fullName", equalTo(name)).body("personalDataWithheld", equalTo(false));
            assertEquals(note, as(token).when().get(ENROLMENT + "/outcomes", p.classId, p.enrolmentId).then().statusCode(200)
                    .extract().jsonPath().getString("[0].note"));
        }
    }

    private static String enrolBody(String beneficiary) {
        return "{\"beneficiaryId\":\"" + beneficiary + "\",\"audience\":\"BENEFICIARY\"}";
    }

    private static String outcomeBody(String note) {
        return """
                {"kind":"OWN_BUSINESS","incomeBand":"FROM_1M_TO_3M","observedOn":"2024-06-30","note":"%s"}""".formatted(note);
    }
}
