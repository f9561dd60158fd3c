package id.atensi.training.rest;

import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static id.atensi.training.ClassFixtures.OTHER_UNIT;
import static id.atensi.training.ClassFixtures.PROVIDER;
import static id.atensi.training.ClassFixtures.as;
import static id.atensi.training.ClassFixtures.mark;
import static id.atensi.training.ClassFixtures.officer;
import static id.atensi.training.ClassFixtures.runningClass;
import static id.atensi.training.ClassFixtures.sessionIds;
import static id.atensi.training.ClassFixtures.transition;
import static id.atensi.training.ReadModelFixtures.consent;
import static id.atensi.training.ReadModelFixtures.knownBeneficiary;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** The person's right of access: everything the training service holds on one beneficiary, as one document. */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "training"))
class DataSubjectTest {

    private static final String SUBJECT = "/internal/v1/data-subjects/{id}";
    private static final String ENROLMENTS = "/api/v1/training/classes/{id}/enrolments";

    @Test
    void theDocumentHoldsTheNameConsentsAndEveryEnrolmentWithItsClassAttendanceAndOutcomes() {
        String name = "Data Subject " + UUID.randomUUID();
        String person = knownBeneficiary(name);
        consent(person, "PARTNER_SHARING", true);
        consent(person, "FOLLOW_UP_CONTACT", false);
        String classId = runningClass(10, 2, "BENEFICIARY");
        String enrolment = officer().body(enrolBody(person)).when().post(ENROLMENTS, classId).then().statusCode(201).extract().path("id");
        List<String> sessions = sessionIds(classId);
        mark(classId, sessions.get(0), enrolment, "PRESENT");
        mark(classId, sessions.get(1), enrolment, "ABSENT");
        transition(classId, "complete");
        officer().body("""
                        {"kind":"SEEKING_WORK","observedOn":"2024-05-01","note":"Asked for a referral"}""")
                .when().post(ENROLMENTS + "/{e}/outcomes", classId, enrolment).then().statusCode(201);

        for (String token : List.of(TestTokens.admin(), TestTokens.officer())) {
            as(token).when().get(SUBJECT, person).then().statusCode(200)
                    .body("beneficiaryId", equalTo(person)).body("service", equalTo("training"))
                    .body("known.fullName", equalTo(name)).body("known.status", equalTo("REGISTERED"))
                    .body("consents.purpose", contains("FOLLOW_UP_CONTACT", "PARTNER_SHARING"))
                    .body("consents.given", contains(false, true))
                    .body("enrolments", hasSize(1))
                    .body("enrolments[0].enrolmentId", equalTo(enrolment))
                    .body("enrolments[0].fullName", equalTo(name))
                    .body("enrolments[0].status", equalTo("NOT_COMPLETED"))
                    .body("enrolments[0].trainingClass.classId", equalTo(classId))
                    .body("enrolments[0].attendance.status", contains("PRESENT", "ABSENT"))
                    .body("enrolments[0].outcomes[0].note", equalTo("Asked for a referral"));
        }
    }

    @Test
    void anOfficerOfAUnitThatNeverServedThePersonAPartnerAndAnUnknownIdAreRefused() {
        String person = knownBeneficiary("Served Elsewhere " + UUID.randomUUID());
        String classId = runningClass(10, 1, "BENEFICIARY");
        officer().body(enrolBody(person)).when().post(ENROLMENTS, classId).then().statusCode(201);

        as(TestTokens.officer(OTHER_UNIT.toString())).when().get(SUBJECT, person).then().statusCode(404)
                .contentType("application/problem+json");
        as(TestTokens.admin()).when().get(SUBJECT, UUID.randomUUID()).then().statusCode(404);
        as(TestTokens.partner(PROVIDER.toString())).when().get(SUBJECT, person).then().statusCode(403);
        as(TestTokens.auditor()).when().get(SUBJECT, person).then().statusCode(403);
        io.restassured.RestAssured.given().when().get(SUBJECT, person).then().statusCode(401);
        as(TestTokens.admin()).when().get(SUBJECT, "not-a-uuid").then().statusCode(404);
    }

    @Test
    void aPersonKnownButNeverEnrolledIsReadByAnAdminOnly() {
        String person = knownBeneficiary("Known Only " + UUID.randomUUID());
        as(TestTokens.admin()).when().get(SUBJECT, person).then().statusCode(200).body("enrolments", hasSize(0));
        officer().when().get(SUBJECT, person).then().statusCode(404);
    }

    private static String enrolBody(String beneficiary) {
        return "{\"beneficiaryId\":\"" + beneficiary + "\",\"audience\":\"BENEFICIARY\"}";
    }
}
