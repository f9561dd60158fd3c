package id.atensi.webhook.events;

import id.atensi.commons.readmodel.KnownServiceUnitBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A service unit as learned from the partner service's events; kept because the shared partner read model keeps both. */
@Entity
@Table(name = "known_service_unit")
public class KnownServiceUnit extends KnownServiceUnitBase {
}
