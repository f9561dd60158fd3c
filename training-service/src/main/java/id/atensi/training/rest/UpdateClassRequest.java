package id.atensi.training.rest;

import id.atensi.training.domain.Audience;
import id.atensi.training.domain.Modality;
import id.atensi.training.domain.SkillArea;
import id.atensi.training.service.ClassService;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

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
