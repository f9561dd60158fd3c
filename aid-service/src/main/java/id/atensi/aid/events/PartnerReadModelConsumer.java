package id.atensi.aid.events;

import id.atensi.commons.events.ConsumedEvent;
import id.atensi.commons.events.PermanentEventFailure;
import id.atensi.commons.readmodel.PartnerReadModel;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps {@link KnownPartner} (channelling partners and CSR or other funders) and {@link KnownServiceUnit} (whether a
 * unit takes new distributions) up to date from the partner service's events.
 */
@ApplicationScoped
public class PartnerReadModelConsumer extends PartnerReadModel<KnownPartner, KnownServiceUnit> {

    public PartnerReadModelConsumer() {
        super(KnownPartner.class, KnownPartner::new, KnownServiceUnit.class, KnownServiceUnit::new);
    }

    @Override
    protected void keepMore(KnownPartner known, ConsumedEvent event) {
        PartnerEvents.Partner partner = event.dataAs(PartnerEvents.Partner.class);
        if (partner.type() == null) {
            throw new PermanentEventFailure("partner event " + event.id() + " lacks type");
        }
        known.type = partner.type();
        known.provinceCode = partner.provinceCode();
        known.regencyCode = partner.regencyCode();
    }

    @Override
    protected boolean learnsPartnersFromDeactivation() {
        return false;
    }
}
