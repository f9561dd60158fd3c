package id.atensi.training.rest;

import id.atensi.training.domain.AttendanceMode;
import id.atensi.training.domain.AttendanceStatus;
import id.atensi.training.domain.Audience;
import id.atensi.training.domain.ClassStatus;
import id.atensi.training.domain.CompanionRole;
import id.atensi.training.domain.EnrolmentStatus;
import id.atensi.training.domain.IncomeBand;
import id.atensi.training.domain.OutcomeKind;
import id.atensi.training.events.KnownBeneficiary;
import id.atensi.training.events.KnownConsent;
import id.atensi.training.events.PersonalDataErasure;
import id.atensi.training.service.DataSubjectQueries;
import id.atensi.vocabulary.ConsentPurpose;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@Schema(name = "TrainingDataSubject", description = "Everything the training service holds on one beneficiary (UU 27/2022, right of access)")
public record DataSubjectResponse(UUID beneficiaryId, @Schema(examples = "training") String service, OffsetDateTime generatedAt,
                                  @Schema(description = "What the service learned of the person from the beneficiary service's events; absent when it never did")
                                  Known known,
                                  @Schema(description = "Present once the person's personal data was erased here")
                                  Erasure erasure,
                                  @Schema(description = "The person's consents as the latest consent-changed event per purpose said")
                                  List<Consent> consents,
                                  @Schema(description = "Each enrolment of the person, oldest first")
                                  List<Participation> enrolments) {

    @Schema(name = "TrainingDataSubjectKnown")
    public record Known(String fullName, String status, OffsetDateTime registeredAt, UUID mergedInto) {
    }

    @Schema(name = "TrainingDataSubjectErasure")
    public record Erasure(String pseudonym, @Schema(examples = "REQUEST") String reason, OffsetDateTime erasedAt, OffsetDateTime appliedAt) {
    }

    @Schema(name = "TrainingDataSubjectConsent")
    public record Consent(ConsentPurpose purpose, boolean given, UUID consentId, OffsetDateTime changedAt) {
    }

    @Schema(name = "TrainingDataSubjectEnrolment")
    public record Participation(UUID enrolmentId, String fullName, String organisation, CompanionRole companionRole, Audience audience,
                                EnrolmentStatus status, OffsetDateTime enrolledAt, OffsetDateTime withdrawnAt, Integer sessionsAttended,
                                String certificateNumber, ClassSummary trainingClass, List<Mark> attendance, List<Outcome> outcomes) {
    }

    @Schema(name = "TrainingDataSubjectClass")
    public record ClassSummary(UUID classId, UUID programmeId, String title, UUID hostUnitId, LocalDate startDate, LocalDate endDate,
                               ClassStatus status) {
    }

    @Schema(name = "TrainingDataSubjectAttendance")
    public record Mark(UUID sessionId, LocalDate date, LocalTime startTime, String topic, AttendanceStatus status, AttendanceMode mode,
                       OffsetDateTime recordedAt) {
    }

    @Schema(name = "TrainingDataSubjectOutcome")
    public record Outcome(UUID outcomeId, OutcomeKind kind, IncomeBand incomeBand, LocalDate observedOn, String note, OffsetDateTime recordedAt) {
    }

    static DataSubjectResponse of(DataSubjectQueries.DataSubject subject) {
        KnownBeneficiary k = subject.known();
        PersonalDataErasure e = subject.erasure();
        return new DataSubjectResponse(subject.beneficiaryId(), "training", subject.generatedAt(),
                k == null ? null : new Known(k.fullName, k.status, k.registeredAt, k.mergedInto),
                e == null ? null : new Erasure(e.pseudonym, e.reason, e.erasedAt, e.appliedAt),
                subject.consents().stream().map(DataSubjectResponse::consent).toList(),
                subject.participations().stream().map(DataSubjectResponse::participation).toList());
    }

    private static Consent consent(KnownConsent c) {
        return new Consent(c.purpose, c.given, c.consentId, c.changedAt);
    }

    private static Participation participation(DataSubjectQueries.Participation p) {
        var e = p.enrolment();
        var c = p.trainingClass();
        return new Participation(e.id, e.fullName, e.organisation, e.companionRole, e.audience, e.status, e.enrolledAt, e.withdrawnAt,
                e.sessionsAttended, e.certificateNumber,
                new ClassSummary(c.id, c.programmeId, c.title, c.hostUnitId, c.startDate, c.endDate, c.status),
                p.attendance().stream().map(m -> new Mark(m.session().id, m.session().date, m.session().startTime, m.session().topic,
                        m.attendance().status, m.attendance().mode, m.attendance().recordedAt)).toList(),
                p.outcomes().stream().map(o -> new Outcome(o.id, o.kind, o.incomeBand, o.observedOn, o.note, o.recordedAt)).toList());
    }
}
