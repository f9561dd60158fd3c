package id.atensi.training;

import id.atensi.local.Tokens;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static id.atensi.training.TrainingApi.HOST_UNIT;
import static id.atensi.training.TrainingApi.OTHER_UNIT;
import static id.atensi.training.TrainingApi.PROVIDER;
import static id.atensi.training.TrainingApi.as;
import static id.atensi.training.TrainingApi.classBody;
import static id.atensi.training.TrainingApi.enrolStaff;
import static id.atensi.training.TrainingApi.namedBody;
import static id.atensi.training.TrainingApi.officer;
import static id.atensi.training.TrainingApi.programme;
import static id.atensi.training.TrainingApi.runningClass;
import static id.atensi.training.TrainingApi.sessionIds;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/** Officers work in one service unit: they manage the classes their unit hosts, and other units' classes look missing. */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "training"))
class UnitAccessTest {

    private static final String CLASS = "/api/v1/training/classes/{id}";

    private static RequestSpecification officerOfUnitB() {
        return as(TestTokens.officer(TestTokens.UNIT_B));
    }

    @Test
    void officerOfAnotherUnitFindsNeitherTheClassNorItsSessionsParticipantsAttendanceOrReport() {
        String classId = runningClass(10, 1, "PARTNER_STAFF");
        String enrolment = enrolStaff(classId, "Unit A staff");
        String session = sessionIds(classId).get(0);
        String programme = officer().when().get(CLASS, classId).then().extract().path("programmeId");

        officerOfUnitB().when().get(CLASS, classId).then().statusCode(404).body("code", equalTo("not-found"));
        officerOfUnitB().when().get(CLASS + "/sessions", classId).then().statusCode(404);
        officerOfUnitB().when().get(CLASS + "/report", classId).then().statusCode(404);
        officerOfUnitB().when().get(CLASS + "/enrolments", classId).then().statusCode(404);
        officerOfUnitB().when().get(CLASS + "/enrolments/{e}", classId, enrolment).then().statusCode(404);
        officerOfUnitB().when().get(CLASS + "/enrolments/{e}/outcomes", classId, enrolment).then().statusCode(404);
        officerOfUnitB().when().get(CLASS + "/sessions/{s}/attendance", classId, session).then().statusCode(404);

        officerOfUnitB().header("If-Match", "\"2\"").body(TrainingApi.updateBody(programme, "Taken over", 10, OTHER_UNIT, PROVIDER))
                .when().put(CLASS, classId).then().statusCode(404);
        officerOfUnitB().body("{\"date\":\"2024-01-20\",\"startTime\":\"13:00\",\"endTime\":\"15:00\",\"topic\":\"Intrusion\"}")
                .when().post(CLASS + "/sessions", classId).then().statusCode(404);
        officerOfUnitB().body(namedBody("Intruder", "Sentra B", "PARTNER_STAFF")).when().post(CLASS + "/enrolments", classId)
                .then().statusCode(404);
        officerOfUnitB().when().post(CLASS + "/enrolments/{e}/withdraw", classId, enrolment).then().statusCode(404);
        officerOfUnitB().body("{\"status\":\"ABSENT\"}")
                .when().put(CLASS + "/sessions/{s}/attendance/{e}", classId, session, enrolment).then().statusCode(404);
        officerOfUnitB().when().post(CLASS + "/complete", classId).then().statusCode(404);
        officerOfUnitB().body("{\"reason\":\"not ours\"}").when().post(CLASS + "/cancel", classId).then().statusCode(404);

        officer().when().get(CLASS, classId).then().statusCode(200).body("status", equalTo("RUNNING")).header("ETag", "\"2\"");
        officer().when().get(CLASS + "/enrolments/{e}", classId, enrolment).then().statusCode(200).body("status", equalTo("ENROLLED"));
    }

    @Test
    void eachOfficerListsAndReportsOnlyItsUnitsClassesOfANationalProgramme() {
        String programme = programme("Waste management incubator " + UUID.randomUUID(), "WASTE_MANAGEMENT");
        String ofUnitA = officer().body(classBody(programme, "Waste A", 10, 1, HOST_UNIT, PROVIDER, "RESIDENT"))
                .when().post("/api/v1/training/classes").then().statusCode(201).extract().path("id");
        String ofUnitB = officerOfUnitB().body(classBody(programme, "Waste B", 10, 1, OTHER_UNIT, PROVIDER, "RESIDENT"))
                .when().post("/api/v1/training/classes").then().statusCode(201).extract().path("id");

        officer().when().get("/api/v1/training/classes?programmeId={p}", programme)
                .then().statusCode(200).body("total", equalTo(1)).body("items.id", contains(ofUnitA));
        officerOfUnitB().when().get("/api/v1/training/classes?programmeId={p}", programme)
                .then().statusCode(200).body("total", equalTo(1)).body("items.id", contains(ofUnitB));
        officer().when().get("/api/v1/training/classes?programmeId={p}&hostUnitId={u}", programme, OTHER_UNIT)
                .then().statusCode(200).body("total", equalTo(0));
        as(TestTokens.auditor()).when().get("/api/v1/training/classes?programmeId={p}", programme)
                .then().statusCode(200).body("total", equalTo(2)).body("items.id", hasItems(ofUnitA, ofUnitB));

        officer().when().get("/api/v1/training/programmes/{id}/report", programme)
                .then().statusCode(200).body("classCount", equalTo(1)).body("classes.title", contains("Waste A"));
        as(TestTokens.admin()).when().get("/api/v1/training/programmes/{id}/report", programme)
                .then().statusCode(200).body("classCount", equalTo(2));
    }

    @Test
    void officerSchedulingAClassForAnotherUnitIsForbiddenWhileAnAdminMay() {
        String programme = programme("Grape planting", "AGRICULTURE");
        String elsewhere = classBody(programme, "Grapes elsewhere", 10, 1, OTHER_UNIT, PROVIDER, "RESIDENT");

        officer().body(elsewhere).when().post("/api/v1/training/classes")
                .then().statusCode(403).contentType("application/problem+json").body("code", equalTo("forbidden"));
        as(TestTokens.admin()).body(elsewhere).when().post("/api/v1/training/classes")
                .then().statusCode(201).body("hostUnitId", equalTo(OTHER_UNIT.toString()));
    }

    @Test
    void officerCannotHandItsClassOverToAnotherUnit() {
        String classId = TrainingApi.scheduledClass(10, 1, "PARTNER_STAFF");
        var current = officer().when().get(CLASS, classId).then().extract();

        officer().header("If-Match", current.header("ETag"))
                .body(TrainingApi.updateBody(current.path("programmeId"), "Handed over", 10, OTHER_UNIT, PROVIDER))
                .when().put(CLASS, classId).then().statusCode(403);
        officer().when().get(CLASS, classId).then().statusCode(200).body("hostUnitId", equalTo(HOST_UNIT.toString()));
    }

    @Test
    void officerTokenWithoutUnitIsForbidden() {
        as(TestTokens.scoped("officer-without-unit", Tokens.Scope.none(), "officer"))
                .when().get("/api/v1/training/classes").then().statusCode(403);
    }
}
