package id.atensi.beneficiary.events;

import id.atensi.commons.events.ConsumedEvent;
import id.atensi.commons.events.EventConsumer;
import id.atensi.commons.events.PermanentEventFailure;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;

/**
 * Keeps {@link KnownPartner} and {@link KnownServiceUnit} up to date from the partner service's events. Every event
 * carries the whole state it is about, so each one overwrites. A partner or service unit is named for a person,
 * household or group only when it is known here and active (see {@code service.BeneficiaryAccess}).
 */
@ApplicationScoped
public class PartnerReadModelConsumer implements EventConsumer {

    static final String PARTNER_REGISTERED = "atensi.partner.registered.v1";
    static final String PARTNER_UPDATED = "atensi.partner.updated.v1";
    static final String PARTNER_DEACTIVATED = "atensi.partner.deactivated.v1";
    static final String UNIT_REGISTERED = "atensi.partner.service-unit.registered.v1";
    static final String UNIT_UPDATED = "atensi.partner.service-unit.updated.v1";
    // v2 changed only the cluster values, which this read model does not keep: both versions are read the same way,
    // v1 until it has left the topic's retention.
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
            case PARTNER_REGISTERED, PARTNER_UPDATED, PARTNER_REGISTERED_V2, PARTNER_UPDATED_V2 ->
                    partner(event.id(), event.dataAs(PartnerEvents.Partner.class), null);
            case PARTNER_DEACTIVATED -> partner(event.id(), event.dataAs(PartnerEvents.Partner.class), "INACTIVE");
            case UNIT_REGISTERED, UNIT_UPDATED, UNIT_REGISTERED_V2, UNIT_UPDATED_V2 ->
                    unit(event.id(), event.dataAs(PartnerEvents.ServiceUnit.class));
            default -> {
                // Agreements and any later event types say nothing about who may serve a person.
            }
        }
    }

    private static void partner(String eventId, PartnerEvents.Partner partner, String statusIfAbsent) {
        String status = partner.status() != null ? partner.status() : statusIfAbsent;
        if (partner.partnerId() == null || partner.legalName() == null || status == null) {
            throw new PermanentEventFailure("partner event " + eventId + " lacks partnerId, legalName or status");
        }
        KnownPartner known = KnownPartner.findById(partner.partnerId());
        if (known == null) {
            known = new KnownPartner();
            known.partnerId = partner.partnerId();
        }
        known.legalName = partner.legalName();
        known.status = status;
        known.lastEventId = eventId;
        known.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        known.persist();
    }

    private static void unit(String eventId, PartnerEvents.ServiceUnit unit) {
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
