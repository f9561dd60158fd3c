package id.atensi.training.events;

import id.atensi.commons.events.ConsumedEvent;
import id.atensi.commons.events.EventConsumer;
import id.atensi.commons.events.PermanentEventFailure;
import id.atensi.commons.readmodel.ConsentReadModel;
import id.atensi.commons.time.ServiceClocks;
import id.atensi.training.domain.Enrolment;
import id.atensi.training.domain.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps {@link KnownBeneficiary} and {@link KnownConsent} up to date from the beneficiary service's events, and carries
 * out erasures ({@link PersonalDataErasure}). One person's events share a partition (key = beneficiary id), so a
 * registration always arrives before that person's later events, and an erasure after everything it erases; an update,
 * status change or merge that names a person never registered here cannot be applied and goes to the dead-letter topic.
 */
@ApplicationScoped
public class BeneficiaryReadModelConsumer implements EventConsumer {

    static final String REGISTERED = "atensi.beneficiary.registered.v1";
    static final String UPDATED = "atensi.beneficiary.updated.v1";
    static final String STATUS_CHANGED = "atensi.beneficiary.status-changed.v1";
    static final String MERGED = "atensi.beneficiary.merged.v1";
    static final String CONSENT_CHANGED = "atensi.beneficiary.consent-changed.v1";
    static final String ERASED = "atensi.beneficiary.erased.v1";

    private static final Logger LOG = Logger.getLogger(BeneficiaryReadModelConsumer.class);

    @Override
    public String name() {
        return "beneficiary-read-model";
    }

    @Override
    public Set<String> topics() {
        return Set.of("atensi.beneficiary.events");
    }

    /**
     * Clears what the events build; {@link PersonalDataErasure} stays, so that the replayed registration of an erased
     * person stores the pseudonym at once, and the replayed erasure finds nothing left to do.
     */
    @Override
    public void resetReadModel() {
        KnownBeneficiary.deleteAll();
        KnownConsent.deleteAll();
    }

    @Override
    public void handle(ConsumedEvent event) {
        switch (event.type()) {
            case REGISTERED -> registered(event.id(), event.dataAs(BeneficiaryEventsV1.Registered.class));
            case UPDATED -> {
                BeneficiaryEventsV1.Updated updated = event.dataAs(BeneficiaryEventsV1.Updated.class);
                if (updated.fullName() == null) {
                    throw new PermanentEventFailure("updated event " + event.id() + " lacks fullName");
                }
                KnownBeneficiary known = known(event.id(), updated.beneficiaryId());
                known.fullName = nameToKeep(known.beneficiaryId, updated.fullName());
            }
            case STATUS_CHANGED -> {
                BeneficiaryEventsV1.StatusChanged changed = event.dataAs(BeneficiaryEventsV1.StatusChanged.class);
                if (changed.toStatus() == null) {
                    throw new PermanentEventFailure("status-changed event " + event.id() + " lacks toStatus");
                }
                known(event.id(), changed.beneficiaryId()).status = changed.toStatus();
            }
            case MERGED -> {
                BeneficiaryEventsV1.Merged merged = event.dataAs(BeneficiaryEventsV1.Merged.class);
                if (merged.survivorId() == null) {
                    throw new PermanentEventFailure("merged event " + event.id() + " lacks survivorId");
                }
                known(event.id(), merged.beneficiaryId()).mergedInto = merged.survivorId();
            }
            case CONSENT_CHANGED -> ConsentReadModel.apply(KnownConsent.class, KnownConsent::new, event.id(), event.dataAs(ConsentReadModel.ConsentChanged.class));
            case ERASED -> erased(event.id(), event.dataAs(BeneficiaryEventsV1.Erased.class));
            default -> {
                // Households and community groups say nothing about who may enrol or what partners see.
            }
        }
    }

    private static void registered(String eventId, BeneficiaryEventsV1.Registered registered) {
        if (registered.beneficiaryId() == null || registered.fullName() == null || registered.status() == null
                || registered.registeredAt() == null) {
            throw new PermanentEventFailure("registered event " + eventId + " lacks beneficiaryId, fullName, status or registeredAt");
        }
        KnownBeneficiary known = KnownBeneficiary.findById(registered.beneficiaryId());
        if (known == null) {
            known = new KnownBeneficiary();
            known.beneficiaryId = registered.beneficiaryId();
        }
        known.fullName = nameToKeep(registered.beneficiaryId(), registered.fullName());
        known.status = registered.status();
        known.registeredAt = registered.registeredAt();
        known.lastEventId = eventId;
        known.updatedAt = OffsetDateTime.now(ServiceClocks.SYSTEM_UTC);
        known.persist();
    }

    /** The name an event brings, unless the person was erased: then the pseudonym, whatever a later or replayed event says. */
    private static String nameToKeep(UUID beneficiaryId, String name) {
        PersonalDataErasure erasure = PersonalDataErasure.findById(beneficiaryId);
        return erasure == null ? name : erasure.pseudonym;
    }

