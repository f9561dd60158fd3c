package id.atensi.training.events;

import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.EventTopic;
import id.atensi.testing.TopicReader;
import id.atensi.testing.TopicWriter;
import id.atensi.training.ClassFixtures;
import id.atensi.training.ReadModelFixtures;
import id.atensi.training.events.KnownBeneficiary;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;

import static id.atensi.training.ReadModelFixtures.knownBeneficiaries;
import static id.atensi.training.ClassFixtures.officer;
import static id.atensi.training.ClassFixtures.openClass;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who may enrol as a beneficiary comes from the beneficiary service's events (contract: atensi.beneficiary.*.v1). */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "training"))
class BeneficiaryReadModelTest {

    private static final EventTopic BENEFICIARIES = new EventTopic("atensi.beneficiary.events", "/atensi/beneficiary");
    private static final String ENROLMENTS = "/api/v1/training/classes/{id}/enrolments";

    @Test
    void terminatedBeneficiaryCannotEnrol() {
        String beneficiary = knownBeneficiaries(1).get(0);
        statusChanged(UUID.randomUUID().toString(), beneficiary, "TERMINATED");
        awaitKnown(beneficiary, known -> "TERMINATED".equals(known.status));

        officer().body(enrolBody(beneficiary)).when().post(ENROLMENTS, openClass(10, 1, "BENEFICIARY"))
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("beneficiaryId"))
                .body("beneficiaryStatus", equalTo("TERMINATED"));
    }

    @Test
    void beneficiaryMergedAwayCannotEnrolAndTheAnswerNamesTheSurvivor() {
        var ids = knownBeneficiaries(2);
        String mergedAway = ids.get(0);
        String survivor = ids.get(1);
        BENEFICIARIES.publish(UUID.randomUUID().toString(), "atensi.beneficiary.merged.v1", mergedAway, """
                {"beneficiaryId":"%s","survivorId":"%s","mergedAt":"2024-03-01T10:00:00+07:00"}""".formatted(mergedAway, survivor));
        awaitKnown(mergedAway, known -> known.mergedInto != null);
        String classId = openClass(10, 1, "BENEFICIARY");

        officer().body(enrolBody(mergedAway)).when().post(ENROLMENTS, classId)
                .then().statusCode(422).body("errors.field", hasItem("beneficiaryId")).body("survivorId", equalTo(survivor));
        officer().body(enrolBody(survivor)).when().post(ENROLMENTS, classId).then().statusCode(201);
    }

    @Test
    void updatedEventRenamesAndActiveOrGraduatedBeneficiariesStillEnrol() {
        var ids = knownBeneficiaries(2);
        BENEFICIARIES.publish(UUID.randomUUID().toString(), "atensi.beneficiary.updated.v1", ids.get(0), """
                {"beneficiaryId":"%s","fullName":"Renamed Person","serviceUnitId":"%s","partnerIds":[],"changedFields":["fullName"],
                 "updatedAt":"2024-03-01T10:00:00+07:00","provinceCode":"16","regencyCode":"16.71"}"""
                .formatted(ids.get(0), ClassFixtures.HOST_UNIT));
        statusChanged(UUID.randomUUID().toString(), ids.get(1), "GRADUATED");
        awaitKnown(ids.get(0), known -> "Renamed Person".equals(known.fullName));
        awaitKnown(ids.get(1), known -> "GRADUATED".equals(known.status));
        String classId = openClass(10, 1, "BENEFICIARY");

        officer().body(enrolBody(ids.get(0))).when().post(ENROLMENTS, classId).then().statusCode(201).body("fullName", equalTo("Renamed Person"));
        officer().body(enrolBody(ids.get(1))).when().post(ENROLMENTS, classId).then().statusCode(201);
    }

    @Test
    void aRedeliveredBeneficiaryEventChangesNothing() {
        String beneficiary = knownBeneficiaries(1).get(0);
        String activeEvent = UUID.randomUUID().toString();
        statusChanged(activeEvent, beneficiary, "ACTIVE");
        awaitKnown(beneficiary, known -> "ACTIVE".equals(known.status));
        String terminatedEvent = UUID.randomUUID().toString();
        statusChanged(terminatedEvent, beneficiary, "TERMINATED");
        awaitKnown(beneficiary, known -> "TERMINATED".equals(known.status));

        // The ACTIVE event again, as after a producer retry or a rewound offset: applied, it would reopen a closed case.
        statusChanged(activeEvent, beneficiary, "ACTIVE");
        ReadModelFixtures.awaitConsumedAfter(TopicWriter.shared(), BENEFICIARIES.name(), "beneficiary-read-model", "atensi.beneficiary.household.registered.v1", beneficiary);

        KnownBeneficiary known = find(beneficiary);
        assertEquals("TERMINATED", known.status);
        assertEquals(terminatedEvent, known.lastEventId);
    }

    @Test
    void poisonAndUnappliableBeneficiaryEventsAreDeadLetteredAndConsumptionGoesOn() {
        try (TopicReader deadLetters = BENEFICIARIES.deadLetters()) {
            String poisonKey = UUID.randomUUID().toString();
            BENEFICIARIES.raw(poisonKey, "not a cloud event".getBytes(StandardCharsets.UTF_8));
            String neverRegistered = UUID.randomUUID().toString();
            statusChanged(UUID.randomUUID().toString(), neverRegistered, "ACTIVE");
            String after = knownBeneficiaries(1).get(0);

            ConsumerRecord<String, byte[]> poison = deadLetters.await(r -> poisonKey.equals(r.key()), Duration.ofSeconds(20));
            ConsumerRecord<String, byte[]> unknown = deadLetters.await(r -> neverRegistered.equals(r.key()), Duration.ofSeconds(20));
            assertEquals("beneficiary-read-model", TopicReader.header(poison, "atensi-dlq-consumer"));
            assertTrue(TopicReader.header(unknown, "atensi-dlq-reason").contains("never received"), TopicReader.header(unknown, "atensi-dlq-reason"));
            officer().body(enrolBody(after)).when().post(ENROLMENTS, openClass(10, 1, "BENEFICIARY")).then().statusCode(201);
        }
    }

    private static void statusChanged(String eventId, String beneficiary, String toStatus) {
        BENEFICIARIES.publish(eventId, "atensi.beneficiary.status-changed.v1", beneficiary, """
                {"beneficiaryId":"%s","fromStatus":"REGISTERED","toStatus":"%s","reason":"case review","changedAt":"2024-03-01T10:00:00+07:00"}"""
                .formatted(beneficiary, toStatus));
    }

    private static String enrolBody(String beneficiary) {
        return "{\"beneficiaryId\":\"" + beneficiary + "\",\"audience\":\"BENEFICIARY\"}";
    }

    private static KnownBeneficiary find(String beneficiary) {
        return QuarkusTransaction.requiringNew().call(() -> KnownBeneficiary.<KnownBeneficiary>findById(UUID.fromString(beneficiary)));
    }

    private static void awaitKnown(String beneficiary, Predicate<KnownBeneficiary> state) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            KnownBeneficiary known = find(beneficiary);
            return known != null && state.test(known);
        });
    }
}
