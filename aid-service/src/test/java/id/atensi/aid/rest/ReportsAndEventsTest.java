package id.atensi.aid.rest;

import id.atensi.aid.DistributionFixtures;
import id.atensi.aid.ProgrammeFixtures;
import id.atensi.aid.ReadModelFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import id.atensi.testing.TopicReader;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static id.atensi.aid.DistributionFixtures.act;
import static id.atensi.aid.ProgrammeFixtures.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "aid"))
class ReportsAndEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void totalsByStatusAndARecipientsHistory() {
        String[] programme = ProgrammeFixtures.programme(50_000_000);
        String item = ProgrammeFixtures.item("STAPLE_FOOD_PACKAGE", 250_000);
        String person = ReadModelFixtures.beneficiary("REGISTERED");
        String delivered = DistributionFixtures.propose(TestTokens.officer(), DistributionFixtures.proposal(programme, "PERSON", person, item, 4)).statusCode(201).extract().path("id");
        act(DistributionFixtures.APPROVER, delivered, "approve").statusCode(200);
        act(TestTokens.officer(), delivered, "dispatch").statusCode(200);
        act(TestTokens.officer(), delivered, "deliver", DistributionFixtures.delivery()).statusCode(200);
        String approved = DistributionFixtures.proposed(programme, item, 10);
        act(DistributionFixtures.APPROVER, approved, "approve").statusCode(200);
        DistributionFixtures.proposed(programme, item, 2);

        var totals = as(TestTokens.auditor()).get("/api/v1/aid/reports/totals?by=status&programmeId={p}", programme[0]).then().statusCode(200);
        totals.body("find { it.key == 'DELIVERED' }.deliveredIdr", equalTo(1_000_000))
                .body("find { it.key == 'APPROVED' }.committedIdr", equalTo(2_500_000))
                .body("find { it.key == 'PROPOSED' }.proposedIdr", equalTo(500_000))
                .body("find { it.key == 'PROPOSED' }.committedIdr", equalTo(0));
        ProgrammeFixtures.programmeView(programme[0]).body("committedIdr", equalTo(3_500_000)).body("deliveredIdr", equalTo(1_000_000));

        as(TestTokens.officer()).get("/api/v1/aid/distributions?recipientKind=PERSON&recipientId={r}", person).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].id", equalTo(delivered)).body("items[0].status", equalTo("DELIVERED"));
        as(TestTokens.officer()).get("/api/v1/aid/reports/totals?by=district").then().statusCode(400).body("errors[0].field", equalTo("by"));
        as(TestTokens.viewer()).get("/api/v1/aid/reports/totals?by=status").then().statusCode(403);
    }

    @Test
    void aPartnersTotalsCoverOnlyWhatItChannels() {
        String[] programme = ProgrammeFixtures.programme(50_000_000);
        String item = ProgrammeFixtures.item("EQUIPMENT", 1_000_000);
        String lks = ReadModelFixtures.partner();
        DistributionFixtures.propose(TestTokens.partner(lks), DistributionFixtures.proposal(programme, "COMMUNITY_GROUP", ReadModelFixtures.group(), item, 3)).statusCode(201);
        DistributionFixtures.proposed(programme, item, 7);
        as(TestTokens.partner(lks)).get("/api/v1/aid/reports/totals?by=programme&programmeId={p}", programme[0]).then().statusCode(200)
                .body("[0].distributions", equalTo(1)).body("[0].proposedIdr", equalTo(3_000_000));
        as(TestTokens.officer()).get("/api/v1/aid/reports/totals?by=programme&programmeId={p}", programme[0]).then().statusCode(200)
                .body("[0].distributions", equalTo(2)).body("[0].proposedIdr", equalTo(10_000_000));
    }

    @Test
    void programmeAndDistributionEventsCarryIdsAndAmountsOnly() throws Exception {
        try (TopicReader topic = TopicReader.of("atensi.aid.events")) {
            String[] programme = ProgrammeFixtures.programme(9_000_000);
            String item = ProgrammeFixtures.item("EQUIPMENT", 1_500_000);
            String person = ReadModelFixtures.beneficiary("ACTIVE");
            String delivered = DistributionFixtures.propose(TestTokens.officer(), DistributionFixtures.proposal(programme, "PERSON", person, item, 2)).statusCode(201).extract().path("id");
            act(DistributionFixtures.APPROVER, delivered, "approve").statusCode(200);
            act(TestTokens.officer(), delivered, "dispatch").statusCode(200);
            act(TestTokens.officer(), delivered, "deliver", DistributionFixtures.delivery()).statusCode(200);
            String cancelled = DistributionFixtures.proposed(programme, item, 1);
            act(DistributionFixtures.APPROVER, cancelled, "approve").statusCode(200);
            act(TestTokens.officer(), cancelled, "cancel", Map.of("reason", "Penerima pindah")).statusCode(200);
            as(TestTokens.admin()).post("/api/v1/aid/programmes/{id}/close", programme[0]).then().statusCode(200);

            JsonNode opened = awaitEvent(topic, "atensi.aid.programme.opened.v1", programme[0]);
            assertEquals(9_000_000L, opened.path("budgetIdr").asLong());
            assertEquals("SOCIAL_AID", opened.path("kind").asText());
            JsonNode approved = awaitEvent(topic, "atensi.aid.distribution.approved.v1", delivered);
            assertEquals(3_000_000L, approved.path("amountIdr").asLong());
            assertEquals(programme[1], approved.path("fundingSourceId").asText());
            assertEquals(person, approved.path("recipientId").asText());
            assertEquals(3_000_000L, awaitEvent(topic, "atensi.aid.distribution.dispatched.v1", delivered).path("amountIdr").asLong());
            JsonNode deliveredEvent = awaitEvent(topic, "atensi.aid.distribution.delivered.v1", delivered);
            assertEquals(3_000_000L, deliveredEvent.path("deliveredIdr").asLong());
            assertFalse(deliveredEvent.path("partial").asBoolean());
            assertFalse(deliveredEvent.toString().contains("Ketua kelompok"), "no personal data: " + deliveredEvent);
            assertFalse(approved.toString().contains("Penerima"), "no personal data: " + approved);
            JsonNode cancelledEvent = awaitEvent(topic, "atensi.aid.distribution.cancelled.v1", cancelled);
            assertEquals(1_500_000L, cancelledEvent.path("releasedIdr").asLong());
            assertEquals("CANCELLED", cancelledEvent.path("outcome").asText());
            assertFalse(cancelledEvent.toString().contains("pindah"), "the reason may name people: not in the event");
            JsonNode closed = awaitEvent(topic, "atensi.aid.programme.closed.v1", programme[0]);
            assertEquals(3_000_000L, closed.path("committedIdr").asLong());
            assertEquals(3_000_000L, closed.path("deliveredIdr").asLong());
        }
    }

    private static JsonNode awaitEvent(TopicReader topic, String type, String subject) throws Exception {
        ConsumerRecord<String, byte[]> record = topic.await(r -> type.equals(TopicReader.header(r, "ce_type"))
                && subject.equals(TopicReader.header(r, "ce_subject")), Duration.ofSeconds(30));
        assertEquals("/atensi/aid", TopicReader.header(record, "ce_source"));
        assertEquals(subject, record.key());
        return JSON.readTree(TopicReader.value(record));
    }
}
