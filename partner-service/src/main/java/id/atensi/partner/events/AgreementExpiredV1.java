package id.atensi.partner.events;

import id.atensi.commons.events.DomainEvent;
import id.atensi.commons.events.EventType;

import java.time.LocalDate;
import java.util.UUID;

/** {@code atensi.partner.agreement.expired.v1}: the agreement's period ended; nothing new may be done under it. */
@EventType(aggregate = "agreement", name = "agreement.expired", version = 1)
public record AgreementExpiredV1(UUID agreementId, String number, String status, LocalDate endsOn) implements DomainEvent {

    @Override
    public String aggregateId() {
        return agreementId.toString();
    }
}
