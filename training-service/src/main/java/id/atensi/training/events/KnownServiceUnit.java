package id.atensi.training.events;

import id.atensi.commons.readmodel.KnownServiceUnitBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A Balai/Sentra as the training service learned of it from the partner service's events: where classes may be hosted. */
@Entity
@Table(name = "known_service_unit")
public class KnownServiceUnit extends KnownServiceUnitBase {
}
