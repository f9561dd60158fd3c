package id.atensi.beneficiary.events;

import id.atensi.beneficiary.domain.Beneficiary;
import id.atensi.commons.events.DomainEvent;
import id.atensi.commons.events.EventType;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * {@code atensi.beneficiary.updated.v1}: a person's record was changed. Names the fields that changed (never
 * their values for the NIK, KK number, phone or address), plus the whole of what other services keep: name, service
 * unit, partners and region codes.
 */
@EventType(aggregate = "beneficiary", name = "updated", version = 1)
public record BeneficiaryUpdatedV1(UUID beneficiaryId, String fullName, UUID serviceUnitId, List<UUID> partnerIds,
                                   List<String> changedFields, OffsetDateTime updatedAt, String provinceCode, String regencyCode)
        implements DomainEvent {

    public static BeneficiaryUpdatedV1 of(Beneficiary person, List<String> changedFields, OffsetDateTime updatedAt) {
        return new BeneficiaryUpdatedV1(person.id, person.fullName, person.serviceUnitId, List.of(person.partnerIds), changedFields,
                updatedAt, person.provinceCode, person.regencyCode);
    }

    @Override
    public String aggregateId() {
        return beneficiaryId.toString();
    }
}
