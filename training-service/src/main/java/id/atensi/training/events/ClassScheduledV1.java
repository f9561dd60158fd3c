package id.atensi.training.events;

import id.atensi.commons.events.DomainEvent;
import id.atensi.commons.events.EventType;
import id.atensi.training.domain.Audience;
import id.atensi.training.domain.Modality;
import id.atensi.training.domain.SkillArea;

import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

/** {@code atensi.training.class.scheduled.v1}: a class was planned. */
@EventType(aggregate = "class", name = "class.scheduled", version = 1)
public record ClassScheduledV1(UUID classId, UUID programmeId, String title, UUID hostUnitId, Set<UUID> providerPartnerIds, Set<SkillArea> skillAreas,
                               Modality modality, LocalDate startDate, LocalDate endDate, int capacity, Set<Audience> audiences) implements DomainEvent {

    @Override
    public String aggregateId() {
        return classId.toString();
    }
}
