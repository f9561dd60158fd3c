package id.atensi.training.rest;

import id.atensi.training.service.ClassService;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.time.LocalTime;

@Schema(name = "SessionRequest")
public record SessionRequest(
        @NotNull @Schema(examples = "2024-01-26") LocalDate date,
        @NotNull @Schema(type = SchemaType.STRING, examples = "09:00") LocalTime startTime,
        @NotNull @Schema(type = SchemaType.STRING, examples = "12:00") LocalTime endTime,
        @NotBlank @Size(max = 300) @Schema(examples = "Cutting and stitching the sole") String topic) {

    ClassService.SessionDetails details() {
        return new ClassService.SessionDetails(date, startTime, endTime, topic);
    }
}
