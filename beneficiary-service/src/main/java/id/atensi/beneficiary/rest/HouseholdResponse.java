package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.domain.Relationship;
import id.atensi.beneficiary.pii.PersonalNumberCipher;
import id.atensi.beneficiary.service.GroupService;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Set;
import java.util.UUID;

public record HouseholdResponse(UUID id, @Schema(description = "KK number; masked for viewers; absent for a partner unless every member's PARTNER_SHARING consent holds") String kkNumber,
                                UUID serviceUnitId, List<Member> members) {

    @Schema(name = "HouseholdMember")
    public record Member(UUID beneficiaryId, @Schema(description = "Null for a partner when this member's PARTNER_SHARING consent does not hold") String fullName, Relationship relationship) {
    }

    static HouseholdResponse of(GroupService.HouseholdView view, boolean showPersonalData, boolean numberShared,
                                Set<UUID> namesShared) {
        return new HouseholdResponse(view.household().id,
                !numberShared ? null : showPersonalData ? view.kkNumber() : PersonalNumberCipher.masked(view.kkNumber()),
                view.household().serviceUnitId,
                view.household().members.stream()
                        .map(m -> new Member(m.beneficiaryId,
                                namesShared.contains(m.beneficiaryId) ? view.memberNames().get(m.beneficiaryId) : null,
                                m.relationship))
                        .toList());
    }
}
