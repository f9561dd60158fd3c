package id.atensi.aid.service;

import id.atensi.aid.DistributionFixtures;
import id.atensi.aid.ProgrammeFixtures;
import id.atensi.aid.ReadModelFixtures;
import id.atensi.local.Tokens;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static id.atensi.aid.DistributionFixtures.act;
import static id.atensi.aid.ProgrammeFixtures.as;
import static id.atensi.aid.DistributionFixtures.propose;
import static id.atensi.aid.DistributionFixtures.proposal;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** Issue 9: an officer reaches the distributions of its own service unit; another unit's answer 404 and are left out of lists and totals. */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "aid"))
class AidAccessTest {

    private static final String OFFICER_B = TestTokens.officer(TestTokens.UNIT_B);
    private static final String APPROVER_B = TestTokens.scoped("approver-b", Tokens.Scope.unit(TestTokens.UNIT_B), "officer");

    @Test
    void anOfficerOfAnotherUnitNeitherSeesNorMovesAUnitsDistribution() {
        String[] programme = ProgrammeFixtures.programme(10_000_000);
        String item = ProgrammeFixtures.item("STAPLE_FOOD_PACKAGE", 300_000);
        String ofA = DistributionFixtures.proposed(programme, item, 2);
        String householdB = ReadModelFixtures.collectives("household", 1, TestTokens.UNIT_B, "94", "94.71", true).get(0);
        String ofB = propose(OFFICER_B, proposal(programme, "HOUSEHOLD", householdB, item, 5)).statusCode(201)
                .body("serviceUnitId", equalTo(TestTokens.UNIT_B)).body("provinceCode", equalTo("94")).extract().path("id");

        as(OFFICER_B).get("/api/v1/aid/distributions/{id}", ofA).then().statusCode(404).contentType("application/problem+json");
        for (String action : new String[] {"approve", "dispatch"}) {
            act(APPROVER_B, ofA, action).statusCode(404);
        }
        act(APPROVER_B, ofA, "cancel", Map.of("reason", "bukan wilayah kami")).statusCode(404);
        act(APPROVER_B, ofA, "deliver", DistributionFixtures.delivery()).statusCode(404);
        act(APPROVER_B, ofA, "return", Map.of("reason", "x")).statusCode(404);
        as(OFFICER_B).get("/api/v1/aid/distributions?programmeId={p}", programme[0]).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].id", equalTo(ofB));
        as(OFFICER_B).get("/api/v1/aid/reports/totals?by=programme&programmeId={p}", programme[0]).then().statusCode(200)
                .body("[0].distributions", equalTo(1)).body("[0].proposedIdr", equalTo(1_500_000));

