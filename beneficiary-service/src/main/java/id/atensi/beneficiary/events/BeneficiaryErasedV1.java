package id.atensi.beneficiary.events;

import id.atensi.commons.events.DomainEvent;
import id.atensi.commons.events.EventType;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * {@code atensi.beneficiary.erased.v1}: a person's personal data was erased, on request or at the end of the retention
 * period. Every consumer replaces the name it holds with the pseudonym and drops any other personal detail it keeps;
 * records the programme's accounting needs (aid delivered, attendance) stay under the same id.
 */
@EventType(aggregate = "beneficiary", name = "erased", version = 1)
public record BeneficiaryErasedV1(UUID beneficiaryId, String pseudonym, OffsetDateTime erasedAt, String reason)
        implements DomainEvent {

    @Override
    public String aggregateId() {
        return beneficiaryId.toString();
    }
}
