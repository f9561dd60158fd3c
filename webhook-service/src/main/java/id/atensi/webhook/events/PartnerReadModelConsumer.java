package id.atensi.webhook.events;

import id.atensi.commons.readmodel.PartnerReadModel;
import jakarta.enterprise.context.ApplicationScoped;

/** Keeps {@link KnownPartner} and {@link KnownServiceUnit} up to date from the partner service's events. */
@ApplicationScoped
public class PartnerReadModelConsumer extends PartnerReadModel<KnownPartner, KnownServiceUnit> {

    public PartnerReadModelConsumer() {
        super(KnownPartner.class, KnownPartner::new, KnownServiceUnit.class, KnownServiceUnit::new);
    }
}
