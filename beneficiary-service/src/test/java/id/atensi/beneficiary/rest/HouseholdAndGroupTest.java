package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.BeneficiaryFixtures;
import id.atensi.beneficiary.NikFixtures;
import id.atensi.beneficiary.PartnerFixtures;
import id.atensi.beneficiary.ServiceUnitFixtures;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import id.atensi.testing.MovableClock;
import io.agroal.api.AgroalDataSource;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "beneficiary"))
class HouseholdAndGroupTest {

    private static String kk() {
        return "3201" + "%012d".formatted(ThreadLocalRandom.current().nextLong(1, 999_999_999_999L));
    }

    private static String person(String name) {
        return BeneficiaryFixtures.register(name, NikFixtures.man(), NikFixtures.MAN_BIRTH_DATE, "MALE");
    }

    private static String personServedBy(String name, String partner) {
        return given().auth().oauth2(TestTokens.partner(partner)).contentType(ContentType.JSON)
                .body(BeneficiaryFixtures.registration(name, NikFixtures.man(), NikFixtures.MAN_BIRTH_DATE, "MALE"))
                .when().post("/api/v1/beneficiaries").then().statusCode(201).extract().path("id");
    }

    private static String household(String kk, String head, String... children) {
        StringBuilder members = new StringBuilder("{\"beneficiaryId\": \"" + head + "\", \"relationship\": \"HEAD\"}");
        for (String child : children) {
            members.append(", {\"beneficiaryId\": \"").append(child).append("\", \"relationship\": \"CHILD\"}");
        }
        return "{\"kkNumber\": \"" + kk + "\", \"members\": [" + members + "]}";
    }

    @Inject
    MovableClock clock;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void serviceUnitsAreKnown() {
        ServiceUnitFixtures.standard();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /**
     * Households and groups take "now" from the programme's clock, as the case workflow does: with the clock moved to a
     * fixed moment, a group's registration time and the times its event and a household's event carry are that moment
     * (the clock runs on from it, so within the seconds the test takes), not the system's.
     */
    @Test
    void aHouseholdAndAGroupRecordTheProgrammesClockInTheirRowsAndEvents() throws Exception {
        Instant moment = Instant.parse("2031-03-02T01:00:00Z");
        clock.travelTo(moment);
        String head = person("Pak Waktu");
        String household = given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON).body(household(kk(), head))
                .when().post("/api/v1/households").then().statusCode(201).extract().path("id");
        String partner = PartnerFixtures.fresh();
        String coordinator = personServedBy("Bu Waktu", partner);
        String group = given().auth().oauth2(TestTokens.partner(partner)).contentType(ContentType.JSON)
                .body("""
                        {"name": "Kelompok Jam Tetap", "provinceCode": "32", "regencyCode": "32.01",
                         "memberIds": ["%s"], "coordinatorId": "%s"}""".formatted(coordinator, coordinator))
                .when().post("/api/v1/community-groups").then().statusCode(201).extract().path("id");
        String groupRegisteredAt = given().auth().oauth2(TestTokens.partner(partner)).when().get("/api/v1/community-groups/{id}", group)
                .then().statusCode(200).extract().path("registeredAt");

        assertAtTheMoment(moment, OffsetDateTime.parse(groupRegisteredAt).toInstant(), "the group's registeredAt");
        assertAtTheMoment(moment, eventTime(group, "registeredAt"), "the group's event");
        assertAtTheMoment(moment, eventTime(household, "registeredAt"), "the household's event");
    }

    private static void assertAtTheMoment(Instant moment, Instant recorded, String what) {
        assertTrue(!recorded.isBefore(moment) && recorded.isBefore(moment.plus(Duration.ofMinutes(10))),
                what + " at " + recorded + ", not at the clock's " + moment);
    }

