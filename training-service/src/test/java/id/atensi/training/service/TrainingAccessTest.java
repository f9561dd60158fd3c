package id.atensi.training.service;

import id.atensi.local.Tokens;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import id.atensi.training.ClassFixtures;
import id.atensi.training.ReadModelFixtures;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static id.atensi.training.ClassFixtures.HOST_UNIT;
import static id.atensi.training.ClassFixtures.OTHER_UNIT;
import static id.atensi.training.ClassFixtures.PROVIDER;
import static id.atensi.training.ClassFixtures.as;
import static id.atensi.training.ClassFixtures.classBody;
import static id.atensi.training.ClassFixtures.enrolStaff;
import static id.atensi.training.ClassFixtures.namedBody;
import static id.atensi.training.ClassFixtures.officer;
import static id.atensi.training.ClassFixtures.programme;
import static id.atensi.training.ClassFixtures.runningClass;
import static id.atensi.training.ClassFixtures.sessionIds;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

/**
 * The one access rule of {@link TrainingAccess}: officers manage the classes their unit hosts and partners the classes
 * they provide; another's class, and everything that goes with it, looks missing.
 */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "training"))
class TrainingAccessTest {

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

        officerOfUnitB().header("If-Match", "\"2\"").body(ClassFixtures.updateBody(programme, "Taken over", 10, OTHER_UNIT, PROVIDER))
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
        String classId = ClassFixtures.scheduledClass(10, 1, "PARTNER_STAFF");
        var current = officer().when().get(CLASS, classId).then().extract();

        officer().header("If-Match", current.header("ETag"))
                .body(ClassFixtures.updateBody(current.path("programmeId"), "Handed over", 10, OTHER_UNIT, PROVIDER))
                .when().put(CLASS, classId).then().statusCode(403);
        officer().when().get(CLASS, classId).then().statusCode(200).body("hostUnitId", equalTo(HOST_UNIT.toString()));
    }

    @Test
    void officerTokenWithoutUnitIsForbidden() {
        as(TestTokens.scoped("officer-without-unit", Tokens.Scope.none(), "officer"))
                .when().get("/api/v1/training/classes").then().statusCode(403);
    }

    private final UUID pertamina = UUID.randomUUID();
    private final UUID kumala = UUID.randomUUID();

    @BeforeEach
    void partnersAreKnown() {
        ReadModelFixtures.knownPartners(pertamina, kumala);
    }

    private RequestSpecification partner(UUID partnerId) {
        return as(TestTokens.partner(partnerId.toString()));
    }

    private String classOf(UUID provider) {
        String programme = programme("Automotive", "AUTOMOTIVE");
        return partner(provider).body(classBody(programme, "Workshop branding", 10, 1, provider, "PARTNER_STAFF"))
                .when().post("/api/v1/training/classes")
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void providerPartnerRunsItsOwnClassFromScheduleToEnrolment() {
        String classId = classOf(pertamina);
        partner(pertamina).when().post("/api/v1/training/classes/{id}/open", classId).then().statusCode(200);
        partner(pertamina).body(namedBody("Staff", "Pertamina Lubricants", "PARTNER_STAFF"))
                .when().post("/api/v1/training/classes/{id}/enrolments", classId).then().statusCode(201);
        partner(pertamina).when().get("/api/v1/training/classes/{id}/enrolments", classId)
                .then().statusCode(200).body("total", equalTo(1));
    }

    @Test
    void partnerCannotScheduleAClassItDoesNotProvide() {
        String programme = programme("Grapes", "AGRICULTURE");
        partner(pertamina).body(classBody(programme, "Not mine", 10, 1, kumala, "RESIDENT"))
                .when().post("/api/v1/training/classes")
                .then().statusCode(403).body("code", equalTo("forbidden"));
    }

    @Test
    void anotherPartnersClassAndItsParticipantsLookMissing() {
        String classId = classOf(kumala);
        partner(kumala).when().post("/api/v1/training/classes/{id}/open", classId).then().statusCode(200);
        String enrolment = partner(kumala).body(namedBody("Kumala staff", "Yayasan Kumala", "PARTNER_STAFF"))
                .when().post("/api/v1/training/classes/{id}/enrolments", classId).then().statusCode(201).extract().path("id");

        partner(pertamina).when().get("/api/v1/training/classes/{id}", classId).then().statusCode(404);
        partner(pertamina).when().get("/api/v1/training/classes/{id}/enrolments", classId).then().statusCode(404);
        partner(pertamina).when().get("/api/v1/training/classes/{c}/enrolments/{e}", classId, enrolment).then().statusCode(404);
        partner(pertamina).when().post("/api/v1/training/classes/{c}/enrolments/{e}/withdraw", classId, enrolment).then().statusCode(404);
        partner(pertamina).body(namedBody("Intruder", "Pertamina", "PARTNER_STAFF"))
                .when().post("/api/v1/training/classes/{id}/enrolments", classId).then().statusCode(404);
        partner(pertamina).body("{\"reason\":\"sabotage\"}").when().post("/api/v1/training/classes/{id}/cancel", classId).then().statusCode(404);
        partner(pertamina).when().get("/api/v1/training/classes/{id}/report", classId).then().statusCode(404);
    }

    @Test
    void partnerListsOnlyItsOwnClassesWhileTheHostUnitsOfficerSeesEveryProvider() {
        String mine = classOf(pertamina);
        String theirs = classOf(kumala);

        partner(pertamina).when().get("/api/v1/training/classes?size=200")
                .then().statusCode(200)
                .body("items.id", hasItem(mine))
                .body("items.providerPartnerIds", everyItem(hasItem(pertamina.toString())));
        ClassFixtures.officer().when().get("/api/v1/training/classes?providerPartnerId={p}", kumala)
                .then().statusCode(200).body("items.id", hasItem(theirs));
    }

    @Test
    void partnerCannotDropItselfFromItsClass() {
        String classId = classOf(pertamina);
        var current = partner(pertamina).when().get("/api/v1/training/classes/{id}", classId).then().extract();
        String body = ClassFixtures.updateBody(current.path("programmeId"), "Handed over", 10, ClassFixtures.HOST_UNIT, kumala);

        partner(pertamina).header("If-Match", current.header("ETag")).body(body)
                .when().put("/api/v1/training/classes/{id}", classId)
                .then().statusCode(422).body("errors.field", hasItem("providerPartnerIds"));
    }

    @Test
    void partnerTokenWithoutPartnerIdReachesNothing() {
        as(TestTokens.forRoles("partner-without-claim", null, "partner")).when().get("/api/v1/training/classes")
                .then().statusCode(403);
    }
}
