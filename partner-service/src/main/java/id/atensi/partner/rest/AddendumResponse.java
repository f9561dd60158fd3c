package id.atensi.partner.rest;

import id.atensi.partner.domain.AgreementAddendum;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

@Schema(name = "Addendum", description = "An addendum in an agreement's history, with the end date before and after it")
public record AddendumResponse(UUID id, UUID agreementId, String number, String title, LocalDate signedOn, String summary,
                               LocalDate previousEndsOn, LocalDate endsOn, long addedAmountIdr, OffsetDateTime recordedAt) {

    static AddendumResponse of(AgreementAddendum addendum) {
        return new AddendumResponse(addendum.id, addendum.agreementId, addendum.number, addendum.title, addendum.signedOn,
                addendum.summary, addendum.previousEndsOn, addendum.endsOn, addendum.addedAmountIdr, addendum.recordedAt);
    }
}
