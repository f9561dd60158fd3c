package id.atensi.aid.events;

import id.atensi.aid.domain.Distribution;
import id.atensi.aid.domain.RecipientKind;
import id.atensi.commons.events.ConsumedEvent;
import id.atensi.commons.events.EventConsumer;
import id.atensi.commons.events.PermanentEventFailure;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps {@link KnownBeneficiary} and {@link KnownCollective} up to date from the beneficiary service's events: who may
 * receive aid, which service unit it belongs to and where it lives. Events of one beneficiary, household or group share
 * a key and so arrive in order; a change to a record never registered here (its registration was dead-lettered) is
 * ignored rather than guessed.
 */
@ApplicationScoped
public class BeneficiaryReadModelConsumer implements EventConsumer {

    static final String REGISTERED = "atensi.beneficiary.registered.v1";
    static final String UPDATED = "atensi.beneficiary.updated.v1";
    static final String STATUS_CHANGED = "atensi.beneficiary.status-changed.v1";
    static final String MERGED = "atensi.beneficiary.merged.v1";
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

    @Override
    public void resetReadModel() {
        KnownBeneficiary.deleteAll();
        KnownCollective.deleteAll();
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
        known.fullName = registered.fullName();
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
            known.fullName = updated.fullName();
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
        known.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        known.persist();
    }

    private static void touched(KnownBeneficiary known, String eventId) {
        known.lastEventId = eventId;
        known.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }
}
