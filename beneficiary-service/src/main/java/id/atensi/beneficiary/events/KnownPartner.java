package id.atensi.beneficiary.events;

import id.atensi.commons.readmodel.KnownPartnerBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A partner organisation as the beneficiary service learned of it from the partner service's events: who may serve people. */
@Entity
@Table(name = "known_partner")
public class KnownPartner extends KnownPartnerBase {
}
