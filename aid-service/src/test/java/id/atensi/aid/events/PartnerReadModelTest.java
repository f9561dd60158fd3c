package id.atensi.aid.events;

import id.atensi.aid.DistributionFixtures;
import id.atensi.aid.ProgrammeFixtures;
import id.atensi.aid.ReadModelFixtures;
import id.atensi.aid.events.KnownServiceUnit;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import id.atensi.testing.TopicWriter;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static id.atensi.aid.ProgrammeFixtures.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "aid"))
class PartnerReadModelTest {

    private static final String TOPIC = "atensi.partner.events";
    private static final String SOURCE = "/atensi/partner";

    @Test
    void aKnownActivePartnerChannelsAidAndAnUnknownOneIsRefused() {
        String lks = ReadModelFixtures.partner();
        String[] programme = ProgrammeFixtures.programme(10_000_000);
        String item = ProgrammeFixtures.item("STAPLE_FOOD_PACKAGE", 250_000);
        DistributionFixtures.propose(TestTokens.partner(lks), DistributionFixtures.proposal(programme, "COMMUNITY_GROUP", ReadModelFixtures.group(), item, 4))
                .statusCode(201).body("channellingPartnerVerified", equalTo(true));
        DistributionFixtures.propose(TestTokens.partner(UUID.randomUUID().toString()), DistributionFixtures.proposal(programme, "COMMUNITY_GROUP", ReadModelFixtures.group(), item, 1))
                .statusCode(422).body("rule", equalTo("unknown-partner"));
    }

    @Test
    void aDeactivatedPartnerChannelsNoMoreAidNorFundsAProgramme() {
        String lks = ReadModelFixtures.partner();
        ReadModelFixtures.publish(TOPIC, "atensi.partner.deactivated.v1", lks, """
                {"partnerId":"%s","legalName":"Yayasan Tutup","status":"INACTIVE","reason":"izin dicabut","deactivatedAt":"2026-02-01T00:00:00Z"}"""
                .formatted(lks));
        ReadModelFixtures.awaitPartner(lks, "INACTIVE");
        String[] programme = ProgrammeFixtures.programme(10_000_000);
        String item = ProgrammeFixtures.item("EQUIPMENT", 1_000_000);
        DistributionFixtures.propose(TestTokens.partner(lks), DistributionFixtures.proposal(programme, "COMMUNITY_GROUP", ReadModelFixtures.group(), item, 1))
                .statusCode(422).body("rule", equalTo("inactive-partner"));
        as(TestTokens.admin()).body(programme(Map.of("kind", "CSR", "partnerId", lks, "amountIdr", 1_000_000)))
                .post("/api/v1/aid/programmes").then().statusCode(422).body("rule", equalTo("inactive-partner"));
    }

    @Test
    void csrAndOtherNonStateFundersMustBeKnownActivePartners() {
        String csr = ReadModelFixtures.partner();
        as(TestTokens.admin()).body(programme(Map.of("kind", "CSR", "partnerId", UUID.randomUUID().toString(), "amountIdr", 1_000_000)))
                .post("/api/v1/aid/programmes").then().statusCode(422).body("rule", equalTo("unknown-partner"));
        as(TestTokens.admin()).body(programme(Map.of("kind", "OTHER", "funderName", "Baznas", "partnerId", UUID.randomUUID().toString(),
                        "amountIdr", 1_000_000)))
                .post("/api/v1/aid/programmes").then().statusCode(422).body("rule", equalTo("unknown-partner"));
        as(TestTokens.admin()).body(programme(Map.of("kind", "CSR", "partnerId", csr, "amountIdr", 1_000_000)))
                .post("/api/v1/aid/programmes").then().statusCode(201).body("fundingSources[0].partnerId", equalTo(csr));
    }

    @Test
    void anUpdatedPartnerEventReplacesWhatIsKnown() {
        String lks = ReadModelFixtures.partner();
        ReadModelFixtures.publish(TOPIC, "atensi.partner.updated.v1", lks, """
                {"partnerId":"%s","type":"LKS","legalName":"Yayasan Baru","status":"SUSPENDED","provinceCode":"18","regencyCode":"18.71"}"""
                .formatted(lks));
        ReadModelFixtures.awaitPartner(lks, "SUSPENDED");
        DistributionFixtures.propose(TestTokens.partner(lks), DistributionFixtures.proposal(ProgrammeFixtures.programme(1_000_000), "COMMUNITY_GROUP", ReadModelFixtures.group(), ProgrammeFixtures.item("CASH", 1), 1))
                .statusCode(422).body("rule", equalTo("inactive-partner"));
    }

