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
 * Keeps {@link KnownPartner} and {@link KnownServiceUnit} up to date from the partner service's events. Every event
 * carries the whole state it is about, so each one overwrites: a partner's and a unit's events share no partition,
 * and none of them needs another to have arrived first.
 */
@ApplicationScoped
public class PartnerReadModelConsumer implements EventConsumer {

    static final String PARTNER_REGISTERED = "atensi.partner.registered.v1";
    static final String PARTNER_UPDATED = "atensi.partner.updated.v1";
    static final String PARTNER_DEACTIVATED = "atensi.partner.deactivated.v1";
    static final String UNIT_REGISTERED = "atensi.partner.service-unit.registered.v1";
    static final String UNIT_UPDATED = "atensi.partner.service-unit.updated.v1";
    // v2 changed only the cluster values, which this read model does not keep: both versions are read the same way.
    static final String PARTNER_REGISTERED_V2 = "atensi.partner.registered.v2";
    static final String PARTNER_UPDATED_V2 = "atensi.partner.updated.v2";
    static final String UNIT_REGISTERED_V2 = "atensi.partner.service-unit.registered.v2";
    static final String UNIT_UPDATED_V2 = "atensi.partner.service-unit.updated.v2";

    @Override
    public String name() {
        return "partner-read-model";
    }

    @Override
    public Set<String> topics() {
        return Set.of("atensi.partner.events");
    }

    @Override
    public void resetReadModel() {
        KnownPartner.deleteAll();
        KnownServiceUnit.deleteAll();
    }

    @Override
    public void handle(ConsumedEvent event) {
        switch (event.type()) {
            case PARTNER_REGISTERED, PARTNER_UPDATED, PARTNER_REGISTERED_V2, PARTNER_UPDATED_V2 -> {
                PartnerEventsV1.Partner partner = event.dataAs(PartnerEventsV1.Partner.class);
                partner(event.id(), partner.partnerId(), partner.legalName(), partner.status());
            }
            case PARTNER_DEACTIVATED -> {
                PartnerEventsV1.Deactivated deactivated = event.dataAs(PartnerEventsV1.Deactivated.class);
                partner(event.id(), deactivated.partnerId(), deactivated.legalName(),
                        deactivated.status() == null ? "INACTIVE" : deactivated.status());
            }
            case UNIT_REGISTERED, UNIT_UPDATED, UNIT_REGISTERED_V2, UNIT_UPDATED_V2 -> unit(event.id(), event.dataAs(PartnerEventsV1.ServiceUnit.class));
            default -> {
                // Agreements and any later event types say nothing about who may provide or host a class.
            }
        }
    }

    private static void partner(String eventId, UUID partnerId, String legalName, String status) {
        if (partnerId == null || legalName == null || status == null) {
            throw new PermanentEventFailure("partner event " + eventId + " lacks partnerId, legalName or status");
        }
        KnownPartner known = KnownPartner.findById(partnerId);
        if (known == null) {
            known = new KnownPartner();
            known.partnerId = partnerId;
        }
        known.legalName = legalName;
        known.status = status;
        known.lastEventId = eventId;
        known.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        known.persist();
    }

    private static void unit(String eventId, PartnerEventsV1.ServiceUnit unit) {
        if (unit.serviceUnitId() == null || unit.name() == null) {
            throw new PermanentEventFailure("service-unit event " + eventId + " lacks serviceUnitId or name");
        }
        KnownServiceUnit known = KnownServiceUnit.findById(unit.serviceUnitId());
        if (known == null) {
            known = new KnownServiceUnit();
            known.serviceUnitId = unit.serviceUnitId();
        }
        known.name = unit.name();
        known.status = unit.status() == null ? KnownServiceUnit.ACTIVE : unit.status();
        known.lastEventId = eventId;
        known.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        known.persist();
    }
}
