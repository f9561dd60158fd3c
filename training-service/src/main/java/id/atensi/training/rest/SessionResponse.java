package id.atensi.training.rest;

import id.atensi.training.domain.ClassSession;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

@Schema(name = "Session")
public record SessionResponse(UUID id, LocalDate date,
                              @Schema(type = SchemaType.STRING, examples = "09:00") LocalTime startTime,
                              @Schema(type = SchemaType.STRING, examples = "12:00") LocalTime endTime,
                              String topic) {

    static SessionResponse of(ClassSession session) {
        return new SessionResponse(session.id, session.date, session.startTime, session.endTime, session.topic);
    }
}
