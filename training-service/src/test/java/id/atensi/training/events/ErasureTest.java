package id.atensi.training.events;

import id.atensi.commons.readmodel.ConsentReadModel;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.DatabaseScan;
import id.atensi.testing.EventTopic;
import id.atensi.testing.TestTokens;
import id.atensi.testing.TopicReader;
import id.atensi.testing.TopicWriter;
import id.atensi.training.ReadModelFixtures;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static id.atensi.training.ClassFixtures.PROVIDER;
import static id.atensi.training.ClassFixtures.as;
import static id.atensi.training.ClassFixtures.enrolStaff;
import static id.atensi.training.ClassFixtures.mark;
import static id.atensi.training.ClassFixtures.officer;
import static id.atensi.training.ClassFixtures.runningClass;
import static id.atensi.training.ClassFixtures.sessionIds;
import static id.atensi.training.ClassFixtures.transition;
import static id.atensi.training.ReadModelFixtures.BENEFICIARY_TOPIC;
import static id.atensi.training.ReadModelFixtures.consent;
import static id.atensi.training.ReadModelFixtures.erased;
import static id.atensi.training.ReadModelFixtures.knownBeneficiary;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The erasure of a person's personal data (atensi.beneficiary.erased.v1, issue 18): the name becomes the pseudonym and
 * the free text about the person goes, in every table of the service, while the class and programme reports stay
 * exactly as they were; later events and a replay of the topic do not bring the name back.
 */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "training"))
class ErasureTest {

    @Inject
    AgroalDataSource dataSource;

    private static final EventTopic BENEFICIARIES = new EventTopic(BENEFICIARY_TOPIC, "/atensi/beneficiary");
    private static final String ENROLMENTS = "/api/v1/training/classes/{id}/enrolments";
    private static final String ENROLMENT = ENROLMENTS + "/{enrolmentId}";

    @Test
    void erasureReplacesTheNameEverywhereRemovesTheNotesAndLeavesTheReportsExactlyAsTheyWere() {
        String name = "Erased Person " + UUID.randomUUID();
        String note = "Lives behind the old mosque " + UUID.randomUUID();
        String pseudonym = "PSN-" + UUID.randomUUID();
        String person = knownBeneficiary(name);
        consent(person, "PARTNER_SHARING", true);
        Participation p = participation(person, note);
        // A stored answer from before answers kept no name, naming the person as the enrolment call answered then.
        storeOldAnswer(p.enrolmentId, "{\"id\":\"" + p.enrolmentId + "\",\"fullName\":\"" + name + "\"}");
        assertEquals(List.of("enrolment.full_name", "idempotency_key.response_body", "known_beneficiary.full_name", "outcome.note"),
                sorted(DatabaseScan.columnsHolding(dataSource, name), DatabaseScan.columnsHolding(dataSource, note)), "the test holds the personal data it erases");
        Map<String, Object> classReport = report("/api/v1/training/classes/" + p.classId + "/report");
        Map<String, Object> programmeReport = report("/api/v1/training/programmes/" + p.programmeId + "/report");

        erased(person, pseudonym, "REQUEST");

        assertEquals(List.of(), DatabaseScan.columnsHolding(dataSource, name));
        assertEquals(List.of(), DatabaseScan.columnsHolding(dataSource, note));
        assertEquals(classReport, report("/api/v1/training/classes/" + p.classId + "/report"));
        assertEquals(programmeReport, report("/api/v1/training/programmes/" + p.programmeId + "/report"));
        officer().when().get(ENROLMENT, p.classId, p.enrolmentId).then().statusCode(200)
                .body("fullName", equalTo(pseudonym)).body("status", equalTo("COMPLETED")).body("sessionsAttended", equalTo(2))
                .body("certificateNumber", org.hamcrest.Matchers.startsWith("TRN-"));
        officer().when().get(ENROLMENT + "/outcomes", p.classId, p.enrolmentId).then().statusCode(200)
                .body("[0].kind", equalTo("EMPLOYED")).body("[0].incomeBand", equalTo("FROM_1M_TO_3M")).body("[0].note", nullValue());
        as(TestTokens.partner(PROVIDER.toString())).when().get(ENROLMENT, p.classId, p.enrolmentId).then().statusCode(200)
                .body("fullName", equalTo(pseudonym));
        PersonalDataErasure audit = QuarkusTransaction.requiringNew().call(() -> PersonalDataErasure.findById(UUID.fromString(person)));
        assertEquals("REQUEST", audit.reason);
        assertEquals(pseudonym, audit.pseudonym);
        assertEquals(1, audit.enrolments);
        assertEquals(1, audit.outcomes);
        assertEquals(1, audit.storedAnswers);
    }

