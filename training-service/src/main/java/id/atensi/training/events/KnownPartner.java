package id.atensi.training.events;

import id.atensi.commons.readmodel.KnownPartnerBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A partner organisation as the training service learned of it from the partner service's events: who may provide classes. */
@Entity
@Table(name = "known_partner")
public class KnownPartner extends KnownPartnerBase {
}
