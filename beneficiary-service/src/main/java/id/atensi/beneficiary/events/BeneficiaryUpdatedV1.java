package id.atensi.beneficiary.events;

import id.atensi.commons.events.DomainEvent;
import id.atensi.commons.events.EventType;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * {@code atensi.beneficiary.updated.v1}: a person's record was changed. Names the fields that changed (never
 * their values for the NIK, KK number, phone or address), plus what other services keep: name, service unit, partners.
 */
@EventType(aggregate = "beneficiary", name = "updated", version = 1)
public record BeneficiaryUpdatedV1(UUID beneficiaryId, String fullName, UUID serviceUnitId, List<UUID> partnerIds,
                                   List<String> changedFields, OffsetDateTime updatedAt) implements DomainEvent {

    @Override
    public String aggregateId() {
        return beneficiaryId.toString();
    }
}
