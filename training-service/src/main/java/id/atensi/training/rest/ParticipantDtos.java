package id.atensi.training.rest;

import id.atensi.training.domain.Attendance;
import id.atensi.training.domain.AttendanceMode;
import id.atensi.training.domain.AttendanceStatus;
import id.atensi.training.domain.Audience;
import id.atensi.training.domain.CompanionRole;
import id.atensi.training.domain.Enrolment;
import id.atensi.training.domain.EnrolmentStatus;
import id.atensi.training.domain.IncomeBand;
import id.atensi.training.domain.Outcome;
import id.atensi.training.domain.OutcomeKind;
import id.atensi.training.service.AttendanceService;
import id.atensi.training.service.EnrolmentService;
import id.atensi.training.service.OutcomeService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Bodies of enrolment, attendance and outcome operations. */
public final class ParticipantDtos {

    private ParticipantDtos() {
    }

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

    @Schema(name = "AttendanceMark", description = "One participant's attendance at the session")
    public record MarkRequest(@NotNull AttendanceStatus status,
                              @Schema(description = "Required when PRESENT; must fit the class modality") AttendanceMode mode) {
    }

    @Schema(name = "AttendanceLine")
    public record AttendanceLine(@NotNull UUID enrolmentId, @NotNull AttendanceStatus status, AttendanceMode mode) {

        AttendanceService.Mark mark() {
            return new AttendanceService.Mark(enrolmentId, status, mode);
        }
    }

    @Schema(name = "SessionAttendanceRequest", description = "The register of a whole session; all lines are recorded, or none")
    public record SessionAttendanceRequest(@NotEmpty @Size(max = 2000) List<@NotNull @Valid AttendanceLine> records) {
    }

    @Schema(name = "Attendance")
    public record AttendanceResponse(UUID sessionId, UUID enrolmentId, AttendanceStatus status, AttendanceMode mode, OffsetDateTime recordedAt) {

        static AttendanceResponse of(Attendance a) {
            return new AttendanceResponse(a.sessionId, a.enrolmentId, a.status, a.mode, a.recordedAt);
        }
    }

    @Schema(name = "OutcomeRequest", description = "A follow-up observation of a former participant")
    public record OutcomeRequest(@NotNull @Schema(examples = "OWN_BUSINESS") OutcomeKind kind,
                                 @Schema(examples = "FROM_1M_TO_3M") IncomeBand incomeBand,
                                 @NotNull @PastOrPresent @Schema(examples = "2024-06-30") LocalDate observedOn,
                                 @Size(max = 1000) @Schema(examples = "Opened a home workshop (bengkel rumahan)") String note) {

        OutcomeService.Observation observation() {
            return new OutcomeService.Observation(kind, incomeBand, observedOn, note);
        }
    }

    @Schema(name = "Outcome")
    public record OutcomeResponse(UUID id, UUID enrolmentId, OutcomeKind kind, IncomeBand incomeBand, LocalDate observedOn, String note,
                                  OffsetDateTime recordedAt) {

        static OutcomeResponse of(Outcome o) {
            return new OutcomeResponse(o.id, o.enrolmentId, o.kind, o.incomeBand, o.observedOn, o.note, o.recordedAt);
        }
    }
}
