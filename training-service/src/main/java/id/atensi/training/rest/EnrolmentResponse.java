package id.atensi.training.rest;

import id.atensi.training.domain.Audience;
import id.atensi.training.domain.CompanionRole;
import id.atensi.training.domain.Enrolment;
import id.atensi.training.domain.EnrolmentStatus;
import id.atensi.training.service.Disclosed;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.UUID;

@Schema(name = "Enrolment")
public record EnrolmentResponse(UUID id, UUID classId, UUID beneficiaryId,
                                @Schema(description = "The participant's name; absent when personalDataWithheld") String fullName,
                                String organisation, CompanionRole companionRole,
                                Audience audience, EnrolmentStatus status, OffsetDateTime enrolledAt, OffsetDateTime withdrawnAt,
                                @Schema(description = "Sessions attended, counted when the class closed") Integer sessionsAttended,
                                @Schema(examples = "TRN-2024-1a2b3c4d-0007") String certificateNumber,
                                @Schema(description = PERSONAL_DATA_WITHHELD) boolean personalDataWithheld) {

    static final String PERSONAL_DATA_WITHHELD = """
            true when the caller is a partner and the beneficiary has not consented to PARTNER_SHARING (or withdrew it): \
            the record is shown without the person's personal fields (fullName; an outcome's note). Admins, officers and \
            auditors always see them; so does everyone for participants enrolled by name.""";

    static EnrolmentResponse of(Disclosed<Enrolment> disclosed) {
        return of(disclosed.value(), disclosed.personalDataWithheld());
    }

    static EnrolmentResponse of(Enrolment e, boolean withheld) {
        return new EnrolmentResponse(e.id, e.classId, e.beneficiaryId, withheld ? null : e.fullName, e.organisation, e.companionRole,
                e.audience, e.status, e.enrolledAt, e.withdrawnAt, e.sessionsAttended, e.certificateNumber, withheld);
    }
}
