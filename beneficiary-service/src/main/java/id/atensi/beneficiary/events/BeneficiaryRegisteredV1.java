package id.atensi.beneficiary.events;

import id.atensi.commons.events.DomainEvent;
import id.atensi.commons.events.EventType;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * {@code atensi.beneficiary.registered.v1}: a person was registered. Other services keep the name for
 * display and the status for their rules; the NIK, KK number and birth date never leave this service.
 */
@EventType(aggregate = "beneficiary", name = "registered", version = 1)
public record BeneficiaryRegisteredV1(UUID beneficiaryId, String fullName, String status, OffsetDateTime registeredAt)
        implements DomainEvent {

    @Override
    public String aggregateId() {
        return beneficiaryId.toString();
    }
}
