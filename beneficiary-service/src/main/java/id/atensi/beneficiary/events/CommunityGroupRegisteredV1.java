package id.atensi.beneficiary.events;

import id.atensi.beneficiary.domain.CommunityGroup;
import id.atensi.commons.events.DomainEvent;
import id.atensi.commons.events.EventType;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** {@code atensi.beneficiary.group.registered.v1}: a community group was registered with its members. */
@EventType(aggregate = "community-group", name = "group.registered", version = 1)
public record CommunityGroupRegisteredV1(UUID groupId, String name, UUID coachingPartnerId, UUID coordinatorBeneficiaryId,
                                      List<UUID> memberIds, UUID serviceUnitId, String provinceCode, String regencyCode,
                                      boolean active, OffsetDateTime registeredAt) implements DomainEvent {

    public static CommunityGroupRegisteredV1 of(CommunityGroup group, OffsetDateTime registeredAt) {
        return new CommunityGroupRegisteredV1(group.id, group.name, group.coachingPartnerId, group.coordinatorId,
                group.members.stream().map(m -> m.beneficiaryId).sorted().toList(), group.serviceUnitId, group.provinceCode,
                group.regencyCode, group.active, registeredAt);
    }

    @Override
    public String aggregateId() {
        return groupId.toString();
    }
}
