package id.atensi.training.rest;

import id.atensi.training.domain.Audience;
import id.atensi.training.domain.ClassSession;
import id.atensi.training.domain.ClassStatus;
import id.atensi.training.domain.Modality;
import id.atensi.training.domain.SkillArea;
import id.atensi.training.domain.TrainingClass;
import id.atensi.training.service.ClassService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The class resource's bodies. */
public final class ClassDtos {

    private ClassDtos() {
    }

    @Schema(name = "ScheduleClassRequest", description = "A class to plan in a programme, with its first sessions")
    public record ScheduleClassRequest(
            @NotNull UUID programmeId,
            @NotBlank @Size(max = 200) @Schema(examples = "Hotel sandal sewing") String title,
            @NotEmpty Set<@NotNull SkillArea> skillAreas,
            @NotNull @Schema(description = "The Balai/Sentra hosting the class") UUID hostUnitId,
            @NotEmpty @Schema(description = "Partners running the class (CSR company, coached small business, LKS)") Set<@NotNull UUID> providerPartnerIds,
            @NotNull Modality modality,
            @Size(max = 500) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") @Schema(examples = "https://meet.example.org/pena-sewing") String meetingLink,
            @Size(max = 300) @Schema(examples = "Sentra Mulya Jaya, Jakarta") String place,
            @NotNull LocalDate startDate,
            @NotNull LocalDate endDate,
            @NotNull @Min(1) @Max(10000) Integer capacity,
            @NotEmpty Set<@NotNull Audience> audiences,
            @Valid List<@NotNull SessionRequest> sessions) {

        ClassService.ClassDetails details() {
            return new ClassService.ClassDetails(title, skillAreas, hostUnitId, providerPartnerIds, modality, meetingLink, place, startDate,
                    endDate, capacity, audiences);
        }

        List<ClassService.SessionDetails> sessionDetails() {
            return sessions == null ? List.of() : sessions.stream().map(SessionRequest::details).toList();
        }
    }

    @Schema(name = "UpdateClassRequest", description = "The new content of a class; sessions are added separately")
    public record UpdateClassRequest(
            @NotBlank @Size(max = 200) String title,
            @NotEmpty Set<@NotNull SkillArea> skillAreas,
            @NotNull UUID hostUnitId,
            @NotEmpty Set<@NotNull UUID> providerPartnerIds,
            @NotNull Modality modality,
            @Size(max = 500) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String meetingLink,
            @Size(max = 300) String place,
            @NotNull LocalDate startDate,
            @NotNull LocalDate endDate,
            @NotNull @Min(1) @Max(10000) Integer capacity,
            @NotEmpty Set<@NotNull Audience> audiences) {

        ClassService.ClassDetails details() {
            return new ClassService.ClassDetails(title, skillAreas, hostUnitId, providerPartnerIds, modality, meetingLink, place, startDate,
                    endDate, capacity, audiences);
        }
    }

    @Schema(name = "SessionRequest")
    public record SessionRequest(
            @NotNull @Schema(examples = "2024-01-26") LocalDate date,
            @NotNull @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, examples = "09:00") LocalTime startTime,
            @NotNull @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, examples = "12:00") LocalTime endTime,
            @NotBlank @Size(max = 300) @Schema(examples = "Cutting and stitching the sole") String topic) {

        ClassService.SessionDetails details() {
            return new ClassService.SessionDetails(date, startTime, endTime, topic);
        }
    }

    @Schema(name = "CancelClassRequest")
    public record CancelRequest(@NotBlank @Size(max = 500) @Schema(examples = "The venue is flooded") String reason) {
    }

    @Schema(name = "Session")
    public record SessionResponse(UUID id, LocalDate date,
                           @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, examples = "09:00") LocalTime startTime,
                           @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, examples = "12:00") LocalTime endTime,
                           String topic) {

        static SessionResponse of(ClassSession session) {
            return new SessionResponse(session.id, session.date, session.startTime, session.endTime, session.topic);
        }
    }

    @Schema(name = "TrainingClass")
    public record ClassResponse(UUID id, UUID programmeId, String title, Set<SkillArea> skillAreas, UUID hostUnitId, Set<UUID> providerPartnerIds,
                         Modality modality, String meetingLink, String place, LocalDate startDate, LocalDate endDate, int capacity,
                         Set<Audience> audiences, ClassStatus status,
                         @Schema(description = "Exactly the statuses the class can be moved to now: OPEN only while its host unit is open, COMPLETED only once it has a session") Set<ClassStatus> nextStatuses,
                         String cancelReason, OffsetDateTime createdAt, OffsetDateTime closedAt,
                         @Schema(description = "Present when a single class is read") List<SessionResponse> sessions) {

        /** @param nextStatuses what the class accepts now (see {@code ClassService#allowedTransitions}) */
        static ClassResponse of(TrainingClass c, Set<ClassStatus> nextStatuses, List<ClassSession> sessions) {
            return new ClassResponse(c.id, c.programmeId, c.title, Set.copyOf(c.skillAreas), c.hostUnitId, Set.copyOf(c.providerPartnerIds),
                    c.modality, c.meetingLink, c.place, c.startDate, c.endDate, c.capacity, Set.copyOf(c.audiences), c.status,
                    nextStatuses, c.cancelReason, c.createdAt, c.closedAt,
                    sessions == null ? null : sessions.stream().map(SessionResponse::of).toList());
        }
    }
}