    /**
     * Replaces the person's name with the pseudonym wherever this service holds it (the read model, each enrolment's
     * copy), removes the free-text notes of their outcomes and empties the stored answers to their enrolment calls.
     * Enrolments, attendance, certificates and outcome kinds stay under the same id: the class and programme reports
     * count them. Outbox rows cannot hold the name (training's events carry ids only), nor can the inbox (event ids and
     * types). Records merged into the person are the same person and are erased with them. An erasure of a person never
     * heard of leaves only its audit row, which keeps any later event from storing the name. Applying it again (a replay)
     * finds nothing left to change and keeps the first audit row.
     */
    private static void erased(String eventId, BeneficiaryEventsV1.Erased erased) {
        if (erased.beneficiaryId() == null || erased.pseudonym() == null || erased.pseudonym().isBlank() || erased.erasedAt() == null
                || erased.reason() == null) {
            throw new PermanentEventFailure("erased event " + eventId + " lacks beneficiaryId, pseudonym, erasedAt or reason");
        }
        for (UUID beneficiaryId : withRecordsMergedInto(erased.beneficiaryId())) {
            eraseOne(eventId, beneficiaryId, erased);
        }
    }

    /**
     * The person and every record merged into them (directly or through another merged record): the same person under
     * older ids, whose enrolments still carry the name they were enrolled under.
     */
    private static List<UUID> withRecordsMergedInto(UUID beneficiaryId) {
        List<UUID> ids = new ArrayList<>(List.of(beneficiaryId));
        for (int i = 0; i < ids.size(); i++) {
            for (KnownBeneficiary merged : KnownBeneficiary.<KnownBeneficiary>list("mergedInto", ids.get(i))) {
                if (!ids.contains(merged.beneficiaryId)) {
                    ids.add(merged.beneficiaryId);
                }
            }
        }
        return ids;
    }

    private static void eraseOne(String eventId, UUID beneficiaryId, BeneficiaryEventsV1.Erased erased) {
        OffsetDateTime now = OffsetDateTime.now(ServiceClocks.SYSTEM_UTC);
        KnownBeneficiary known = KnownBeneficiary.findById(beneficiaryId);
        if (known != null) {
            known.fullName = erased.pseudonym();
            known.lastEventId = eventId;
            known.updatedAt = now;
        }
        // Locked, so that the rename is made on the current version and a concurrent change that read the row before loses
        // (optimistic lock) instead of writing the name back; an optimistic failure here would dead-letter the erasure.
        List<Enrolment> enrolments = Enrolment.<Enrolment>find("beneficiaryId", beneficiaryId).withLock(LockModeType.PESSIMISTIC_WRITE).list();
        int renamed = 0;
        for (Enrolment enrolment : enrolments) {
            if (!erased.pseudonym().equals(enrolment.fullName)) {
                enrolment.erase(erased.pseudonym());
                renamed++;
            }
        }
        List<UUID> enrolmentIds = enrolments.stream().map(enrolment -> enrolment.id).toList();
        int notes = 0;
        int answers = 0;
        if (!enrolmentIds.isEmpty()) {
            for (Outcome outcome : Outcome.<Outcome>list("enrolmentId in ?1 and note is not null", enrolmentIds)) {
                outcome.erase();
                notes++;
            }
            answers = Enrolment.getEntityManager().createNativeQuery("""
                            UPDATE idempotency_key SET response_body = NULL
                            WHERE resource_id IN (:ids) AND response_body IS NOT NULL""")
                    .setParameter("ids", enrolmentIds)
                    .executeUpdate();
        }
        if (PersonalDataErasure.findById(beneficiaryId) == null) {
            PersonalDataErasure audit = new PersonalDataErasure();
            audit.beneficiaryId = beneficiaryId;
            audit.pseudonym = erased.pseudonym();
            audit.reason = erased.reason();
            audit.erasedAt = erased.erasedAt();
            audit.eventId = eventId;
            audit.appliedAt = now;
            audit.enrolments = renamed;
            audit.outcomes = notes;
            audit.storedAnswers = answers;
            audit.persist();
        }
        LOG.infof("erased the personal data of beneficiary %s (%s, event %s%s): %d enrolments renamed to the pseudonym, %d outcome"
                        + " notes removed, %d stored answers emptied%s", beneficiaryId, erased.reason(), eventId,
                beneficiaryId.equals(erased.beneficiaryId()) ? "" : ", merged into " + erased.beneficiaryId(), renamed, notes, answers,
                known == null ? "; the person was not known here" : "");
    }

    /** The managed row of a registered person, stamped with this event; changes to it are flushed at commit. */
    private static KnownBeneficiary known(String eventId, UUID beneficiaryId) {
        if (beneficiaryId == null) {
            throw new PermanentEventFailure("event " + eventId + " lacks beneficiaryId");
        }
        KnownBeneficiary known = KnownBeneficiary.findById(beneficiaryId);
        if (known == null) {
            throw new PermanentEventFailure("event " + eventId + " is about beneficiary " + beneficiaryId
                    + ", whose registration this service never received");
        }
        known.lastEventId = eventId;
        known.updatedAt = OffsetDateTime.now(ServiceClocks.SYSTEM_UTC);
        return known;
    }
}
