package id.atensi.beneficiary.events;

import id.atensi.beneficiary.domain.CommunityGroup;
import id.atensi.commons.events.DomainEvent;
import id.atensi.commons.events.EventType;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * {@code atensi.beneficiary.group.updated.v1}: a community group's members, coach, unit or region changed; the whole
 * current state, for consumers to overwrite.
 */
@EventType(aggregate = "community-group", name = "group.updated", version = 1)
public record CommunityGroupUpdatedV1(UUID groupId, String name, UUID coachingPartnerId, UUID coordinatorBeneficiaryId,
                                      List<UUID> memberIds, UUID serviceUnitId, String provinceCode, String regencyCode,
                                      boolean active, OffsetDateTime updatedAt) implements DomainEvent {

    /** The same state as a registration reports, at the time of the change. */
    public static CommunityGroupUpdatedV1 of(CommunityGroup group, OffsetDateTime updatedAt) {
        CommunityGroupRegisteredV1 state = CommunityGroupRegisteredV1.of(group, updatedAt);
        return new CommunityGroupUpdatedV1(state.groupId(), state.name(), state.coachingPartnerId(), state.coordinatorBeneficiaryId(),
                state.memberIds(), state.serviceUnitId(), state.provinceCode(), state.regencyCode(), state.active(), updatedAt);
    }

    @Override
    public String aggregateId() {
        return groupId.toString();
    }
}
