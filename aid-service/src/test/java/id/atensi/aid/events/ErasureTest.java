package id.atensi.aid.events;

import id.atensi.aid.ReadModelFixtures;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.DatabaseScan;
import id.atensi.testing.EventTopic;
import id.atensi.testing.TestTokens;
import id.atensi.testing.TopicReader;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static id.atensi.aid.DistributionFixtures.APPROVER;
import static id.atensi.aid.DistributionFixtures.PROOF_SHA;
import static id.atensi.aid.DistributionFixtures.act;
import static id.atensi.aid.DistributionFixtures.propose;
import static id.atensi.aid.DistributionFixtures.proposal;
import static id.atensi.aid.ProgrammeFixtures.as;
import static id.atensi.aid.ProgrammeFixtures.item;
import static id.atensi.aid.ProgrammeFixtures.programme;
import static id.atensi.aid.ReadModelFixtures.BENEFICIARY_TOPIC;
import static id.atensi.aid.ReadModelFixtures.consent;
import static id.atensi.aid.ReadModelFixtures.erased;
import static id.atensi.aid.ReadModelFixtures.namedBeneficiary;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The erasure of a person's personal data (atensi.beneficiary.erased.v1, issue 18): the name becomes the pseudonym and
 * the personal details of the person's distributions go, in every table of the service, while budgets and totals stay
 * exactly as they were; later events and a replay of the topic do not bring the name back.
 */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "aid"))
class ErasureTest {

    @Inject
    AgroalDataSource dataSource;

    private static final EventTopic BENEFICIARIES = new EventTopic(BENEFICIARY_TOPIC, "/atensi/beneficiary");
    private static final String DISTRIBUTION = "/api/v1/aid/distributions/{id}";
    private static final String KNOWN = "/api/v1/aid/recipients/beneficiaries/{id}";

    @Test
    void erasureRemovesTheNameAndEveryPersonalDetailWhileBudgetsAndTotalsStayExactlyAsTheyWere() {
        String suffix = UUID.randomUUID().toString();
        String name = "Erased Recipient " + suffix;
        List<String> personal = List.of(name, "Note about her illness " + suffix, "Override because of the flood " + suffix,
                "Returned: moved to Batam " + suffix, "Her neighbour " + suffix, "Gang Melati 3 " + suffix, "s3://proofs/" + suffix + ".jpg");
        String pseudonym = "PSN-" + UUID.randomUUID();
        String person = namedBeneficiary(name);
        String partner = ReadModelFixtures.partner();
        consent(person, "PARTNER_SHARING", true);
        String[] programme = programme(50_000_000);
        String food = item("STAPLE_FOOD_PACKAGE", 150_000);

        String delivered = propose(TestTokens.officer(), with(proposal(programme, "PERSON", person, food, 3), "note", personal.get(1),
                "channellingPartnerId", partner)).statusCode(201).extract().path("id");
        act(APPROVER, delivered, "approve").statusCode(200);
        act(TestTokens.officer(), delivered, "dispatch").statusCode(200);
        act(TestTokens.officer(), delivered, "deliver", Map.of("proof", Map.of("receivedBy", personal.get(4),
                "receivedAt", "2026-03-05T10:00:00+07:00", "place", personal.get(5), "latitude", -6.2, "longitude", 106.8,
                "fileReference", personal.get(6), "fileSha256", PROOF_SHA))).statusCode(200);
        String overridden = propose(TestTokens.officer(), with(proposal(programme, "PERSON", person, food, 1), "duplicateOverride",
                Map.of("reason", personal.get(2)))).statusCode(201).extract().path("id");
        act(APPROVER, overridden, "approve").statusCode(200);
        act(TestTokens.officer(), overridden, "dispatch").statusCode(200);
        act(TestTokens.officer(), overridden, "return", Map.of("reason", personal.get(3))).statusCode(200);
        // A stored answer from before answers kept no personal details, as the proposal call answered then.
        storeOldAnswer(delivered, "{\"id\":\"" + delivered + "\",\"note\":\"" + personal.get(1) + "\"}");
        for (String value : personal) {
            assertTrue(!DatabaseScan.columnsHolding(dataSource, value).isEmpty(), "the test holds " + value);
        }
        Map<String, Object> before = figures(programme[0]);

        erased(person, pseudonym, "REQUEST");

        for (String value : personal) {
            assertEquals(List.of(), DatabaseScan.columnsHolding(dataSource, value), value);
        }
        assertEquals(before, figures(programme[0]));
        as(TestTokens.officer()).get(KNOWN, person).then().statusCode(200).body("fullName", equalTo(pseudonym));
        as(TestTokens.admin()).get(DISTRIBUTION, delivered).then().statusCode(200)
                .body("status", equalTo("DELIVERED")).body("deliveredIdr", equalTo(450_000)).body("recipientId", equalTo(person))
                .body("note", nullValue()).body("proof.receivedBy", equalTo(pseudonym)).body("proof.place", nullValue())
                .body("proof.latitude", nullValue()).body("proof.fileReference", nullValue()).body("proof.fileSha256", equalTo(PROOF_SHA))
                .body("proof.receivedAt", org.hamcrest.Matchers.notNullValue());
        as(TestTokens.admin()).get(DISTRIBUTION, overridden).then().statusCode(200)
                .body("status", equalTo("RETURNED")).body("duplicateOverrideReason", nullValue()).body("closeReason", nullValue());
        PersonalDataErasure audit = QuarkusTransaction.requiringNew().call(() -> PersonalDataErasure.findById(UUID.fromString(person)));
        assertEquals("REQUEST", audit.reason);
        assertEquals(2, audit.distributions);
        assertEquals(1, audit.storedAnswers);
    }

