package id.atensi.training.rest;

import id.atensi.training.domain.Audience;
import id.atensi.training.domain.Modality;
import id.atensi.training.domain.SkillArea;
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
import java.util.List;
import java.util.Set;
import java.util.UUID;

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
