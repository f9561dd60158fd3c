package id.atensi.aid.events;

import id.atensi.commons.readmodel.KnownServiceUnitBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A Balai/Sentra as the aid service learned of it from the partner service's events: whether it takes new distributions. */
@Entity
@Table(name = "known_service_unit")
public class KnownServiceUnit extends KnownServiceUnitBase {
}
