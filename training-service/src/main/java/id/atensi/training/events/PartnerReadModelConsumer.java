package id.atensi.training.events;

import id.atensi.commons.readmodel.PartnerReadModel;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps {@link KnownPartner} and {@link KnownServiceUnit} up to date from the partner service's events: a class names
 * only known units as its host and known, active partners as its providers.
 */
@ApplicationScoped
public class PartnerReadModelConsumer extends PartnerReadModel<KnownPartner, KnownServiceUnit> {

    public PartnerReadModelConsumer() {
        super(KnownPartner.class, KnownPartner::new, KnownServiceUnit.class, KnownServiceUnit::new);
    }
}
