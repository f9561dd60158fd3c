package id.atensi.aid.rest;

import id.atensi.aid.ReadModelFixtures;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static id.atensi.aid.DistributionFixtures.APPROVER;
import static id.atensi.aid.DistributionFixtures.act;
import static id.atensi.aid.DistributionFixtures.delivery;
import static id.atensi.aid.DistributionFixtures.propose;
import static id.atensi.aid.DistributionFixtures.proposal;
import static id.atensi.aid.ProgrammeFixtures.as;
import static id.atensi.aid.ProgrammeFixtures.item;
import static id.atensi.aid.ProgrammeFixtures.programme;
import static id.atensi.aid.ReadModelFixtures.consent;
import static id.atensi.aid.ReadModelFixtures.namedBeneficiary;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** The person's right of access: everything the aid service holds on one beneficiary, as one document. */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "aid"))
class DataSubjectTest {

    private static final String SUBJECT = "/internal/v1/data-subjects/{id}";

    @Test
    void theDocumentHoldsTheNameConsentsAndEveryDistributionWithItsProof() {
        String name = "Aid Data Subject " + UUID.randomUUID();
        String person = namedBeneficiary(name);
        consent(person, "PARTNER_SHARING", false);
        consent(person, "STATISTICS_AND_RESEARCH", true);
        String[] programme = programme(5_000_000);
        Map<String, Object> request = new HashMap<>(proposal(programme, "PERSON", person, item("ASSISTIVE_DEVICE", 1_200_000), 1));
        request.put("note", "Needs a wheelchair");
        String id = propose(TestTokens.officer(), request).statusCode(201).extract().path("id");
        act(APPROVER, id, "approve").statusCode(200);
        act(TestTokens.officer(), id, "dispatch").statusCode(200);
        act(TestTokens.officer(), id, "deliver", delivery()).statusCode(200);

        for (String token : List.of(TestTokens.admin(), TestTokens.officer())) {
            as(token).get(SUBJECT, person).then().statusCode(200)
                    .body("beneficiaryId", equalTo(person)).body("service", equalTo("aid"))
                    .body("known.fullName", equalTo(name)).body("known.serviceUnitId", equalTo(TestTokens.UNIT_A))
                    .body("consents.purpose", contains("PARTNER_SHARING", "STATISTICS_AND_RESEARCH"))
                    .body("consents.given", contains(false, true))
                    .body("distributions", hasSize(1))
                    .body("distributions[0].id", equalTo(id))
                    .body("distributions[0].note", equalTo("Needs a wheelchair"))
                    .body("distributions[0].deliveredIdr", equalTo(1_200_000))
                    .body("distributions[0].proof.receivedBy", equalTo("Ketua kelompok"));
        }
    }

    @Test
    void anotherUnitsOfficerAPartnerAnAuditorAndAnUnknownIdAreRefused() {
        String person = namedBeneficiary("Of Unit A " + UUID.randomUUID());

        as(TestTokens.officer(TestTokens.UNIT_B)).get(SUBJECT, person).then().statusCode(404).contentType("application/problem+json");
        as(TestTokens.admin()).get(SUBJECT, UUID.randomUUID()).then().statusCode(404);
        as(TestTokens.partner(ReadModelFixtures.partner())).get(SUBJECT, person).then().statusCode(403);
        as(TestTokens.auditor()).get(SUBJECT, person).then().statusCode(403);
        io.restassured.RestAssured.given().get(SUBJECT, person).then().statusCode(401);
        as(TestTokens.admin()).get(SUBJECT, person).then().statusCode(200).body("distributions", hasSize(0));
    }
}
