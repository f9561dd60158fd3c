package id.atensi.training.events;

import id.atensi.commons.events.DomainEvent;
import id.atensi.commons.events.EventType;
import id.atensi.training.domain.IncomeBand;
import id.atensi.training.domain.OutcomeKind;

import java.time.LocalDate;
import java.util.UUID;

/** {@code atensi.training.outcome.recorded.v1}: a follow-up of a former participant; keyed by enrolment so that one person's outcomes stay in order. */
@EventType(aggregate = "participant", name = "outcome.recorded", version = 1)
public record OutcomeRecordedV1(UUID outcomeId, UUID enrolmentId, UUID classId, UUID beneficiaryId, OutcomeKind kind, IncomeBand incomeBand,
                                LocalDate observedOn) implements DomainEvent {

    @Override
    public String aggregateId() {
        return enrolmentId.toString();
    }
}
