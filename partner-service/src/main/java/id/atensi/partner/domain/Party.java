package id.atensi.partner.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import java.util.UUID;

/** A party to an agreement: a partner organisation or a service unit, in a role. Exactly one of the ids is set. */
@Embeddable
public class Party {

    @Column(name = "partner_id")
    public UUID partnerId;

    @Column(name = "service_unit_id")
    public UUID serviceUnitId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PartyRole role;

    public Party() {
    }

    public Party(UUID partnerId, UUID serviceUnitId, PartyRole role) {
        this.partnerId = partnerId;
        this.serviceUnitId = serviceUnitId;
        this.role = role;
    }

    public UUID id() {
        return partnerId != null ? partnerId : serviceUnitId;
    }
}