        // each unit's own officers do their work; admins and auditors see both units
        act(APPROVER_B, ofB, "approve").statusCode(200);
        act(OFFICER_B, ofB, "dispatch").statusCode(200);
        act(DistributionFixtures.APPROVER, ofA, "approve").statusCode(200);
        act(DistributionFixtures.APPROVER, ofB, "cancel", Map.of("reason", "x")).statusCode(404);
        as(TestTokens.officer()).get("/api/v1/aid/distributions?programmeId={p}", programme[0]).then()
                .body("total", equalTo(1)).body("items[0].id", equalTo(ofA));
        as(TestTokens.auditor()).get("/api/v1/aid/reports/totals?by=programme&programmeId={p}", programme[0]).then()
                .body("[0].distributions", equalTo(2)).body("[0].committedIdr", equalTo(2_100_000));
        as(TestTokens.admin()).get("/api/v1/aid/distributions?programmeId={p}", programme[0]).then().body("total", equalTo(2));
    }

    @Test
    void anOfficerProposesForItsOwnUnitOnly() {
        String[] programme = ProgrammeFixtures.programme(10_000_000);
        String item = ProgrammeFixtures.item("EQUIPMENT", 1_000_000);
        propose(OFFICER_B, proposal(programme, "HOUSEHOLD", ReadModelFixtures.household(), item, 1)).statusCode(403).body("rule", equalTo("other-unit"));
        propose(OFFICER_B, proposal(programme, "PERSON", ReadModelFixtures.beneficiary("ACTIVE"), item, 1)).statusCode(403).body("rule", equalTo("other-unit"));
        String unitless = ReadModelFixtures.collectives("group", 1, null, null, null, true).get(0);
        propose(OFFICER_B, proposal(programme, "COMMUNITY_GROUP", unitless, item, 1)).statusCode(201)
                .body("serviceUnitId", equalTo(TestTokens.UNIT_B));
    }

    @Test
    void anOfficerReadsTheKnownBeneficiariesOfItsOwnUnitOnly() {
        String ofA = ReadModelFixtures.beneficiary("ACTIVE");
        String ofB = ReadModelFixtures.beneficiary("ACTIVE", TestTokens.UNIT_B, "94", "94.71");
        as(OFFICER_B).get("/api/v1/aid/recipients/beneficiaries/{id}", ofA).then().statusCode(404);
        as(OFFICER_B).get("/api/v1/aid/recipients/beneficiaries/{id}", ofB).then().statusCode(200)
                .body("serviceUnitId", equalTo(TestTokens.UNIT_B)).body("provinceCode", equalTo("94"));
        as(OFFICER_B).get("/api/v1/aid/recipients/beneficiaries?size=100").then().statusCode(200)
                .body("items.serviceUnitId", not(hasItem(TestTokens.UNIT_A))).body("items.beneficiaryId", hasItem(ofB));
        as(TestTokens.officer()).get("/api/v1/aid/recipients/beneficiaries/{id}", ofA).then().statusCode(200);
    }

    @Test
    void aDistributionOfNoUnitIsReadByOfficersButMovedOnlyByAdmins() {
        String[] programme = ProgrammeFixtures.programme(10_000_000);
        String item = ProgrammeFixtures.item("EQUIPMENT", 1_000_000);
        String unitless = ReadModelFixtures.collectives("group", 1, null, null, null, true).get(0);
        String id = propose(TestTokens.admin(), proposal(programme, "COMMUNITY_GROUP", unitless, item, 1)).statusCode(201)
                .body("serviceUnitId", equalTo(null)).extract().path("id");
        as(TestTokens.officer()).get("/api/v1/aid/distributions/{id}", id).then().statusCode(200);
        as(OFFICER_B).get("/api/v1/aid/distributions?programmeId={p}", programme[0]).then().body("total", equalTo(1));
        act(DistributionFixtures.APPROVER, id, "approve").statusCode(403).body("rule", equalTo("no-unit-admin-only"));
        act(TestTokens.scoped("another-admin", Tokens.Scope.none(), "admin"), id, "approve").statusCode(200);
    }

    @Test
    void ifMatchOnATransitionIsOptionalButEnforcedWhenSent() {
        String[] programme = ProgrammeFixtures.programme(10_000_000);
        String id = DistributionFixtures.proposed(programme, ProgrammeFixtures.item("EQUIPMENT", 1_000_000), 1);
        String etag = as(TestTokens.officer()).get("/api/v1/aid/distributions/{id}", id).then().statusCode(200).extract().header("ETag");
        as(DistributionFixtures.APPROVER).header("If-Match", "\"41\"").post("/api/v1/aid/distributions/{id}/approve", id).then().statusCode(412)
                .contentType("application/problem+json").body("code", equalTo("precondition-failed"));
        String approved = as(DistributionFixtures.APPROVER).header("If-Match", etag).post("/api/v1/aid/distributions/{id}/approve", id).then().statusCode(200)
                .header("ETag", equalTo("\"1\"")).extract().header("ETag");
        as(TestTokens.officer()).header("If-Match", etag).post("/api/v1/aid/distributions/{id}/dispatch", id).then().statusCode(412);
        as(TestTokens.officer()).header("If-Match", approved).post("/api/v1/aid/distributions/{id}/dispatch", id).then().statusCode(200);
        as(TestTokens.officer()).header("If-Match", approved).body(DistributionFixtures.delivery()).post("/api/v1/aid/distributions/{id}/deliver", id)
                .then().statusCode(412);
        act(TestTokens.officer(), id, "deliver", DistributionFixtures.delivery()).statusCode(200);
        ProgrammeFixtures.programmeView(programme[0]).body("deliveredIdr", equalTo(1_000_000));
    }

    @Test
    void aTokenForAnotherAudienceIsRefusedWith401() {
        as(TestTokens.scoped("x", Tokens.Scope.none().withAudience("another-platform"), "admin"))
                .get("/api/v1/aid/programmes").then().statusCode(401).contentType("application/problem+json");
    }
}