    @Test
    void erasingAPersonErasesTheRecordsMergedIntoThemToo() {
        String oldName = "Merged Away Name " + UUID.randomUUID();
        String pseudonym = "PSN-" + UUID.randomUUID();
        String mergedAway = knownBeneficiary(oldName);
        String survivor = knownBeneficiary("Survivor " + UUID.randomUUID());
        String classId = runningClass(10, 1, "BENEFICIARY");
        String enrolment = officer().body(enrolBody(mergedAway)).when().post(ENROLMENTS, classId).then().statusCode(201).extract().path("id");
        BENEFICIARIES.publish(UUID.randomUUID().toString(), "atensi.beneficiary.merged.v1", mergedAway, """
                {"beneficiaryId":"%s","survivorId":"%s","mergedAt":"2024-03-01T10:00:00+07:00"}""".formatted(mergedAway, survivor));
        ReadModelFixtures.awaitConsumedAfter(TopicWriter.shared(), BENEFICIARY_TOPIC, "beneficiary-read-model",
                "atensi.beneficiary.household.registered.v1", mergedAway);

        erased(survivor, pseudonym, "REQUEST");

        assertEquals(List.of(), DatabaseScan.columnsHolding(dataSource, oldName));
        assertEquals(pseudonym, known(mergedAway).fullName);
        officer().when().get(ENROLMENT, classId, enrolment).then().statusCode(200).body("fullName", equalTo(pseudonym));
        assertNotNull(QuarkusTransaction.requiringNew().call(() -> PersonalDataErasure.findById(UUID.fromString(mergedAway))));
    }

    @Test
    void laterEventsAboutAnErasedPersonDoNotBringTheNameBack() {
        String name = "Renamed After Erasure " + UUID.randomUUID();
        String pseudonym = "PSN-" + UUID.randomUUID();
        String person = knownBeneficiary("Before " + name);
        erased(person, pseudonym, "RETENTION");

        BENEFICIARIES.publish(UUID.randomUUID().toString(), "atensi.beneficiary.updated.v1", person, """
                {"beneficiaryId":"%s","fullName":"%s"}""".formatted(person, name));
        BENEFICIARIES.publish(UUID.randomUUID().toString(), "atensi.beneficiary.registered.v1", person, """
                {"beneficiaryId":"%s","fullName":"%s","status":"REGISTERED","registeredAt":"2024-01-02T08:00:00+07:00"}"""
                .formatted(person, name));
        ReadModelFixtures.awaitConsumedAfter(TopicWriter.shared(), BENEFICIARY_TOPIC, "beneficiary-read-model",
                "atensi.beneficiary.household.registered.v1", person);

        assertEquals(pseudonym, known(person).fullName);
        assertEquals(List.of(), DatabaseScan.columnsHolding(dataSource, name));
    }

    @Test
    void anErasureOfAPersonNeverHeardOfIsRecordedAndKeepsALaterRegistrationFromStoringTheName() {
        String person = UUID.randomUUID().toString();
        String pseudonym = "PSN-" + UUID.randomUUID();
        String name = "Never Heard Of " + UUID.randomUUID();
        erased(person, pseudonym, "REQUEST");

        assertNull(known(person));
        PersonalDataErasure audit = QuarkusTransaction.requiringNew().call(() -> PersonalDataErasure.findById(UUID.fromString(person)));
        assertNotNull(audit, "the erasure is audited although nothing was held");
        assertEquals(0, audit.enrolments);

        BENEFICIARIES.publish(UUID.randomUUID().toString(), "atensi.beneficiary.registered.v1", person, """
                {"beneficiaryId":"%s","fullName":"%s","status":"REGISTERED","registeredAt":"2024-01-02T08:00:00+07:00"}"""
                .formatted(person, name));
        await().atMost(Duration.ofSeconds(20)).until(() -> known(person) != null);
        assertEquals(pseudonym, known(person).fullName);
    }

    @Test
    void aReplayOfTheTopicFromTheBeginningEndsErasedWithTheConsentsAsTheyWere() {
        String name = "Replayed Erasure " + UUID.randomUUID();
        String pseudonym = "PSN-" + UUID.randomUUID();
        String person = knownBeneficiary(name);
        consent(person, "PARTNER_SHARING", true);
        String classId = runningClass(10, 1, "BENEFICIARY");
        String enrolment = officer().body(enrolBody(person)).when().post(ENROLMENTS, classId).then().statusCode(201).extract().path("id");
        erased(person, pseudonym, "REQUEST");

        given().post("/admin/event-consumers/{name}/replay", "beneficiary-read-model").then().statusCode(204);
        // The marker follows the erasure on the person's partition: once it is consumed, the whole history was replayed.
        ReadModelFixtures.awaitConsumedAfter(TopicWriter.shared(), BENEFICIARY_TOPIC, "beneficiary-read-model",
                "atensi.beneficiary.household.registered.v1", person);

        assertEquals(pseudonym, known(person).fullName);
        assertEquals(List.of(), DatabaseScan.columnsHolding(dataSource, name));
        as(TestTokens.partner(PROVIDER.toString())).when().get(ENROLMENT, classId, enrolment).then().statusCode(200)
                .body("fullName", equalTo(pseudonym)).body("personalDataWithheld", equalTo(false));
    }

