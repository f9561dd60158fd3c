package id.atensi.training.rest;

import id.atensi.training.domain.AttendanceMode;
import id.atensi.training.domain.AttendanceStatus;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "AttendanceMark", description = "One participant's attendance at the session")
public record AttendanceMarkRequest(@NotNull AttendanceStatus status,
                                    @Schema(description = "Required when PRESENT; must fit the class modality") AttendanceMode mode) {
}
