package id.atensi.beneficiary.events;

import id.atensi.beneficiary.domain.Beneficiary;
import id.atensi.beneficiary.domain.Household;
import id.atensi.beneficiary.domain.Relationship;
import id.atensi.commons.events.DomainEvent;
import id.atensi.commons.events.EventType;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * {@code atensi.beneficiary.household.registered.v1}: a household was registered with its members. The region is the
 * head's; the KK number never leaves this service.
 */
@EventType(aggregate = "household", name = "household.registered", version = 1)
public record HouseholdRegisteredV1(UUID householdId, UUID headBeneficiaryId, List<UUID> memberIds, UUID serviceUnitId,
                                 String provinceCode, String regencyCode, boolean active, OffsetDateTime registeredAt)
        implements DomainEvent {

    public static HouseholdRegisteredV1 of(Household household, OffsetDateTime registeredAt) {
        UUID head = household.members.stream().filter(m -> m.relationship == Relationship.HEAD).map(m -> m.beneficiaryId)
                .findFirst().orElse(null);
        Beneficiary headPerson = head == null ? null : Beneficiary.findById(head);
        return new HouseholdRegisteredV1(household.id, head, household.members.stream().map(m -> m.beneficiaryId).sorted().toList(),
                household.serviceUnitId, headPerson == null ? null : headPerson.provinceCode,
                headPerson == null ? null : headPerson.regencyCode, household.active, registeredAt);
    }

    @Override
    public String aggregateId() {
        return householdId.toString();
    }
}
