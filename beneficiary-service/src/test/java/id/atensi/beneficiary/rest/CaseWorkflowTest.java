package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.BeneficiaryFixtures;
import id.atensi.beneficiary.NikFixtures;
import id.atensi.beneficiary.ServiceUnitFixtures;
import id.atensi.beneficiary.TimelineEntryIds;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import id.atensi.testing.TopicReader;
import id.atensi.testing.TopicWriter;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "beneficiary"))
class CaseWorkflowTest {

    @Inject
    AgroalDataSource dataSource;

    private static String registered() {
        return BeneficiaryFixtures.register("Asep Sunandar", NikFixtures.man(), NikFixtures.MAN_BIRTH_DATE, "MALE");
    }

    private static void assess(String id) {
        given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON)
                .body("""
                        {"assessedOn": "2025-01-10", "summary": "needs a wheelchair and vocational training",
                         "needs": [{"service": "ACCESSIBILITY_SUPPORT", "need": "wheelchair"},
                                   {"service": "VOCATIONAL_TRAINING_AND_ENTREPRENEURSHIP", "need": "workshop skills"}]}
                        """)
                .when().post("/api/v1/beneficiaries/{id}/assessments", id)
                .then().statusCode(201);
    }

    private static io.restassured.response.ValidatableResponse move(String id, String body) {
        return given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/beneficiaries/{id}/status", id)
                .then();
    }

    @BeforeEach
    void serviceUnitsAreKnown() {
        ServiceUnitFixtures.standard();
    }

    @Test
    void aCaseGoesFromRegistrationThroughAssessmentAndDesignationToGraduation() {
        String id = registered();
        assess(id);
        given().auth().oauth2(TestTokens.officer()).when().get("/api/v1/beneficiaries/{id}", id)
                .then().body("status", equalTo("ASSESSED"));
        move(id, "{\"status\": \"ACTIVE\", \"decisionNumber\": \"SK/12/2025\", \"decisionDate\": \"2025-01-20\"}")
                .statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("decisionNumber", equalTo("SK/12/2025"))
                .body("allowedTransitions", contains("GRADUATED", "TERMINATED"));
        move(id, "{\"status\": \"GRADUATED\"}").statusCode(200).body("status", equalTo("GRADUATED"));

        given().auth().oauth2(TestTokens.auditor()).when().get("/api/v1/beneficiaries/{id}/assessments", id)
                .then().statusCode(200)
                .body("[0].needs.service", contains("ACCESSIBILITY_SUPPORT", "VOCATIONAL_TRAINING_AND_ENTREPRENEURSHIP"));
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/beneficiaries/{id}/timeline", id)
                .then().statusCode(200)
                .body("kind", contains("registered", "assessed", "status-changed", "status-changed", "status-changed"));
    }

    @Test
    void anIllegalTransitionAnswers409WithTheAllowedOnes() {
        String id = registered();
        move(id, "{\"status\": \"GRADUATED\"}")
                .statusCode(409)
                .body("code", equalTo("conflict"))
                .body("currentStatus", equalTo("REGISTERED"))
                .body("requestedStatus", equalTo("GRADUATED"))
                .body("allowedTransitions", contains("TERMINATED"));
    }

    @Test
    void designationNeedsADecisionNumberAndDate() {
        String id = registered();
        assess(id);
        move(id, "{\"status\": \"ACTIVE\"}")
                .statusCode(400)
                .body("errors.field", hasItem("decisionNumber"))
                .body("errors.field", hasItem("decisionDate"));
    }

    @Test
    void terminationNeedsAReasonAndClosesTheCase() {
        String id = registered();
        move(id, "{\"status\": \"TERMINATED\"}").statusCode(400).body("errors.field", hasItem("reason"));
        move(id, "{\"status\": \"TERMINATED\", \"reason\": \"moved abroad\"}").statusCode(200)
                .body("terminationReason", equalTo("moved abroad"));
        move(id, "{\"status\": \"ASSESSED\"}").statusCode(409).body("allowedTransitions", org.hamcrest.Matchers.empty());
        given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON)
                .body("{\"assessedOn\": \"2025-01-10\", \"needs\": [{\"service\": \"SOCIAL_AID_AND_ASSISTANCE\", \"need\": \"food\"}]}")
                .when().post("/api/v1/beneficiaries/{id}/assessments", id)
                .then().statusCode(409);
    }

    @Test
    void assessedOnlyByRecordingAnAssessmentSoARegisteredCaseNeverOffersIt() {
        String id = registered();
        move(id, "{\"status\": \"ASSESSED\"}").statusCode(409)
                .body("currentStatus", equalTo("REGISTERED"))
                .body("allowedTransitions", contains("TERMINATED"));
        assess(id);
        move(id, "{\"status\": \"GRADUATED\"}").statusCode(409)
                .body("currentStatus", equalTo("ASSESSED"))
                .body("allowedTransitions", contains("ACTIVE", "TERMINATED"));
    }

    @Test
    void anAssessmentListsEachServiceOnceAndNeedsSome() {
        String id = registered();
        given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON)
                .body("{\"assessedOn\": \"2025-01-10\", \"needs\": [{\"service\": \"SOCIAL_AID_AND_ASSISTANCE\", \"need\": \"food\"},"
                        + "{\"service\": \"SOCIAL_AID_AND_ASSISTANCE\", \"need\": \"rent\"}]}")
                .when().post("/api/v1/beneficiaries/{id}/assessments", id)
                .then().statusCode(400).body("errors.field", hasItem("needs[1].service"));
        given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON)
                .body("{\"assessedOn\": \"2025-01-10\", \"needs\": []}")
                .when().post("/api/v1/beneficiaries/{id}/assessments", id)
                .then().statusCode(400).body("errors.field", hasItem("needs"));
    }

    @Test
    void partnersAndViewersCannotMoveACase() {
        String id = registered();
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON).body("{\"status\": \"TERMINATED\", \"reason\": \"x\"}")
                .when().post("/api/v1/beneficiaries/{id}/status", id).then().statusCode(403);
        given().auth().oauth2(TestTokens.partner(UUID.randomUUID().toString())).contentType(ContentType.JSON)
                .body("{\"status\": \"TERMINATED\", \"reason\": \"x\"}")
                .when().post("/api/v1/beneficiaries/{id}/status", id).then().statusCode(403);
    }

    @Test
    void aStatusChangeIsPublished() {
        String id = registered();
        try (TopicReader topic = TopicReader.of("atensi.beneficiary.events")) {
            move(id, "{\"status\": \"TERMINATED\", \"reason\": \"passed away\"}").statusCode(200);
            ConsumerRecord<String, byte[]> record = topic.await(r -> id.equals(r.key())
                    && "atensi.beneficiary.status-changed.v1".equals(TopicReader.header(r, "ce_type")), Duration.ofSeconds(20));
            String data = TopicReader.value(record);
            assertTrue(data.contains("REGISTERED") && data.contains("TERMINATED") && data.contains("passed away"), data);
        }
    }

    @Test
    void trainingEnrolmentsAndCompletionsReachTheTimelineOnceWithTimeOrderedIds()
            throws InterruptedException, SQLException {
        String id = registered();
        String enrolment = UUID.randomUUID().toString();
        String classId = UUID.randomUUID().toString();
        String enrolled = UUID.randomUUID().toString();
        try (TopicWriter writer = TopicWriter.create()) {
            String payload = """
                    {"enrolmentId": "%s", "classId": "%s", "beneficiaryId": "%s", "audience": "BENEFICIARY", "status": "ENROLLED",
                     "at": "2030-01-01T00:00:00Z"}""".formatted(enrolment, classId, id);
            writer.cloudEvent("atensi.training.events", enrolled, "atensi.training.participant.enrolled.v1", "/atensi/training",
                    enrolment, payload);
            writer.cloudEvent("atensi.training.events", enrolled, "atensi.training.participant.enrolled.v1", "/atensi/training",
                    enrolment, payload);
            writer.cloudEvent("atensi.training.events", UUID.randomUUID().toString(), "atensi.training.participant.completed.v1",
                    "/atensi/training", enrolment, """
                            {"enrolmentId": "%s", "classId": "%s", "beneficiaryId": "%s", "certificateNumber": "CERT-1",
                             "sessionsAttended": 10, "sessionsTotal": 10, "completedAt": "2030-02-01T00:00:00Z"}"""
                            .formatted(enrolment, classId, id));
        }
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            List<String> kinds = given().auth().oauth2(TestTokens.officer()).when().get("/api/v1/beneficiaries/{id}/timeline", id)
                    .then().statusCode(200).extract().path("kind");
            if (kinds.contains("training.completed")) {
                given().auth().oauth2(TestTokens.officer()).when().get("/api/v1/beneficiaries/{id}/timeline", id)
                        .then().body("kind", contains("registered", "training.enrolled", "training.completed"))
                        .body("[2].summary", org.hamcrest.Matchers.containsString("CERT-1"));
                assertEquals(List.of(7, 7), TimelineEntryIds.versions(dataSource, id, "training"),
                        "versions of the training entries' ids");
                return;
            }
            Thread.sleep(200);
        }
        fail("the training events did not reach the timeline");
    }

    @Test
    void anAssessedCaseHasAnInterventionPlanReplacedAsAWhole() {
        String id = registered();
        String plan = """
                {"services": [{"service": "VOCATIONAL_TRAINING_AND_ENTREPRENEURSHIP", "description": "workshop course", "targetDate": "2025-06-30"},
                              {"service": "ACCESSIBILITY_SUPPORT", "description": "wheelchair", "targetDate": "2025-02-28"}]}""";
        given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON).body(plan)
                .when().put("/api/v1/beneficiaries/{id}/intervention-plan", id)
                .then().statusCode(409);
        assess(id);
        given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON).body(plan)
                .when().put("/api/v1/beneficiaries/{id}/intervention-plan", id)
                .then().statusCode(200)
                .body("service", contains("ACCESSIBILITY_SUPPORT", "VOCATIONAL_TRAINING_AND_ENTREPRENEURSHIP"));
        given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON)
                .body("{\"services\": [{\"service\": \"SOCIAL_AID_AND_ASSISTANCE\", \"description\": \"food\", \"targetDate\": \"2025-03-01\"}]}")
                .when().put("/api/v1/beneficiaries/{id}/intervention-plan", id)
                .then().statusCode(200);
        given().auth().oauth2(TestTokens.auditor()).when().get("/api/v1/beneficiaries/{id}/intervention-plan", id)
                .then().statusCode(200).body("service", contains("SOCIAL_AID_AND_ASSISTANCE"));
        given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON)
                .body("{\"services\": [{\"service\": \"SOCIAL_AID_AND_ASSISTANCE\"}]}")
                .when().put("/api/v1/beneficiaries/{id}/intervention-plan", id)
                .then().statusCode(400)
                .body("errors.field", hasItem(org.hamcrest.Matchers.containsString("targetDate")));
    }

    @Test
    void aTransferChangesTheUnitAndKeepsTheHistory() {
        String id = registered();
        String first = ServiceUnitFixtures.fresh();
        String second = ServiceUnitFixtures.fresh();
        given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON)
                .body("{\"kind\": \"REFERRAL\", \"serviceUnitId\": \"" + first + "\"}")
                .when().post("/api/v1/beneficiaries/{id}/transfers", id)
                .then().statusCode(201);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"kind\": \"TRANSFER\", \"serviceUnitId\": \"" + second + "\", \"note\": \"moved to Sukabumi\"}")
                .when().post("/api/v1/beneficiaries/{id}/transfers", id)
                .then().statusCode(201).body("fromUnitId", equalTo(first));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"kind\": \"TRANSFER\", \"serviceUnitId\": \"" + second + "\"}")
                .when().post("/api/v1/beneficiaries/{id}/transfers", id)
                .then().statusCode(400);
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/beneficiaries/{id}", id)
                .then().body("serviceUnitId", equalTo(second));
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/beneficiaries/{id}/transfers", id)
                .then().statusCode(200).body("kind", contains("REFERRAL", "TRANSFER"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{\"status\": \"TERMINATED\", \"reason\": \"moved abroad\"}")
                .when().post("/api/v1/beneficiaries/{id}/status", id).then().statusCode(200);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"kind\": \"TRANSFER\", \"serviceUnitId\": \"" + first + "\"}")
                .when().post("/api/v1/beneficiaries/{id}/transfers", id)
                .then().statusCode(409);
    }
}
