package id.atensi.training;

import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static id.atensi.training.TrainingApi.as;
import static id.atensi.training.TrainingApi.classBody;
import static id.atensi.training.TrainingApi.namedBody;
import static id.atensi.training.TrainingApi.programme;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "training"))
class PartnerAccessTest {

    private final UUID pertamina = UUID.randomUUID();
    private final UUID kumala = UUID.randomUUID();

    @BeforeEach
    void partnersAreKnown() {
        TrainingApi.knownPartners(pertamina, kumala);
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
        TrainingApi.officer().when().get("/api/v1/training/classes?providerPartnerId={p}", kumala)
                .then().statusCode(200).body("items.id", hasItem(theirs));
    }

    @Test
    void partnerCannotDropItselfFromItsClass() {
        String classId = classOf(pertamina);
        var current = partner(pertamina).when().get("/api/v1/training/classes/{id}", classId).then().extract();
        String body = TrainingApi.updateBody(current.path("programmeId"), "Handed over", 10, TrainingApi.HOST_UNIT, kumala);

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
