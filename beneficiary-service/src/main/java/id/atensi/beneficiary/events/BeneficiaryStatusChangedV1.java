package id.atensi.beneficiary.events;

import id.atensi.commons.events.DomainEvent;
import id.atensi.commons.events.EventType;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** {@code atensi.beneficiary.status-changed.v1}: a person moved in the case workflow (decision for ACTIVE, reason for TERMINATED). */
@EventType(aggregate = "beneficiary", name = "status-changed", version = 1)
public record BeneficiaryStatusChangedV1(UUID beneficiaryId, String fromStatus, String toStatus, String decisionNumber,
                                         LocalDate decisionDate, String reason, OffsetDateTime changedAt) implements DomainEvent {

    @Override
    public String aggregateId() {
        return beneficiaryId.toString();
    }
}
