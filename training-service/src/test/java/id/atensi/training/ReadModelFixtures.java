package id.atensi.training;

import id.atensi.testing.TopicWriter;
import id.atensi.training.events.KnownBeneficiary;
import id.atensi.training.events.KnownPartner;
import id.atensi.training.events.KnownServiceUnit;
import io.quarkus.narayana.jta.QuarkusTransaction;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * The partner and beneficiary read models fed as the other services would feed them, through their topics, each step
 * waiting until the training service has taken the events in.
 */
public final class ReadModelFixtures {

    public static final String PARTNER_TOPIC = "atensi.partner.events";
    public static final String BENEFICIARY_TOPIC = "atensi.beneficiary.events";

    private static boolean referenceDataKnown;

    private ReadModelFixtures() {
    }

    /** Announces both test units and {@link ClassFixtures#PROVIDER} once per run, as the partner service would: classes may name only known ones. */
    public static synchronized void knowReferenceData() {
        if (!referenceDataKnown) {
            knownUnits(ClassFixtures.HOST_UNIT, ClassFixtures.OTHER_UNIT);
            knownPartners(ClassFixtures.PROVIDER);
            referenceDataKnown = true;
        }
    }

    /** Announces service units as the partner service would, and waits until the training service knows them all. */
    public static void knownUnits(UUID... units) {
        try (TopicWriter writer = TopicWriter.create()) {
            for (UUID unit : units) {
                writer.cloudEvent(PARTNER_TOPIC, UUID.randomUUID().toString(), "atensi.partner.service-unit.registered.v1",
                        "/atensi/partner", unit.toString(), """
                                {"serviceUnitId":"%s","name":"Sentra %s","kind":"SENTRA","provinceCode":"31","regencyCode":"31.75",
                                 "residentialCapacity":120,"clusters":["DISABILITY"]}""".formatted(unit, unit));
            }
        }
        List<UUID> ids = List.of(units);
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> KnownServiceUnit.count("serviceUnitId in ?1", ids)) == ids.size());
    }

    /** Announces that the partner service closed (INACTIVE) or reopened (ACTIVE) a unit, and waits until the training service knows. */
    public static void unitStatus(UUID unit, String status) {
        try (TopicWriter writer = TopicWriter.create()) {
            writer.cloudEvent(PARTNER_TOPIC, UUID.randomUUID().toString(), "atensi.partner.service-unit.updated.v1", "/atensi/partner",
                    unit.toString(), """
                            {"serviceUnitId":"%s","name":"Sentra %s","kind":"SENTRA","provinceCode":"31","regencyCode":"31.75",
                             "residentialCapacity":120,"clusters":["DISABILITY"],"status":"%s"}""".formatted(unit, unit, status));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() -> {
            KnownServiceUnit known = KnownServiceUnit.findById(unit);
            return known != null && status.equals(known.status);
        }));
    }

    /** Announces active partners as the partner service would, and waits until the training service knows them all. */
    public static void knownPartners(UUID... partners) {
        try (TopicWriter writer = TopicWriter.create()) {
            for (UUID partner : partners) {
                writer.cloudEvent(PARTNER_TOPIC, UUID.randomUUID().toString(), "atensi.partner.registered.v1", "/atensi/partner",
                        partner.toString(), partnerJson(partner, "ACTIVE"));
            }
        }
        List<UUID> ids = List.of(partners);
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> KnownPartner.count("partnerId in ?1", ids)) == ids.size());
    }

    public static String partnerJson(UUID partner, String status) {
        return """
                {"partnerId":"%s","type":"CSR","legalName":"PT Mitra %s","shortName":"Mitra","status":"%s","provinceCode":"31",
                 "regencyCode":"31.75","clusters":["DISABILITY"]}""".formatted(partner, partner, status);
    }

    /**
     * Sends an event type the consumer ignores under {@code key}, so to the same partition as the events before it, and waits
     * until the consumer recorded it: by then it has consumed everything sent before it under that key.
     */
    public static void awaitConsumedAfter(TopicWriter writer, String topic, String consumer, String ignoredType, String key) {
        String marker = UUID.randomUUID().toString();
        writer.cloudEvent(topic, marker, ignoredType, "/atensi/test", key, "{}");
        await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew().call(() -> ((Number) KnownPartner.getEntityManager()
                .createNativeQuery("SELECT count(*) FROM inbox_event WHERE consumer = :consumer AND event_id = :id")
                .setParameter("consumer", consumer).setParameter("id", marker).getSingleResult()).intValue()) == 1);
    }

    /** Registers one beneficiary under {@code fullName} and waits until the training service knows them. */
    public static String knownBeneficiary(String fullName) {
        String id = UUID.randomUUID().toString();
        TopicWriter.shared().cloudEvent(BENEFICIARY_TOPIC, UUID.randomUUID().toString(), "atensi.beneficiary.registered.v1",
                "/atensi/beneficiary", id, """
                        {"beneficiaryId":"%s","fullName":"%s","status":"REGISTERED","registeredAt":"2024-01-02T08:00:00+07:00"}"""
                        .formatted(id, fullName));
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> KnownBeneficiary.findById(UUID.fromString(id)) != null));
        return id;
    }

    /**
     * Announces that the person gave or withdrew consent to {@code purpose}, as the beneficiary service would, and waits
     * until the training service has consumed it.
     */
    public static void consent(String beneficiary, String purpose, boolean given) {
        TopicWriter.shared().cloudEvent(BENEFICIARY_TOPIC, UUID.randomUUID().toString(), "atensi.beneficiary.consent-changed.v1",
                "/atensi/beneficiary", beneficiary, """
                        {"beneficiaryId":"%s","consentId":"%s","purpose":"%s","given":%s,"changedAt":"2024-02-01T09:00:00+07:00",
                         "recordedBy":"officer-1","evidence":{"kind":"SIGNED_FORM","reference":"F-1"}}"""
                        .formatted(beneficiary, UUID.randomUUID(), purpose, given));
        awaitConsumedAfter(TopicWriter.shared(), BENEFICIARY_TOPIC, "beneficiary-read-model", "atensi.beneficiary.household.registered.v1",
                beneficiary);
    }

    /** Announces the erasure of a person's personal data, as the beneficiary service would, and waits until it is consumed. */
    public static void erased(String beneficiary, String pseudonym, String reason) {
        TopicWriter.shared().cloudEvent(BENEFICIARY_TOPIC, UUID.randomUUID().toString(), "atensi.beneficiary.erased.v1",
                "/atensi/beneficiary", beneficiary, """
                        {"beneficiaryId":"%s","pseudonym":"%s","erasedAt":"2024-09-01T09:00:00+07:00","reason":"%s"}"""
                        .formatted(beneficiary, pseudonym, reason));
        awaitConsumedAfter(TopicWriter.shared(), BENEFICIARY_TOPIC, "beneficiary-read-model", "atensi.beneficiary.household.registered.v1",
                beneficiary);
    }

    /** Registers beneficiaries as the beneficiary service would announce them, and waits until the training service knows them all. */
    public static List<String> knownBeneficiaries(int count) {
        List<String> ids = new ArrayList<>();
        try (TopicWriter writer = TopicWriter.create()) {
            for (int i = 0; i < count; i++) {
                String id = UUID.randomUUID().toString();
                ids.add(id);
                writer.cloudEvent("atensi.beneficiary.events", UUID.randomUUID().toString(), "atensi.beneficiary.registered.v1",
                        "/atensi/beneficiary", id, """
                                {"beneficiaryId":"%s","fullName":"Beneficiary %d","status":"REGISTERED","registeredAt":"2024-01-02T08:00:00+07:00"}"""
                                .formatted(id, i));
            }
        }
        List<UUID> uuids = ids.stream().map(UUID::fromString).toList();
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> KnownBeneficiary.count("beneficiaryId in ?1", uuids)) == uuids.size());
        return ids;
    }
}
