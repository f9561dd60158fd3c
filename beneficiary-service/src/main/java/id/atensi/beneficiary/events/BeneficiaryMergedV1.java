package id.atensi.beneficiary.events;

import id.atensi.commons.events.DomainEvent;
import id.atensi.commons.events.EventType;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * {@code atensi.beneficiary.merged.v1}: a record was found to describe the same person as another and merged into it.
 * The merged record stays (its id keeps resolving, pointing to the survivor); consumers move what they hold for
 * {@code beneficiaryId} to {@code survivorId}.
 */
@EventType(aggregate = "beneficiary", name = "merged", version = 1)
public record BeneficiaryMergedV1(UUID beneficiaryId, UUID survivorId, OffsetDateTime mergedAt) implements DomainEvent {

    @Override
    public String aggregateId() {
        return beneficiaryId.toString();
    }
}