    @Test
    void erasingAPersonErasesTheRecordsMergedIntoThemToo() {
        String oldName = "Merged Away Name " + UUID.randomUUID();
        String pseudonym = "PSN-" + UUID.randomUUID();
        String mergedAway = namedBeneficiary(oldName);
        String survivor = namedBeneficiary("Survivor " + UUID.randomUUID());
        BENEFICIARIES.publish(UUID.randomUUID().toString(), "atensi.beneficiary.merged.v1", mergedAway, """
                {"beneficiaryId":"%s","survivorId":"%s","mergedAt":"2026-03-01T10:00:00+07:00"}""".formatted(mergedAway, survivor));
        ReadModelFixtures.awaitConsumedAfter(mergedAway);

        erased(survivor, pseudonym, "REQUEST");

        assertEquals(List.of(), DatabaseScan.columnsHolding(dataSource, oldName));
        assertEquals(pseudonym, known(mergedAway).fullName);
        assertNotNull(QuarkusTransaction.requiringNew().call(() -> PersonalDataErasure.findById(UUID.fromString(mergedAway))));
    }

    @Test
    void laterEventsAboutAnErasedPersonDoNotBringTheNameBack() {
        String name = "Renamed After Erasure " + UUID.randomUUID();
        String pseudonym = "PSN-" + UUID.randomUUID();
        String person = namedBeneficiary("Before " + name);
        erased(person, pseudonym, "RETENTION");

        BENEFICIARIES.publish(UUID.randomUUID().toString(), "atensi.beneficiary.updated.v1", person, """
                {"beneficiaryId":"%s","fullName":"%s","serviceUnitId":"%s","provinceCode":"32","regencyCode":"32.75"}"""
                .formatted(person, name, TestTokens.UNIT_A));
        BENEFICIARIES.publish(UUID.randomUUID().toString(), "atensi.beneficiary.registered.v1", person, """
                {"beneficiaryId":"%s","fullName":"%s","status":"ACTIVE","registeredAt":"2026-01-05T08:00:00+07:00"}"""
                .formatted(person, name));
        ReadModelFixtures.awaitConsumedAfter(person);

        assertEquals(pseudonym, known(person).fullName);
        assertEquals(List.of(), DatabaseScan.columnsHolding(dataSource, name));
    }

    @Test
    void anErasureOfAPersonNeverHeardOfIsRecordedAndKeepsALaterRegistrationFromStoringTheName() {
        String person = UUID.randomUUID().toString();
        String pseudonym = "PSN-" + UUID.randomUUID();
        erased(person, pseudonym, "REQUEST");

        assertNull(known(person));
        PersonalDataErasure audit = QuarkusTransaction.requiringNew().call(() -> PersonalDataErasure.findById(UUID.fromString(person)));
        assertNotNull(audit, "the erasure is audited although nothing was held");
        assertEquals(0, audit.distributions);

        BENEFICIARIES.publish(UUID.randomUUID().toString(), "atensi.beneficiary.registered.v1", person, """
                {"beneficiaryId":"%s","fullName":"Never Heard Of","status":"ACTIVE","registeredAt":"2026-01-05T08:00:00+07:00"}"""
                .formatted(person));
        await().atMost(Duration.ofSeconds(20)).until(() -> known(person) != null);
        assertEquals(pseudonym, known(person).fullName);
    }

