package id.atensi.beneficiary.events;

import id.atensi.commons.readmodel.PartnerReadModel;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps {@link KnownPartner} and {@link KnownServiceUnit} up to date from the partner service's events. A partner or
 * service unit is named for a person, household or group only when it is known here and active (see
 * {@code service.BeneficiaryAccess}).
 */
@ApplicationScoped
public class PartnerReadModelConsumer extends PartnerReadModel<KnownPartner, KnownServiceUnit> {

    public PartnerReadModelConsumer() {
        super(KnownPartner.class, KnownPartner::new, KnownServiceUnit.class, KnownServiceUnit::new);
    }
}
