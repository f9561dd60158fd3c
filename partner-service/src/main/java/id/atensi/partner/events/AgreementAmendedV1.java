package id.atensi.partner.events;

import id.atensi.commons.events.DomainEvent;
import id.atensi.commons.events.EventType;

import java.time.LocalDate;
import java.util.UUID;

/** {@code atensi.partner.agreement.amended.v1}: an addendum changed the period or the commitments. */
@EventType(aggregate = "agreement", name = "agreement.amended", version = 1)
public record AgreementAmendedV1(UUID agreementId, String number, String addendumNumber, String status, LocalDate endsOn,
                                 long committedIdr) implements DomainEvent {

    @Override
    public String aggregateId() {
        return agreementId.toString();
    }
}