    @Test
    void aReplayOfTheTopicFromTheBeginningEndsErasedWithTheConsentsAsTheyWere() {
        String name = "Replayed Erasure " + UUID.randomUUID();
        String pseudonym = "PSN-" + UUID.randomUUID();
        String person = namedBeneficiary(name);
        String partner = ReadModelFixtures.partner();
        consent(person, "PARTNER_SHARING", true);
        String id = propose(TestTokens.partner(partner), proposal(programme(1_000_000), "PERSON", person, item("CASH", 10_000), 1))
                .statusCode(201).extract().path("id");
        erased(person, pseudonym, "REQUEST");

        io.restassured.RestAssured.given().auth().oauth2(TestTokens.admin())
                .post("/admin/event-consumers/{name}/replay", "beneficiary-read-model").then().statusCode(204);
        // The marker follows the erasure on the person's partition: once it is consumed, the whole history was replayed.
        ReadModelFixtures.awaitConsumedAfter(person);

        assertEquals(pseudonym, known(person).fullName);
        assertEquals(List.of(), DatabaseScan.columnsHolding(dataSource, name));
        as(TestTokens.partner(partner)).get(DISTRIBUTION, id).then().statusCode(200).body("personalDataWithheld", equalTo(false));
    }

    @Test
    void incompleteErasuresAndConsentsAreDeadLetteredAndAFreeTextPurposeIsIgnored() {
        try (TopicReader deadLetters = BENEFICIARIES.deadLetters()) {
            String noPseudonym = UUID.randomUUID().toString();
            BENEFICIARIES.publish(UUID.randomUUID().toString(), "atensi.beneficiary.erased.v1", noPseudonym, """
                    {"beneficiaryId":"%s","erasedAt":"2026-09-01T09:00:00+07:00","reason":"REQUEST"}""".formatted(noPseudonym));
            String noGiven = UUID.randomUUID().toString();
            BENEFICIARIES.publish(UUID.randomUUID().toString(), "atensi.beneficiary.consent-changed.v1", noGiven, """
                    {"beneficiaryId":"%s","purpose":"PARTNER_SHARING","changedAt":"2026-09-01T09:00:00+07:00"}""".formatted(noGiven));

            ConsumerRecord<String, byte[]> erasure = deadLetters.await(r -> noPseudonym.equals(r.key()), Duration.ofSeconds(20));
            ConsumerRecord<String, byte[]> consentRecord = deadLetters.await(r -> noGiven.equals(r.key()), Duration.ofSeconds(20));
            assertTrue(TopicReader.header(erasure, "atensi-dlq-reason").contains("pseudonym"));
            assertTrue(TopicReader.header(consentRecord, "atensi-dlq-reason").contains("given"));
            assertEquals("beneficiary-read-model", TopicReader.header(erasure, "atensi-dlq-consumer"));

            String after = namedBeneficiary("After Bad Payloads " + UUID.randomUUID());
            consent(after, "berbagi data dengan mitra", true);
            assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> KnownConsent.count("beneficiaryId", UUID.fromString(after))));
            consent(after, "PARTNER_SHARING", true);
            assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> KnownConsent.count("beneficiaryId", UUID.fromString(after))));
        }
    }

    /** Every figure an erasure must leave as it was: the programme's budget view and each totals report. */
    private static Map<String, Object> figures(String programmeId) {
        Map<String, Object> figures = new HashMap<>();
        figures.put("programme", as(TestTokens.admin()).get("/api/v1/aid/programmes/{id}", programmeId).then().statusCode(200)
                .extract().jsonPath().getMap("$"));
        for (String by : List.of("programme", "funding-source", "partner", "region", "regency", "item", "status")) {
            figures.put(by, as(TestTokens.admin()).queryParam("by", by).queryParam("programmeId", programmeId)
                    .get("/api/v1/aid/reports/totals").then().statusCode(200).extract().jsonPath().getList("$"));
        }
        return figures;
    }

    private static Map<String, Object> with(Map<String, Object> proposal, Object... pairs) {
        Map<String, Object> request = new HashMap<>(proposal);
        for (int i = 0; i < pairs.length; i += 2) {
            request.put((String) pairs[i], pairs[i + 1]);
        }
        return request;
    }

    private static void storeOldAnswer(String distributionId, String body) {
        QuarkusTransaction.requiringNew().run(() -> KnownBeneficiary.getEntityManager().createNativeQuery("""
                        INSERT INTO idempotency_key (caller, key, operation, request_hash, resource_id, response_body)
                        VALUES ('officer-before', :key, 'propose-distribution', 'hash', :resource, :body)""")
                .setParameter("key", UUID.randomUUID().toString())
                .setParameter("resource", UUID.fromString(distributionId))
                .setParameter("body", body)
                .executeUpdate());
    }

    private static KnownBeneficiary known(String beneficiary) {
        return QuarkusTransaction.requiringNew().call(() -> KnownBeneficiary.<KnownBeneficiary>findById(UUID.fromString(beneficiary)));
    }
}
