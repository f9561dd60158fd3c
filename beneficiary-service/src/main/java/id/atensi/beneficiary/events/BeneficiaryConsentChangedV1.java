package id.atensi.beneficiary.events;

import id.atensi.commons.events.DomainEvent;
import id.atensi.commons.events.EventType;

import java.time.OffsetDateTime;
import java.util.UUID;

/** {@code atensi.beneficiary.consent-changed.v1}: a person gave or withdrew consent to a purpose of processing. */
@EventType(aggregate = "beneficiary", name = "consent-changed", version = 1)
public record BeneficiaryConsentChangedV1(UUID beneficiaryId, UUID consentId, String purpose, boolean given,
                                          OffsetDateTime changedAt) implements DomainEvent {

    @Override
    public String aggregateId() {
        return beneficiaryId.toString();
    }
}
