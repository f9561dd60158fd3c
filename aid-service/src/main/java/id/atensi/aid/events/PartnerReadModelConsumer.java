package id.atensi.aid.events;

import id.atensi.commons.events.ConsumedEvent;
import id.atensi.commons.events.EventConsumer;
import id.atensi.commons.events.PermanentEventFailure;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;

/**
 * Keeps {@link KnownPartner} (channelling partners and CSR or other funders) and {@link KnownServiceUnit} (whether a
 * unit takes new distributions) up to date from the partner service's events.
 */
@ApplicationScoped
public class PartnerReadModelConsumer implements EventConsumer {

    /**
     * The v2 events carry v1's fields with the shared vocabulary's cluster values (docs/vocabulary.md); this read model
     * keeps no clusters, so both versions are read alike, v1 until it has left the topic's retention.
     */
    static final Set<String> PARTNER_STATE = Set.of("atensi.partner.registered.v1", "atensi.partner.updated.v1",
            "atensi.partner.registered.v2", "atensi.partner.updated.v2");
    static final String DEACTIVATED = "atensi.partner.deactivated.v1";
    static final Set<String> UNIT_STATE = Set.of("atensi.partner.service-unit.registered.v1", "atensi.partner.service-unit.updated.v1",
            "atensi.partner.service-unit.registered.v2", "atensi.partner.service-unit.updated.v2");

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
        // updated carries the partner's whole public state, as registered does: both overwrite.
        if (PARTNER_STATE.contains(event.type())) {
            PartnerEvents.Registered registered = event.dataAs(PartnerEvents.Registered.class);
            if (registered.partnerId() == null || registered.type() == null || registered.legalName() == null || registered.status() == null) {
                throw new PermanentEventFailure(event.type() + " " + event.id() + " lacks partnerId, type, legalName or status");
            }
            KnownPartner known = KnownPartner.findById(registered.partnerId());
            if (known == null) {
                known = new KnownPartner();
                known.partnerId = registered.partnerId();
            }
            known.type = registered.type();
            known.legalName = registered.legalName();
            known.status = registered.status();
            known.provinceCode = registered.provinceCode();
            known.regencyCode = registered.regencyCode();
            known.lastEventId = event.id();
            known.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            known.persist();
        } else if (DEACTIVATED.equals(event.type())) {
            PartnerEvents.Deactivated deactivated = event.dataAs(PartnerEvents.Deactivated.class);
            if (deactivated.partnerId() == null) {
                throw new PermanentEventFailure("deactivated event " + event.id() + " lacks partnerId");
            }
            KnownPartner known = KnownPartner.findById(deactivated.partnerId());
            if (known != null) {
                known.status = deactivated.status() == null ? "INACTIVE" : deactivated.status();
                known.lastEventId = event.id();
                known.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            }
        } else if (UNIT_STATE.contains(event.type())) {
            unit(event.id(), event.dataAs(PartnerEvents.ServiceUnit.class));
        }
    }

    // Both unit event types carry the unit's whole public state: each overwrites.
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
