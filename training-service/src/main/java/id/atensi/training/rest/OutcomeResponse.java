package id.atensi.training.rest;

import id.atensi.training.domain.IncomeBand;
import id.atensi.training.domain.Outcome;
import id.atensi.training.domain.OutcomeKind;
import id.atensi.training.service.Disclosed;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

@Schema(name = "Outcome")
public record OutcomeResponse(UUID id, UUID enrolmentId, OutcomeKind kind, IncomeBand incomeBand, LocalDate observedOn,
                              @Schema(description = "Free text about the person; absent when personalDataWithheld") String note,
                              OffsetDateTime recordedAt,
                              @Schema(description = EnrolmentResponse.PERSONAL_DATA_WITHHELD) boolean personalDataWithheld) {

    static OutcomeResponse of(Disclosed<Outcome> disclosed) {
        Outcome o = disclosed.value();
        boolean withheld = disclosed.personalDataWithheld();
        return new OutcomeResponse(o.id, o.enrolmentId, o.kind, o.incomeBand, o.observedOn, withheld ? null : o.note, o.recordedAt, withheld);
    }
}
