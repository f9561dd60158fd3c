package id.atensi.beneficiary.events;

import id.atensi.beneficiary.BeneficiaryFixtures;
import id.atensi.beneficiary.NikFixtures;
import id.atensi.beneficiary.PartnerFixtures;
import id.atensi.beneficiary.ServiceUnitFixtures;
import id.atensi.beneficiary.TimelineEntryIds;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import id.atensi.testing.TopicWriter;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Aid on the timelines of the people it reached, from the aid service's events written to the topic as it writes them:
 * {@code distribution.approved.v2}, and v1 beside it for the same approval, which adds nothing a second time.
 */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "beneficiary"))
class AidTimelineConsumerTest {

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void serviceUnitsAreKnown() {
        ServiceUnitFixtures.standard();
    }

    private static String registered() {
        return BeneficiaryFixtures.register("Asep Sunandar", NikFixtures.man(), NikFixtures.MAN_BIRTH_DATE, "MALE");
    }

    private static void approvedV2(TopicWriter writer, String distribution, String recipientKind, String recipientId, long amountIdr,
                                   String day) {
        writer.cloudEvent("atensi.aid.events", UUID.randomUUID().toString(), "atensi.aid.distribution.approved.v2", "/atensi/aid",
                distribution, """
                        {"distributionId": "%s", "programmeId": "%s", "fundingMode": "SHARED",
                         "fundingShares": [{"fundingSourceId": "%s", "amountIdr": %d}, {"fundingSourceId": "%s", "amountIdr": %d}],
                         "channellingPartnerId": null, "recipientKind": "%s", "recipientId": "%s", "amountIdr": %d,
                         "approvedAt": "%sT00:00:00Z"}"""
                        .formatted(distribution, UUID.randomUUID(), UUID.randomUUID(), amountIdr - amountIdr / 2, UUID.randomUUID(),
                                amountIdr / 2, recipientKind, recipientId, amountIdr, day));
    }

    private static void approvedV1(TopicWriter writer, String distribution, String recipientKind, String recipientId, long amountIdr,
                                   String day) {
        writer.cloudEvent("atensi.aid.events", UUID.randomUUID().toString(), "atensi.aid.distribution.approved.v1", "/atensi/aid",
                distribution, """
                        {"distributionId": "%s", "programmeId": "%s", "fundingSourceId": null, "channellingPartnerId": null,
                         "recipientKind": "%s", "recipientId": "%s", "amountIdr": %d, "approvedAt": "%sT00:00:00Z"}"""
                        .formatted(distribution, UUID.randomUUID(), recipientKind, recipientId, amountIdr, day));
    }

    private static void delivered(TopicWriter writer, String distribution, long amountIdr, String day) {
        writer.cloudEvent("atensi.aid.events", UUID.randomUUID().toString(), "atensi.aid.distribution.delivered.v1", "/atensi/aid",
                distribution, """
                        {"distributionId": "%s", "programmeId": "%s", "amountIdr": %d, "deliveredIdr": %d, "partial": false,
                         "deliveredAt": "%sT01:00:00Z"}""".formatted(distribution, UUID.randomUUID(), amountIdr, amountIdr, day));
    }

    /** Publishes an aid distribution approved (v2) for a recipient and then delivered in full; answers its id. */
    private static String aidDelivered(String recipientKind, String recipientId, long amountIdr, String day) {
        String distribution = UUID.randomUUID().toString();
        try (TopicWriter writer = TopicWriter.create()) {
            approvedV2(writer, distribution, recipientKind, recipientId, amountIdr, day);
            delivered(writer, distribution, amountIdr, day);
        }
        return distribution;
    }

    private static void awaitOnTimeline(String id, String kind) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            List<String> kinds = given().auth().oauth2(TestTokens.officer()).when().get("/api/v1/beneficiaries/{id}/timeline", id)
                    .then().statusCode(200).extract().path("kind");
            if (kinds.contains(kind)) {
                return;
            }
            Thread.sleep(200);
        }
        fail(kind + " did not reach the timeline of " + id);
    }

    @Test
    void aidToThePersonReachesTheTimelineThroughItsDistribution() throws InterruptedException {
        String id = registered();
        aidDelivered("PERSON", id, 500000, "2030-01-01");
        awaitOnTimeline(id, "aid.delivered");
        given().auth().oauth2(TestTokens.officer()).when().get("/api/v1/beneficiaries/{id}/timeline", id)
                .then().body("kind", contains("registered", "aid.approved", "aid.delivered"))
                .body("[1].summary", equalTo("aid of Rp 500000 approved"))
                .body("[2].summary", containsString("500000"));
    }

    @Test
    void aidDeliveredToACommunityGroupReachesEveryMembersTimelineWithTimeOrderedIds()
            throws InterruptedException, SQLException {
        String coordinator = registered();
        String member = registered();
        String outsider = registered();
        String group = given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON)
                .body("""
                        {"name": "Komunitas Bantuan", "coachingPartnerId": "%s", "memberIds": ["%s", "%s"], "coordinatorId": "%s"}"""
                        .formatted(PartnerFixtures.fresh(), coordinator, member, coordinator))
                .when().post("/api/v1/community-groups").then().statusCode(201).extract().path("id");
        String distribution = aidDelivered("COMMUNITY_GROUP", group, 2500000, "2030-02-01");
        awaitOnTimeline(member, "aid.delivered");
        for (String person : List.of(coordinator, member)) {
            given().auth().oauth2(TestTokens.officer()).when().get("/api/v1/beneficiaries/{id}/timeline", person)
                    .then().body("kind", contains("registered", "aid.approved", "aid.delivered"))
                    .body("[2].summary", equalTo("aid delivered to the community group: Rp 2500000"))
                    .body("[2].referenceId", equalTo(distribution));
            // Entries for a whole group are written at once: random ids would scatter them over timeline_entry's B-tree
            assertEquals(List.of(7, 7), TimelineEntryIds.versions(dataSource, person, "aid"),
                    "versions of " + person + "'s aid entries' ids");
        }
        given().auth().oauth2(TestTokens.officer()).when().get("/api/v1/beneficiaries/{id}/timeline", outsider)
                .then().body("kind", contains("registered"));
    }

    @Test
    void anApprovalPublishedAsV1AndV2IsOnTheTimelineOnce() throws InterruptedException {
        String id = registered();
        String distribution = UUID.randomUUID().toString();
        try (TopicWriter writer = TopicWriter.create()) {
            // The order the aid service writes them in its outbox.
            approvedV1(writer, distribution, "PERSON", id, 750000, "2030-03-01");
            approvedV2(writer, distribution, "PERSON", id, 750000, "2030-03-01");
            delivered(writer, distribution, 750000, "2030-03-01");
        }
        awaitOnTimeline(id, "aid.delivered");
        given().auth().oauth2(TestTokens.officer()).when().get("/api/v1/beneficiaries/{id}/timeline", id)
                .then().body("kind", contains("registered", "aid.approved", "aid.delivered"));
    }

    @Test
    void anApprovalPublishedBeforeV2ExistedStillReachesTheTimeline() throws InterruptedException {
        String id = registered();
        String distribution = UUID.randomUUID().toString();
        try (TopicWriter writer = TopicWriter.create()) {
            approvedV1(writer, distribution, "PERSON", id, 300000, "2029-12-01");
            delivered(writer, distribution, 300000, "2029-12-01");
        }
        awaitOnTimeline(id, "aid.delivered");
        given().auth().oauth2(TestTokens.officer()).when().get("/api/v1/beneficiaries/{id}/timeline", id)
                .then().body("kind", contains("registered", "aid.approved", "aid.delivered"));
    }
}
