package id.atensi.aid.events;

import id.atensi.aid.domain.Distribution;
import id.atensi.aid.domain.RecipientKind;
import id.atensi.commons.events.ConsumedEvent;
import id.atensi.commons.events.EventConsumer;
import id.atensi.commons.events.PermanentEventFailure;
import id.atensi.commons.readmodel.ConsentReadModel;
import id.atensi.commons.time.ServiceClocks;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps {@link KnownBeneficiary}, {@link KnownCollective} and {@link KnownConsent} up to date from the beneficiary
 * service's events (who may receive aid, which service unit it belongs to, where it lives, what it consented to), and
 * carries out erasures ({@link PersonalDataErasure}). Events of one beneficiary, household or group share
 * a key and so arrive in order; a change to a record never registered here (its registration was dead-lettered) is
 * ignored rather than guessed.
 */
@ApplicationScoped
public class BeneficiaryReadModelConsumer implements EventConsumer {

    static final String REGISTERED = "atensi.beneficiary.registered.v1";
    static final String UPDATED = "atensi.beneficiary.updated.v1";
    static final String STATUS_CHANGED = "atensi.beneficiary.status-changed.v1";
    static final String MERGED = "atensi.beneficiary.merged.v1";
    static final String CONSENT_CHANGED = "atensi.beneficiary.consent-changed.v1";
    static final String ERASED = "atensi.beneficiary.erased.v1";
    static final Set<String> HOUSEHOLD = Set.of("atensi.beneficiary.household.registered.v1", "atensi.beneficiary.household.updated.v1");
    static final Set<String> GROUP = Set.of("atensi.beneficiary.group.registered.v1", "atensi.beneficiary.group.updated.v1");

    @Override
    public String name() {
        return "beneficiary-read-model";
    }

    @Override
    public Set<String> topics() {
        return Set.of("atensi.beneficiary.events");
    }

    private static final Logger LOG = Logger.getLogger(BeneficiaryReadModelConsumer.class);

    /**
     * Clears what the events build; {@link PersonalDataErasure} stays, so that the replayed registration of an erased
     * person stores the pseudonym at once, and the replayed erasure finds nothing left to do.
     */
    @Override
    public void resetReadModel() {
        KnownBeneficiary.deleteAll();
        KnownCollective.deleteAll();
        KnownConsent.deleteAll();
    }

    @Override
    public void handle(ConsumedEvent event) {
        String type = event.type();
        if (REGISTERED.equals(type)) {
            registered(event.id(), event.dataAs(BeneficiaryEventsV1.Registered.class));
        } else if (UPDATED.equals(type)) {
            updated(event.id(), event.dataAs(BeneficiaryEventsV1.Updated.class));
        } else if (STATUS_CHANGED.equals(type)) {
            statusChanged(event.id(), event.dataAs(BeneficiaryEventsV1.StatusChanged.class));
        } else if (MERGED.equals(type)) {
            merged(event.id(), event.dataAs(BeneficiaryEventsV1.Merged.class));
        } else if (CONSENT_CHANGED.equals(type)) {
            ConsentReadModel.apply(KnownConsent.class, KnownConsent::new, event.id(), event.dataAs(ConsentReadModel.ConsentChanged.class));
        } else if (ERASED.equals(type)) {
            erased(event.id(), event.dataAs(BeneficiaryEventsV1.Erased.class));
        } else if (HOUSEHOLD.contains(type)) {
            BeneficiaryEventsV1.Collective household = event.dataAs(BeneficiaryEventsV1.Collective.class);
            collective(event.id(), RecipientKind.HOUSEHOLD, household.householdId(), household);
        } else if (GROUP.contains(type)) {
            BeneficiaryEventsV1.Collective group = event.dataAs(BeneficiaryEventsV1.Collective.class);
            collective(event.id(), RecipientKind.COMMUNITY_GROUP, group.groupId(), group);
        }
    }

    private void registered(String eventId, BeneficiaryEventsV1.Registered registered) {
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
        known.serviceUnitId = registered.serviceUnitId();
        known.provinceCode = registered.provinceCode();
        known.regencyCode = registered.regencyCode();
        touched(known, eventId);
        known.persist();
    }

    private void updated(String eventId, BeneficiaryEventsV1.Updated updated) {
        if (updated.beneficiaryId() == null || updated.fullName() == null) {
            throw new PermanentEventFailure("updated event " + eventId + " lacks beneficiaryId or fullName");
        }
        KnownBeneficiary known = KnownBeneficiary.findById(updated.beneficiaryId());
        if (known != null) {
            known.fullName = nameToKeep(updated.beneficiaryId(), updated.fullName());
            known.serviceUnitId = updated.serviceUnitId();
            known.provinceCode = updated.provinceCode();
            known.regencyCode = updated.regencyCode();
            touched(known, eventId);
        }
    }

    private void statusChanged(String eventId, BeneficiaryEventsV1.StatusChanged changed) {
        if (changed.beneficiaryId() == null || changed.toStatus() == null) {
            throw new PermanentEventFailure("status-changed event " + eventId + " lacks beneficiaryId or toStatus");
        }
        KnownBeneficiary known = KnownBeneficiary.findById(changed.beneficiaryId());
        if (known != null) {
            known.status = changed.toStatus();
            touched(known, eventId);
        }
    }

