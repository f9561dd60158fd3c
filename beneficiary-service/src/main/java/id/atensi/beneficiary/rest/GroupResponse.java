package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.domain.CommunityGroup;
import id.atensi.beneficiary.service.GroupService;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

public record GroupResponse(UUID id, String name, String description, UUID coachingPartnerId, UUID coordinatorId,
                            String provinceCode, String regencyCode, UUID serviceUnitId, List<Member> members,
                            OffsetDateTime registeredAt) {

    @Schema(name = "GroupMember")
    public record Member(UUID beneficiaryId, @Schema(description = "Null for a partner when this member's PARTNER_SHARING consent does not hold") String fullName, OffsetDateTime joinedAt) {
    }

    static GroupResponse of(GroupService.GroupView view, Set<UUID> namesShared) {
        CommunityGroup g = view.group();
        return new GroupResponse(g.id, g.name, g.description, g.coachingPartnerId, g.coordinatorId, g.provinceCode, g.regencyCode,
                g.serviceUnitId,
                g.members.stream().map(m -> new Member(m.beneficiaryId,
                        namesShared.contains(m.beneficiaryId) ? view.memberNames().get(m.beneficiaryId) : null, m.joinedAt)).toList(),
                g.registeredAt);
    }
}