    /** A time field of the registration event of an aggregate, as its outbox row holds it. */
    private Instant eventTime(String aggregateId, String field) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT payload ->> ? FROM outbox_event WHERE aggregate_id = ? AND event_type LIKE '%registered.v1'")) {
            select.setString(1, field);
            select.setString(2, aggregateId);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next(), "no registration event of " + aggregateId);
                return OffsetDateTime.parse(row.getString(1)).toInstant();
            }
        }
    }

    @Test
    void aHouseholdHasItsMembersAndTheirRelationship() {
        String kk = kk();
        String head = person("Ujang Suparman");
        String child = person("Dadang Suparman");
        String id = given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON).body(household(kk, head, child))
                .when().post("/api/v1/households")
                .then().statusCode(201)
                .body("kkNumber", equalTo(kk))
                .body("members.relationship", containsInAnyOrder("HEAD", "CHILD"))
                .extract().path("id");

        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/households/{id}", id)
                .then().statusCode(200)
                .body("kkNumber", equalTo(kk.substring(0, 4) + "********" + kk.substring(12)))
                .body("members.fullName", hasItem("Dadang Suparman"));
        given().auth().oauth2(TestTokens.officer()).queryParam("kkNumber", kk).when().get("/api/v1/households")
                .then().statusCode(200).body("id", equalTo(id));
        given().auth().oauth2(TestTokens.auditor()).queryParam("beneficiaryId", child).when().get("/api/v1/beneficiaries/audit")
                .then().statusCode(200).body("items.action", hasItem("household-register"));
    }

    @Test
    void aHouseholdNeedsExactlyOneHead() {
        String a = person("Ade");
        given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON)
                .body("{\"kkNumber\": \"" + kk() + "\", \"members\": [{\"beneficiaryId\": \"" + a + "\", \"relationship\": \"CHILD\"}]}")
                .when().post("/api/v1/households")
                .then().statusCode(400).body("errors.field", hasItem("members"));
    }

    @Test
    void aPersonBelongsToOneHouseholdAndAKkNumberToOne() {
        String head = person("Cecep");
        String kk = kk();
        String first = given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON).body(household(kk, head))
                .when().post("/api/v1/households").then().statusCode(201).extract().path("id");
        given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON).body(household(kk(), head))
                .when().post("/api/v1/households").then().statusCode(409).body("existingId", equalTo(first));
        given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON).body(household(kk, person("Didi")))
                .when().post("/api/v1/households").then().statusCode(409).body("existingId", equalTo(first));
    }

    @Test
    void membersJoinAndLeaveButTheHeadStays() {
        String head = person("Entis");
        String id = given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON).body(household(kk(), head))
                .when().post("/api/v1/households").then().statusCode(201).extract().path("id");
        String spouse = person("Euis");
        given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON)
                .body("{\"beneficiaryId\": \"" + spouse + "\", \"relationship\": \"SPOUSE\"}")
                .when().post("/api/v1/households/{id}/members", id)
                .then().statusCode(200).body("members", hasSize(2));
        given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON)
                .body("{\"beneficiaryId\": \"" + person("Other") + "\", \"relationship\": \"HEAD\"}")
                .when().post("/api/v1/households/{id}/members", id)
                .then().statusCode(409);
        given().auth().oauth2(TestTokens.officer()).when().delete("/api/v1/households/{id}/members/{b}", id, head)
                .then().statusCode(409);
        given().auth().oauth2(TestTokens.officer()).when().delete("/api/v1/households/{id}/members/{b}", id, spouse)
                .then().statusCode(200).body("members.beneficiaryId", contains(head));
    }

    @Test
    void aPartnerSeesOnlyHouseholdsOfPeopleItServes() {
        String partner = PartnerFixtures.fresh();
        String id = given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON).body(household(kk(), person("Jajang")))
                .when().post("/api/v1/households").then().statusCode(201).extract().path("id");
        given().auth().oauth2(TestTokens.partner(partner)).when().get("/api/v1/households/{id}", id).then().statusCode(404);
        String own = personServedBy("Nanang", partner);
        String ownHousehold = given().auth().oauth2(TestTokens.partner(partner)).contentType(ContentType.JSON).body(household(kk(), own))
                .when().post("/api/v1/households").then().statusCode(201).extract().path("id");
        given().auth().oauth2(TestTokens.partner(partner)).when().get("/api/v1/households/{id}", ownHousehold).then().statusCode(200);
    }

    @Test
    void aCommunityGroupHasMembersACoordinatorAndItsCoachingPartner() {
        String partner = PartnerFixtures.fresh();
        String coordinator = personServedBy("Pak Karta", partner);
        String member = personServedBy("Bu Imas", partner);
        String body = """
                {"name": "Komunitas Pemulung Bantar Gebang", "provinceCode": "32", "regencyCode": "32.01",
                 "memberIds": ["%s", "%s"], "coordinatorId": "%s"}""".formatted(coordinator, member, coordinator);
        String id = given().auth().oauth2(TestTokens.partner(partner)).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/community-groups")
                .then().statusCode(201)
                .body("coachingPartnerId", equalTo(partner))
                .body("coordinatorId", equalTo(coordinator))
                .body("members", hasSize(2))
                .extract().path("id");

        given().auth().oauth2(TestTokens.partner(UUID.randomUUID().toString())).when().get("/api/v1/community-groups/{id}", id)
                .then().statusCode(404);
        given().auth().oauth2(TestTokens.admin()).queryParam("coachingPartnerId", partner).when().get("/api/v1/community-groups")
                .then().statusCode(200).body("items.id", contains(id));
        given().auth().oauth2(TestTokens.partner(partner)).when().delete("/api/v1/community-groups/{id}/members/{b}", id, coordinator)
                .then().statusCode(409);
        given().auth().oauth2(TestTokens.partner(partner)).when().delete("/api/v1/community-groups/{id}/members/{b}", id, member)
                .then().statusCode(200).body("members", hasSize(1));
        given().auth().oauth2(TestTokens.partner(partner)).contentType(ContentType.JSON)
                .body("{\"beneficiaryId\": \"" + person("Not Served") + "\"}")
                .when().post("/api/v1/community-groups/{id}/members", id)
                .then().statusCode(422).body("code", equalTo("unprocessable")).body("errors[0].field", equalTo("beneficiaryId"));
    }

    @Test
    void theCoordinatorMustBeAMemberAndTheRegionReal() {
        String a = person("Asep");
        given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON)
                .body("""
                        {"name": "Kelompok", "coachingPartnerId": "%s", "provinceCode": "32", "regencyCode": "31.71",
                         "memberIds": ["%s"], "coordinatorId": "%s"}""".formatted(UUID.randomUUID(), a, UUID.randomUUID()))
                .when().post("/api/v1/community-groups")
                .then().statusCode(400)
                .body("errors.field", hasItem("coordinatorId"))
                .body("errors.field", hasItem("regencyCode"));
    }

    /** A person named in the body, not the path: unknown or out of reach is 422 naming the field, as for every reference. */
    @Test
    void aPersonTheCallerDoesNotReachIsRefusedAsAReferenceNamingItsField() {
        String head = person("Dadang");
        String unknown = UUID.randomUUID().toString();
        given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON).body(household(kk(), head, unknown))
                .when().post("/api/v1/households")
                .then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("unprocessable")).body("errors[0].field", equalTo("members[1].beneficiaryId"));
        String otherUnits = BeneficiaryFixtures.registerFull("Orang Unit Lain", NikFixtures.woman(), TestTokens.UNIT_B).path("id");
        String partner = PartnerFixtures.fresh();
        given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON)
                .body("""
                        {"name": "Kelompok Jangkauan", "coachingPartnerId": "%s", "memberIds": ["%s", "%s"], "coordinatorId": "%s"}"""
                        .formatted(partner, head, otherUnits, head))
                .when().post("/api/v1/community-groups")
                .then().statusCode(422).body("code", equalTo("unprocessable"))
                .body("errors[0].field", equalTo("memberIds")).body("errors[0].message", containsString(otherUnits));
    }

    /** Unknown and out of reach are one answer, so that a caller cannot learn that a person of another unit exists. */
    @Test
    void anUnknownPersonAndAnotherUnitsPersonAreRefusedAlike() {
        String id = given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON).body(household(kk(), person("Engkus")))
                .when().post("/api/v1/households").then().statusCode(201).extract().path("id");
        String unknown = UUID.randomUUID().toString();
        String otherUnits = BeneficiaryFixtures.registerFull("Orang Lain Unit", NikFixtures.woman(), TestTokens.UNIT_B).path("id");
        List<String> answers = new ArrayList<>();
        for (String person : List.of(unknown, otherUnits)) {
            var answer = given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON)
                    .body("{\"beneficiaryId\": \"" + person + "\", \"relationship\": \"CHILD\"}")
                    .when().post("/api/v1/households/{id}/members", id).then().extract();
            answers.add(answer.statusCode() + " " + answer.path("code") + " " + answer.path("errors[0].field") + " "
                    + answer.path("detail").toString().replace(person, "<id>") + " " + answer.path("errors[0].message").toString().replace(person, "<id>"));
        }
        assertEquals(answers.get(0), answers.get(1));
        assertTrue(answers.get(0).startsWith("422 unprocessable beneficiaryId "), answers.get(0));
    }
}
