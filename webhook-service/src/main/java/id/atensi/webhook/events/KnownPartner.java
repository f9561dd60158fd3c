package id.atensi.webhook.events;

import id.atensi.commons.readmodel.KnownPartnerBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A partner organisation as learned from the partner service's events: an endpoint is registered only for a known one. */
@Entity
@Table(name = "known_partner")
public class KnownPartner extends KnownPartnerBase {
}
