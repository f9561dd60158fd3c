package id.atensi.training.rest;

import id.atensi.training.domain.Attendance;
import id.atensi.training.domain.AttendanceMode;
import id.atensi.training.domain.AttendanceStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.UUID;

@Schema(name = "Attendance")
public record AttendanceResponse(UUID sessionId, UUID enrolmentId, AttendanceStatus status, AttendanceMode mode, OffsetDateTime recordedAt) {

    static AttendanceResponse of(Attendance a) {
        return new AttendanceResponse(a.sessionId, a.enrolmentId, a.status, a.mode, a.recordedAt);
    }
}
