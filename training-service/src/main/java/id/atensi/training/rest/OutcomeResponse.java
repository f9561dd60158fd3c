package id.atensi.training.rest;

import id.atensi.training.domain.IncomeBand;
import id.atensi.training.domain.Outcome;
import id.atensi.training.domain.OutcomeKind;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

@Schema(name = "Outcome")
public record OutcomeResponse(UUID id, UUID enrolmentId, OutcomeKind kind, IncomeBand incomeBand, LocalDate observedOn, String note,
                              OffsetDateTime recordedAt) {

    static OutcomeResponse of(Outcome o) {
        return new OutcomeResponse(o.id, o.enrolmentId, o.kind, o.incomeBand, o.observedOn, o.note, o.recordedAt);
    }
}
