package id.atensi.training.rest;

import id.atensi.training.domain.Audience;
import id.atensi.training.domain.CompanionRole;
import id.atensi.training.domain.Enrolment;
import id.atensi.training.domain.EnrolmentStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.UUID;

@Schema(name = "Enrolment")
public record EnrolmentResponse(UUID id, UUID classId, UUID beneficiaryId, String fullName, String organisation, CompanionRole companionRole,
                                Audience audience, EnrolmentStatus status, OffsetDateTime enrolledAt, OffsetDateTime withdrawnAt,
                                @Schema(description = "Sessions attended, counted when the class closed") Integer sessionsAttended,
                                @Schema(examples = "TRN-2024-1a2b3c4d-0007") String certificateNumber) {

    static EnrolmentResponse of(Enrolment e) {
        return new EnrolmentResponse(e.id, e.classId, e.beneficiaryId, e.fullName, e.organisation, e.companionRole, e.audience, e.status,
                e.enrolledAt, e.withdrawnAt, e.sessionsAttended, e.certificateNumber);
    }
}
