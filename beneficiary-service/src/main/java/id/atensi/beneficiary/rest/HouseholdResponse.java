package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.domain.Relationship;
import id.atensi.beneficiary.pii.PersonalNumberCipher;
import id.atensi.beneficiary.service.GroupService;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

public record HouseholdResponse(UUID id, @Schema(description = "KK number; masked for viewers") String kkNumber,
                                UUID serviceUnitId, List<Member> members) {

    @Schema(name = "HouseholdMember")
    public record Member(UUID beneficiaryId, String fullName, Relationship relationship) {
    }

    static HouseholdResponse of(GroupService.HouseholdView view, boolean showPersonalData) {
        return new HouseholdResponse(view.household().id,
                showPersonalData ? view.kkNumber() : PersonalNumberCipher.masked(view.kkNumber()), view.household().serviceUnitId,
                view.household().members.stream()
                        .map(m -> new Member(m.beneficiaryId, view.memberNames().get(m.beneficiaryId), m.relationship))
                        .toList());
    }
}
