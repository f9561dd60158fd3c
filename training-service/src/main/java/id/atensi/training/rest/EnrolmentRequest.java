package id.atensi.training.rest;

import id.atensi.training.domain.Audience;
import id.atensi.training.domain.CompanionRole;
import id.atensi.training.service.EnrolmentService;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.UUID;

@Schema(name = "EnrolmentRequest", description = """
        A beneficiary by id (audiences BENEFICIARY, RESIDENT, GRADUATED_KPM_FAMILY), or a named participant with an \
        organisation (SOCIAL_COMPANION, PARTNER_STAFF)""")
public record EnrolmentRequest(
        @Schema(description = "Required for beneficiary audiences; must be known from beneficiary events") UUID beneficiaryId,
        @Size(max = 200) @Schema(examples = "Rina Wati") String fullName,
        @Size(max = 200) @Schema(examples = "TKSK Kecamatan Cengkareng") String organisation,
        @NotNull Audience audience,
        @Schema(description = "Only for SOCIAL_COMPANION") CompanionRole companionRole) {

    EnrolmentService.Participant participant() {
        return new EnrolmentService.Participant(beneficiaryId, fullName, organisation, audience, companionRole);
    }
}
