package id.atensi.partner.events;

import id.atensi.partner.domain.Party;
import id.atensi.partner.domain.PartyRole;

import java.util.UUID;

/** A party as agreement events carry it: the organisation or unit and its role, never the people who signed. */
public record AgreementPartyV1(UUID partnerId, UUID serviceUnitId, PartyRole role) {

    static AgreementPartyV1 of(Party party) {
        return new AgreementPartyV1(party.partnerId, party.serviceUnitId, party.role);
    }
}
