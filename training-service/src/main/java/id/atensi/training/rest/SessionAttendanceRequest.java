package id.atensi.training.rest;

import id.atensi.training.domain.AttendanceMode;
import id.atensi.training.domain.AttendanceStatus;
import id.atensi.training.service.AttendanceService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

@Schema(name = "SessionAttendanceRequest", description = "The register of a whole session; all lines are recorded, or none")
public record SessionAttendanceRequest(@NotEmpty @Size(max = 2000) List<@NotNull @Valid Line> records) {

    @Schema(name = "AttendanceLine")
    public record Line(@NotNull UUID enrolmentId, @NotNull AttendanceStatus status, AttendanceMode mode) {

        AttendanceService.Mark mark() {
            return new AttendanceService.Mark(enrolmentId, status, mode);
        }
    }

    List<AttendanceService.Mark> marks() {
        return records.stream().map(Line::mark).toList();
    }
}