    @Test
    void aClosedUnitTakesNoNewDistributionsWhileItsExistingOnesGoOn() {
        String unit = UUID.randomUUID().toString();
        unitEvent(UUID.randomUUID().toString(), "atensi.partner.service-unit.registered.v1", unit, "ACTIVE");
        awaitUnit(unit, "ACTIVE");
        List<String> households = ReadModelFixtures.collectives("household", 3, unit, null, null, true);
        String[] programme = ProgrammeFixtures.programme(10_000_000);
        String item = ProgrammeFixtures.item("STAPLE_FOOD_PACKAGE", 250_000);
        String existing = DistributionFixtures.propose(TestTokens.admin(), DistributionFixtures.proposal(programme, "HOUSEHOLD", households.get(0), item, 1))
                .statusCode(201).body("serviceUnitId", equalTo(unit)).extract().path("id");

        unitEvent(UUID.randomUUID().toString(), "atensi.partner.service-unit.updated.v1", unit, "INACTIVE");
        awaitUnit(unit, "INACTIVE");
        DistributionFixtures.propose(TestTokens.admin(), DistributionFixtures.proposal(programme, "HOUSEHOLD", households.get(1), item, 1))
                .statusCode(422).contentType("application/problem+json")
                .body("rule", equalTo("inactive-service-unit"))
                .body("serviceUnitId", equalTo(unit))
                .body("errors.field", hasItem("recipientId"));
        DistributionFixtures.propose(TestTokens.officer(unit), DistributionFixtures.proposal(programme, "HOUSEHOLD", households.get(1), item, 1))
                .statusCode(422).body("rule", equalTo("inactive-service-unit"));
        DistributionFixtures.act(TestTokens.officer(unit), existing, "approve").statusCode(200).body("status", equalTo("APPROVED"));

        unitEvent(UUID.randomUUID().toString(), "atensi.partner.service-unit.updated.v1", unit, "ACTIVE");
        awaitUnit(unit, "ACTIVE");
        DistributionFixtures.propose(TestTokens.admin(), DistributionFixtures.proposal(programme, "HOUSEHOLD", households.get(2), item, 1)).statusCode(201);
    }

    @Test
    void aUnitAnnouncedWithoutStatusTakesDistributions() {
        String old = UUID.randomUUID().toString();
        ReadModelFixtures.publish(TOPIC, "atensi.partner.service-unit.registered.v1", old, """
                {"serviceUnitId":"%s","name":"Balai Lama","kind":"BALAI","provinceCode":"32","residentialCapacity":50,"clusters":[]}"""
                .formatted(old));
        awaitUnit(old, "ACTIVE");
        String household = ReadModelFixtures.collectives("household", 1, old, null, null, true).get(0);
        DistributionFixtures.propose(TestTokens.admin(), DistributionFixtures.proposal(ProgrammeFixtures.programme(10_000_000), "HOUSEHOLD", household, ProgrammeFixtures.item("STAPLE_FOOD_PACKAGE", 250_000), 1))
                .statusCode(201).body("serviceUnitId", equalTo(old));
    }

    /** Issue 16's read-model policy: an id not heard of yet is refused (it may be a typo), and taken once its event arrives. */
    @Test
    void aUnitNotYetAnnouncedTakesNoDistributionUntilItsEventArrives() {
        String silent = UUID.randomUUID().toString();
        String[] programme = ProgrammeFixtures.programme(10_000_000);
        String item = ProgrammeFixtures.item("STAPLE_FOOD_PACKAGE", 250_000);
        String household = ReadModelFixtures.collectives("household", 1, silent, null, null, true).get(0);
        DistributionFixtures.propose(TestTokens.admin(), DistributionFixtures.proposal(programme, "HOUSEHOLD", household, item, 1))
                .statusCode(422).contentType("application/problem+json")
                .body("rule", equalTo("unknown-service-unit"))
                .body("serviceUnitId", equalTo(silent))
                .body("errors.field", hasItem("recipientId"));
        String unitless = ReadModelFixtures.collectives("group", 1, null, null, null, true).get(0);
        DistributionFixtures.propose(TestTokens.officer(silent), DistributionFixtures.proposal(programme, "COMMUNITY_GROUP", unitless, item, 1))
                .statusCode(422).body("rule", equalTo("unknown-service-unit")).body("serviceUnitId", equalTo(silent));

        unitEvent(UUID.randomUUID().toString(), "atensi.partner.service-unit.registered.v2", silent, "ACTIVE");
        awaitUnit(silent, "ACTIVE");
        DistributionFixtures.propose(TestTokens.admin(), DistributionFixtures.proposal(programme, "HOUSEHOLD", household, item, 1)).statusCode(201)
                .body("serviceUnitId", equalTo(silent));
    }

