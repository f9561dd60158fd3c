package id.atensi.aid.events;

import id.atensi.commons.readmodel.KnownConsentBase;
import jakarta.persistence.Entity;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A beneficiary's consent to one purpose as the aid service learned of it from the beneficiary service's events. */
@Entity
@Table(name = "known_consent")
@IdClass(KnownConsentBase.Key.class)
public class KnownConsent extends KnownConsentBase {
}
