package id.atensi.training.rest;

import id.atensi.training.domain.Audience;
import id.atensi.training.domain.ClassStatus;
import id.atensi.training.domain.Modality;
import id.atensi.training.domain.SkillArea;
import id.atensi.training.domain.TrainingClass;
import id.atensi.training.service.ClassQueries;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

@Schema(name = "TrainingClass")
public record ClassResponse(UUID id, UUID programmeId, String title, Set<SkillArea> skillAreas, UUID hostUnitId, Set<UUID> providerPartnerIds,
                            Modality modality, String meetingLink, String place, LocalDate startDate, LocalDate endDate, int capacity,
                            Set<Audience> audiences, ClassStatus status,
                            @Schema(description = "Exactly the statuses the class can be moved to now: OPEN only while its host unit is open, COMPLETED only once it has a session") List<ClassStatus> allowedTransitions,
                            String cancelReason, OffsetDateTime createdAt, OffsetDateTime closedAt,
                            @Schema(description = "Present when a single class is read") List<SessionResponse> sessions) {

    static ClassResponse of(ClassQueries.ClassReading reading) {
        TrainingClass c = reading.trainingClass();
        return new ClassResponse(c.id, c.programmeId, c.title, Set.copyOf(c.skillAreas), c.hostUnitId, Set.copyOf(c.providerPartnerIds),
                c.modality, c.meetingLink, c.place, c.startDate, c.endDate, c.capacity, Set.copyOf(c.audiences), c.status,
                List.copyOf(reading.allowedTransitions()), c.cancelReason, c.createdAt, c.closedAt,
                reading.sessions() == null ? null : reading.sessions().stream().map(SessionResponse::of).toList());
    }
}