    @Test
    void aRedeliveredUnitEventDoesNotReopenAClosedUnit() {
        String unit = UUID.randomUUID().toString();
        String registeredId = UUID.randomUUID().toString();
        String closedId = UUID.randomUUID().toString();
        try (TopicWriter topic = TopicWriter.create()) {
            topic.cloudEvent(TOPIC, registeredId, "atensi.partner.service-unit.registered.v1", SOURCE, unit, unitJson(unit, "ACTIVE"));
            topic.cloudEvent(TOPIC, closedId, "atensi.partner.service-unit.updated.v1", SOURCE, unit, unitJson(unit, "INACTIVE"));
            awaitUnit(unit, "INACTIVE");

            // The registration again, as after a producer retry or a rewound offset: applied, it would reopen the unit.
            topic.cloudEvent(TOPIC, registeredId, "atensi.partner.service-unit.registered.v1", SOURCE, unit, unitJson(unit, "ACTIVE"));
            String marker = UUID.randomUUID().toString();
            topic.cloudEvent(TOPIC, marker, "atensi.partner.agreement.expired.v1", SOURCE, unit, "{}");
            await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew().call(() -> ((Number) KnownServiceUnit
                    .getEntityManager().createNativeQuery("SELECT count(*) FROM inbox_event WHERE consumer = 'partner-read-model' AND event_id = :id")
                    .setParameter("id", marker).getSingleResult()).intValue()) == 1);
        }
        KnownServiceUnit known = QuarkusTransaction.requiringNew().call(() -> KnownServiceUnit.<KnownServiceUnit>findById(UUID.fromString(unit)));
        assertEquals("INACTIVE", known.status);
        assertEquals(closedId, known.lastEventId);
    }

    @Test
    void partnerAndUnitEventsOfVersion2AreReadAsVersion1Is() {
        String lks = UUID.randomUUID().toString();
        ReadModelFixtures.publish(TOPIC, "atensi.partner.registered.v2", lks, """
                {"partnerId":"%s","type":"LKS","legalName":"Yayasan Versi Dua","shortName":"V2","status":"ACTIVE",
                 "provinceCode":"31","regencyCode":null,"clusters":["SOCIAL_EXCLUSION","TRAFFICKING_VICTIMS"],"parentId":null}"""
                .formatted(lks));
        ReadModelFixtures.awaitPartner(lks, "ACTIVE");
        ReadModelFixtures.publish(TOPIC, "atensi.partner.updated.v2", lks, """
                {"partnerId":"%s","type":"LKS","legalName":"Yayasan Versi Dua","shortName":"V2","status":"INACTIVE",
                 "provinceCode":"31","regencyCode":null,"clusters":["PERSONS_WITH_DISABILITIES"],"parentId":null}"""
                .formatted(lks));
        ReadModelFixtures.awaitPartner(lks, "INACTIVE");
        String unit = UUID.randomUUID().toString();
        unitEvent(UUID.randomUUID().toString(), "atensi.partner.service-unit.registered.v2", unit, "ACTIVE");
        awaitUnit(unit, "ACTIVE");
        unitEvent(UUID.randomUUID().toString(), "atensi.partner.service-unit.updated.v2", unit, "INACTIVE");
        awaitUnit(unit, "INACTIVE");
    }

    private static void unitEvent(String eventId, String type, String unit, String status) {
        try (TopicWriter topic = TopicWriter.create()) {
            topic.cloudEvent(TOPIC, eventId, type, SOURCE, unit, unitJson(unit, status));
        }
    }

    private static String unitJson(String unit, String status) {
        return """
                {"serviceUnitId":"%s","name":"Sentra Terpadu %s","kind":"SENTRA","provinceCode":"31","regencyCode":"31.75",
                 "residentialCapacity":120,"clusters":["ELDERLY"],"status":"%s"}""".formatted(unit, unit, status);
    }

    private static void awaitUnit(String unit, String status) {
        await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew().call(() -> {
            KnownServiceUnit known = KnownServiceUnit.findById(UUID.fromString(unit));
            return known != null && status.equals(known.status);
        }));
    }

    private static Map<String, Object> programme(Map<String, Object> share) {
        return ProgrammeFixtures.programmeRequest("Bansos CSR", List.of(share));
    }
}
