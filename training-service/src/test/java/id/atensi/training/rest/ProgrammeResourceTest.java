package id.atensi.training.rest;

import id.atensi.local.Tokens;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import id.atensi.training.ClassFixtures;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import static id.atensi.training.ClassFixtures.as;
import static id.atensi.training.ClassFixtures.officer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "training"))
class ProgrammeResourceTest {

    private static RequestSpecification admin() {
        return as(TestTokens.admin());
    }

    private static final String BODY = """
            {"title":"Pangudi Luhur x Pertamina Lubricants","skillAreas":["AUTOMOTIVE","AGRICULTURE","WASTE_MANAGEMENT"]}""";

    @Test
    void createdProgrammeCanBeReadBackWithItsETag() {
        String id = officer().body(BODY).when().post("/api/v1/training/programmes")
                .then().statusCode(201).header("ETag", "\"0\"").extract().path("id");

        as(TestTokens.viewer()).when().get("/api/v1/training/programmes/{id}", id)
                .then().statusCode(200)
                .header("ETag", "\"0\"")
                .body("title", equalTo("Pangudi Luhur x Pertamina Lubricants"))
                .body("skillAreas", containsInAnyOrder("AUTOMOTIVE", "AGRICULTURE", "WASTE_MANAGEMENT"));
    }

    @Test
    void updateWithTheCurrentETagChangesTheProgrammeAndItsETag() {
        String id = officer().body(BODY).when().post("/api/v1/training/programmes").then().statusCode(201).extract().path("id");

        admin().header("If-Match", "\"0\"").body("""
                        {"title":"Renamed","skillAreas":["CRAFTS"]}""")
                .when().put("/api/v1/training/programmes/{id}", id)
                .then().statusCode(200)
                .header("ETag", "\"1\"")
                .body("title", equalTo("Renamed"))
                .body("skillAreas", containsInAnyOrder("CRAFTS"));
    }

    @Test
    void updateWithAStaleETagFailsThePrecondition() {
        String id = officer().body(BODY).when().post("/api/v1/training/programmes").then().statusCode(201).extract().path("id");
        admin().header("If-Match", "\"0\"").body(BODY.replace("Pangudi", "First")).when().put("/api/v1/training/programmes/{id}", id)
                .then().statusCode(200);

        admin().header("If-Match", "\"0\"").body(BODY.replace("Pangudi", "Second")).when().put("/api/v1/training/programmes/{id}", id)
                .then().statusCode(412)
                .contentType("application/problem+json")
                .body("code", equalTo("precondition-failed"))
                .body("detail", containsString("read it again"));
    }

    @Test
    void updateWithoutIfMatchIsRefusedAsPreconditionRequired() {
        String id = officer().body(BODY).when().post("/api/v1/training/programmes").then().statusCode(201).extract().path("id");

        admin().body(BODY).when().put("/api/v1/training/programmes/{id}", id)
                .then().statusCode(428)
                .body("code", equalTo("precondition-required"));
    }

    @Test
    void programmeWithoutTitleOrSkillAreasIsAFieldErrorForEach() {
        officer().body("{\"skillAreas\":[]}").when().post("/api/v1/training/programmes")
                .then().statusCode(400)
                .body("errors.field", hasItem("title"))
                .body("errors.field", hasItem("skillAreas"));
    }

    @Test
    void unknownSkillAreaIsAMalformedRequest() {
        officer().body("{\"title\":\"x\",\"skillAreas\":[\"JUGGLING\"]}").when().post("/api/v1/training/programmes")
                .then().statusCode(400)
                .body("code", equalTo("malformed-request"));
    }

    @Test
    void unknownProgrammeIsNotFound() {
        officer().when().get("/api/v1/training/programmes/{id}", "5b1f3b0e-3f39-4c8e-9d7e-000000000000")
                .then().statusCode(404).body("code", equalTo("not-found"));
    }

    @Test
    void listFiltersBySkillArea() {
        String photo = officer().body("{\"title\":\"Photo\",\"skillAreas\":[\"PHOTOGRAPHY_AND_VIDEO\"]}")
                .when().post("/api/v1/training/programmes").then().statusCode(201).extract().path("id");
        String cooking = officer().body("{\"title\":\"Cooking\",\"skillAreas\":[\"COOKING\"]}")
                .when().post("/api/v1/training/programmes").then().statusCode(201).extract().path("id");

        officer().when().get("/api/v1/training/programmes?skillArea=PHOTOGRAPHY_AND_VIDEO&size=200")
                .then().statusCode(200)
                .body("items.id", hasItem(photo))
                .body("items.id", not(hasItem(cooking)));
    }

    @Test
    void programmesAreNationalSoOfficersCreateAndReadThemButOnlyAdminsChangeThem() {
        String id = officer().body(BODY).when().post("/api/v1/training/programmes").then().statusCode(201).extract().path("id");
        as(TestTokens.officer(TestTokens.UNIT_B)).when().get("/api/v1/training/programmes/{id}", id).then().statusCode(200);

        officer().header("If-Match", "\"0\"").body(BODY.replace("Pangudi", "Mine")).when().put("/api/v1/training/programmes/{id}", id)
                .then().statusCode(403).body("code", equalTo("forbidden"));
        as(TestTokens.partner(ClassFixtures.PROVIDER.toString())).header("If-Match", "\"0\"").body(BODY)
                .when().put("/api/v1/training/programmes/{id}", id).then().statusCode(403);
    }

    @Test
    void tokenForAnotherAudienceIsUnauthenticated() {
        as(TestTokens.scoped("x", Tokens.Scope.none().withAudience("another-platform"), "admin"))
                .when().get("/api/v1/training/programmes")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("code", equalTo("unauthenticated"));
    }

    @Test
    void viewersAndPartnersReadButOnlyStaffCreateProgrammes() {
        as(TestTokens.viewer()).body(BODY).when().post("/api/v1/training/programmes").then().statusCode(403);
        as(TestTokens.partner(ClassFixtures.PROVIDER.toString())).body(BODY).when().post("/api/v1/training/programmes").then().statusCode(403);
        given().contentType("application/json").body(BODY).when().post("/api/v1/training/programmes")
                .then().statusCode(401).body("code", equalTo("unauthenticated"));
    }
}
