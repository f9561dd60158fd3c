package id.atensi.beneficiary.events;

import id.atensi.beneficiary.domain.Household;
import id.atensi.commons.events.DomainEvent;
import id.atensi.commons.events.EventType;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * {@code atensi.beneficiary.household.updated.v1}: a household's members, unit or region changed; the whole current
 * state, for consumers to overwrite. The region is the head's; the KK number never leaves this service.
 */
@EventType(aggregate = "household", name = "household.updated", version = 1)
public record HouseholdUpdatedV1(UUID householdId, UUID headBeneficiaryId, List<UUID> memberIds, UUID serviceUnitId,
                                 String provinceCode, String regencyCode, boolean active, OffsetDateTime updatedAt)
        implements DomainEvent {

    /** The same state as a registration reports, at the time of the change. */
    public static HouseholdUpdatedV1 of(Household household, OffsetDateTime updatedAt) {
        HouseholdRegisteredV1 state = HouseholdRegisteredV1.of(household, updatedAt);
        return new HouseholdUpdatedV1(state.householdId(), state.headBeneficiaryId(), state.memberIds(), state.serviceUnitId(),
                state.provinceCode(), state.regencyCode(), state.active(), updatedAt);
    }

    @Override
    public String aggregateId() {
        return householdId.toString();
    }
}
