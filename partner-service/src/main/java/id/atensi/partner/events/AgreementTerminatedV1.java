package id.atensi.partner.events;

import id.atensi.commons.events.DomainEvent;
import id.atensi.commons.events.EventType;

import java.time.LocalDate;
import java.util.UUID;

/** {@code atensi.partner.agreement.terminated.v1}: the agreement was ended early, with the reason. */
@EventType(aggregate = "agreement", name = "agreement.terminated", version = 1)
public record AgreementTerminatedV1(UUID agreementId, String number, String status, String reason, LocalDate terminatedOn)
        implements DomainEvent {

    @Override
    public String aggregateId() {
        return agreementId.toString();
    }
}
