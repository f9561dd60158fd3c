package id.atensi.partner.events;

import id.atensi.commons.events.DomainEvent;
import id.atensi.commons.events.EventType;
import id.atensi.partner.domain.Agreement;
import id.atensi.partner.domain.AgreementKind;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** {@code atensi.partner.agreement.signed.v1}: the parties signed; from here the agreement binds them. */
@EventType(aggregate = "agreement", name = "agreement.signed", version = 1)
public record AgreementSignedV1(UUID agreementId, String number, String title, AgreementKind kind, String status,
                                List<AgreementPartyV1> parties, LocalDate startsOn, LocalDate endsOn, LocalDate signedOn,
                                long committedIdr) implements DomainEvent {

    public static AgreementSignedV1 of(Agreement agreement) {
        return new AgreementSignedV1(agreement.id, agreement.number, agreement.title, agreement.kind, agreement.status.name(),
                agreement.parties.stream().map(AgreementPartyV1::of).toList(), agreement.startsOn, agreement.endsOn,
                agreement.signedOn, agreement.committedIdr());
    }

    @Override
    public String aggregateId() {
        return agreementId.toString();
    }
}
