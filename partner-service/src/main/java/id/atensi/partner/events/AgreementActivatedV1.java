package id.atensi.partner.events;

import id.atensi.commons.events.DomainEvent;
import id.atensi.commons.events.EventType;
import id.atensi.partner.domain.Agreement;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** {@code atensi.partner.agreement.activated.v1}: work under the agreement may start (training, aid funded by it…). */
@EventType(aggregate = "agreement", name = "agreement.activated", version = 1)
public record AgreementActivatedV1(UUID agreementId, String number, String status, List<AgreementPartyV1> parties,
                                   LocalDate startsOn, LocalDate endsOn, long committedIdr) implements DomainEvent {

    public static AgreementActivatedV1 of(Agreement agreement) {
        return new AgreementActivatedV1(agreement.id, agreement.number, agreement.status.name(),
                agreement.parties.stream().map(AgreementPartyV1::of).toList(), agreement.startsOn, agreement.endsOn,
                agreement.committedIdr());
    }

    @Override
    public String aggregateId() {
        return agreementId.toString();
    }
}