    @Test
    void incompleteErasuresAndConsentsAreDeadLetteredAndConsumptionGoesOn() {
        try (TopicReader deadLetters = BENEFICIARIES.deadLetters()) {
            String noPseudonym = UUID.randomUUID().toString();
            BENEFICIARIES.publish(UUID.randomUUID().toString(), "atensi.beneficiary.erased.v1", noPseudonym, """
                    {"beneficiaryId":"%s","erasedAt":"2024-09-01T09:00:00+07:00","reason":"REQUEST"}""".formatted(noPseudonym));
            String noGiven = UUID.randomUUID().toString();
            BENEFICIARIES.publish(UUID.randomUUID().toString(), "atensi.beneficiary.consent-changed.v1", noGiven, """
                    {"beneficiaryId":"%s","purpose":"PARTNER_SHARING","changedAt":"2024-09-01T09:00:00+07:00"}""".formatted(noGiven));
            String unreadable = UUID.randomUUID().toString();
            BENEFICIARIES.publish(UUID.randomUUID().toString(), "atensi.beneficiary.erased.v1", unreadable, """
                    {"beneficiaryId":"%s","pseudonym":"P","erasedAt":"yesterday","reason":"REQUEST"}""".formatted(unreadable));

            ConsumerRecord<String, byte[]> erasure = deadLetters.await(r -> noPseudonym.equals(r.key()), Duration.ofSeconds(20));
            ConsumerRecord<String, byte[]> consentRecord = deadLetters.await(r -> noGiven.equals(r.key()), Duration.ofSeconds(20));
            deadLetters.await(r -> unreadable.equals(r.key()), Duration.ofSeconds(20));
            assertTrue(TopicReader.header(erasure, "atensi-dlq-reason").contains("pseudonym"), TopicReader.header(erasure, "atensi-dlq-reason"));
            assertTrue(TopicReader.header(consentRecord, "atensi-dlq-reason").contains("given"));
            assertNull(QuarkusTransaction.requiringNew().call(() -> PersonalDataErasure.findById(UUID.fromString(noPseudonym))));

            String after = knownBeneficiary("After Bad Payloads " + UUID.randomUUID());
            consent(after, "PARTNER_SHARING", true);
            assertTrue(QuarkusTransaction.requiringNew().call(() -> ConsentReadModel.givenFor(KnownConsent.class,
                    id.atensi.vocabulary.ConsentPurpose.PARTNER_SHARING, List.of(UUID.fromString(after)))).contains(UUID.fromString(after)));
        }
    }

    private record Participation(String classId, String enrolmentId, String programmeId) {
    }

    /**
     * The person and a named participant in a completed two-session class (the person PRESENT at both, the other at
     * one), with an outcome of the person's that has a note, so that every report figure has something to count.
     */
    private static Participation participation(String person, String note) {
        String classId = runningClass(10, 2, "BENEFICIARY", "PARTNER_STAFF");
        String enrolment = officer().body(enrolBody(person)).when().post(ENROLMENTS, classId).then().statusCode(201).extract().path("id");
        String staff = enrolStaff(classId, "Staff " + UUID.randomUUID());
        List<String> sessions = sessionIds(classId);
        mark(classId, sessions.get(0), enrolment, "PRESENT");
        mark(classId, sessions.get(1), enrolment, "PRESENT");
        mark(classId, sessions.get(0), staff, "PRESENT");
        mark(classId, sessions.get(1), staff, "ABSENT");
        transition(classId, "complete");
        officer().body("""
                        {"kind":"EMPLOYED","incomeBand":"FROM_1M_TO_3M","observedOn":"2024-06-30","note":"%s"}""".formatted(note))
                .when().post(ENROLMENT + "/outcomes", classId, enrolment).then().statusCode(201);
        String programme = officer().when().get("/api/v1/training/classes/{id}", classId).then().statusCode(200).extract().path("programmeId");
        return new Participation(classId, enrolment, programme);
    }

    private static void storeOldAnswer(String enrolmentId, String body) {
        QuarkusTransaction.requiringNew().run(() -> KnownBeneficiary.getEntityManager().createNativeQuery("""
                        INSERT INTO idempotency_key (caller, key, operation, request_hash, resource_id, response_body)
                        VALUES ('officer-before', :key, 'enrol:before', 'hash', :resource, :body)""")
                .setParameter("key", UUID.randomUUID().toString())
                .setParameter("resource", UUID.fromString(enrolmentId))
                .setParameter("body", body)
                .executeUpdate());
    }

    private static Map<String, Object> report(String path) {
        return officer().when().get(path).then().statusCode(200).extract().jsonPath().getMap("$");
    }

    private static List<String> sorted(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).distinct().sorted().toList();
    }

    private static io.restassured.specification.RequestSpecification given() {
        return io.restassured.RestAssured.given().auth().oauth2(TestTokens.admin());
    }

    private static String enrolBody(String beneficiary) {
        return "{\"beneficiaryId\":\"" + beneficiary + "\",\"audience\":\"BENEFICIARY\"}";
    }

    private static KnownBeneficiary known(String beneficiary) {
        return QuarkusTransaction.requiringNew().call(() -> KnownBeneficiary.<KnownBeneficiary>findById(UUID.fromString(beneficiary)));
    }
}
