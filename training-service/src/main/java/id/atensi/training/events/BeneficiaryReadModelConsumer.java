package id.atensi.training.events;

import id.atensi.commons.events.ConsumedEvent;
import id.atensi.commons.events.EventConsumer;
import id.atensi.commons.events.PermanentEventFailure;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps {@link KnownBeneficiary} up to date from the beneficiary service's events. One person's events share a
 * partition (key = beneficiary id), so a registration always arrives before that person's later events; one that
 * names a person never registered here cannot be applied and goes to the dead-letter topic.
 */
@ApplicationScoped
public class BeneficiaryReadModelConsumer implements EventConsumer {

    static final String REGISTERED = "atensi.beneficiary.registered.v1";
    static final String UPDATED = "atensi.beneficiary.updated.v1";
    static final String STATUS_CHANGED = "atensi.beneficiary.status-changed.v1";
    static final String MERGED = "atensi.beneficiary.merged.v1";

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
                known(event.id(), updated.beneficiaryId()).fullName = updated.fullName();
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
            default -> {
                // Households, community groups and consent say nothing about who may enrol.
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
        known.fullName = registered.fullName();
        known.status = registered.status();
        known.registeredAt = registered.registeredAt();
        known.lastEventId = eventId;
        known.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        known.persist();
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
        known.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        return known;
    }
}