    /** The contract asks consumers to move what they hold to the survivor: its aid history and duplicate guard then include it. */
    private void merged(String eventId, BeneficiaryEventsV1.Merged merged) {
        if (merged.beneficiaryId() == null || merged.survivorId() == null) {
            throw new PermanentEventFailure("merged event " + eventId + " lacks beneficiaryId or survivorId");
        }
        KnownBeneficiary known = KnownBeneficiary.findById(merged.beneficiaryId());
        if (known != null) {
            known.mergedInto = merged.survivorId();
            touched(known, eventId);
        }
        // "versioned": each moved distribution's version moves too, so an If-Match read before the merge is stale.
        Distribution.update("update versioned Distribution set recipientId = ?1 where recipientKind = ?2 and recipientId = ?3",
                merged.survivorId(), RecipientKind.PERSON, merged.beneficiaryId());
    }

    /** The name an event brings, unless the person was erased: then the pseudonym, whatever a later or replayed event says. */
    private static String nameToKeep(UUID beneficiaryId, String name) {
        PersonalDataErasure erasure = PersonalDataErasure.findById(beneficiaryId);
        return erasure == null ? name : erasure.pseudonym;
    }

    /**
     * Replaces the person's name with the pseudonym in the read model, and removes the personal details of the
     * distributions to them: the proposer's note, the duplicate override's and the closing reason (free text about the
     * person), the proof's place, coordinates and file reference, and the receiver's name, which becomes the pseudonym
     * (the proof stays, with its time and checksum). Amounts, lines, shares, statuses, unit and region stay under the same
     * recipient id: budgets and totals count them. Stored answers to the proposals are emptied. Outbox rows cannot hold
     * the name (aid's events carry ids and amounts only), nor can the inbox (event ids and types). Records merged into
     * the person are the same person and are erased with them. An erasure of a person never heard of leaves only its
     * audit row, which keeps any later event from storing the name. Applying it again (a
     * replay) finds nothing left to change and keeps the first audit row.
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
     * older ids, whose read-model rows still carry the name (their distributions moved to the survivor with the merge).
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
        KnownBeneficiary known = KnownBeneficiary.findById(beneficiaryId);
        if (known != null) {
            known.fullName = erased.pseudonym();
            touched(known, eventId);
        }
        List<UUID> distributionIds = Distribution.<Distribution>list("recipientKind = ?1 and recipientId = ?2", RecipientKind.PERSON,
                beneficiaryId).stream().map(distribution -> distribution.id).toList();
        // "versioned", as for a merge: a change that read a distribution before the erasure is refused (412) rather than
        // writing its personal details back.
        int cleared = Distribution.update("""
                        update versioned Distribution set note = null, duplicateOverrideReason = null, closeReason = null,
                            proofReceivedBy = case when proofReceivedBy is null then null else ?1 end, proofPlace = null,
                            proofLatitude = null, proofLongitude = null, proofFileReference = null
                        where recipientKind = ?2 and recipientId = ?3 and (note is not null or duplicateOverrideReason is not null
                            or closeReason is not null or proofReceivedBy <> ?1 or proofPlace is not null
                            or proofLatitude is not null or proofLongitude is not null or proofFileReference is not null)""",
                erased.pseudonym(), RecipientKind.PERSON, beneficiaryId);
        // A proof photo shows the person: the files go with the references to them.
        int files = distributionIds.isEmpty() ? 0 : Distribution.getEntityManager().createNativeQuery("""
                        DELETE FROM proof_file WHERE distribution_id IN (:ids)""")
                .setParameter("ids", distributionIds)
                .executeUpdate();
        int answers = distributionIds.isEmpty() ? 0 : Distribution.getEntityManager().createNativeQuery("""
                        UPDATE idempotency_key SET response_body = NULL WHERE resource_id IN (:ids) AND response_body IS NOT NULL""")
                .setParameter("ids", distributionIds)
                .executeUpdate();
        if (PersonalDataErasure.findById(beneficiaryId) == null) {
            PersonalDataErasure audit = new PersonalDataErasure();
            audit.beneficiaryId = beneficiaryId;
            audit.pseudonym = erased.pseudonym();
            audit.reason = erased.reason();
            audit.erasedAt = erased.erasedAt();
            audit.eventId = eventId;
            audit.appliedAt = OffsetDateTime.now(ServiceClocks.SYSTEM_UTC);
            audit.distributions = cleared;
            audit.storedAnswers = answers;
            audit.persist();
        }
        LOG.infof("erased the personal data of beneficiary %s (%s, event %s%s): personal details of %d of %d distributions removed,"
                        + " %d proof files deleted, %d stored answers emptied%s", beneficiaryId, erased.reason(), eventId,
                beneficiaryId.equals(erased.beneficiaryId()) ? "" : ", merged into " + erased.beneficiaryId(), cleared, distributionIds.size(),
                files, answers, known == null ? "; the person was not known here" : "");
    }

    private void collective(String eventId, RecipientKind kind, UUID id, BeneficiaryEventsV1.Collective event) {
        if (id == null || event.active() == null) {
            throw new PermanentEventFailure(kind + " event " + eventId + " lacks its id or active");
        }
        KnownCollective known = KnownCollective.findById(id);
        if (known == null) {
            known = new KnownCollective();
            known.id = id;
        }
        known.kind = kind;
        known.serviceUnitId = event.serviceUnitId();
        known.provinceCode = event.provinceCode();
        known.regencyCode = event.regencyCode();
        known.active = event.active();
        known.lastEventId = eventId;
        known.updatedAt = OffsetDateTime.now(ServiceClocks.SYSTEM_UTC);
        known.persist();
    }

    private static void touched(KnownBeneficiary known, String eventId) {
        known.lastEventId = eventId;
        known.updatedAt = OffsetDateTime.now(ServiceClocks.SYSTEM_UTC);
    }
}
