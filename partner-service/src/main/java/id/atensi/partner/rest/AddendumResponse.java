package id.atensi.partner.rest;

import id.atensi.partner.domain.AgreementAddendum;
import id.atensi.partner.domain.AgreementTerms;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Schema(name = "Addendum", description = "An addendum in an agreement's history, with the agreement's terms before and after it")
public record AddendumResponse(UUID id, UUID agreementId, String number, String title, LocalDate signedOn, String summary,
                               LocalDate previousEndsOn, LocalDate endsOn, long addedAmountIdr, OffsetDateTime recordedAt,
                               @Schema(description = "The terms the addendum changed: startsOn, endsOn, services, clusters, regionCodes, serviceUnitIds, commitments")
                               List<String> changedFields,
                               @Schema(description = "Period, scope and commitments before the addendum; absent for addenda recorded before terms were kept")
                               AgreementTerms before,
                               @Schema(description = "Period, scope and commitments after the addendum")
                               AgreementTerms after) {

    static AddendumResponse of(AgreementAddendum addendum, Optional<AgreementTerms> before, Optional<AgreementTerms> after) {
        List<String> changed = before.isPresent() && after.isPresent() ? after.get().changedSince(before.get()) : null;
        return new AddendumResponse(addendum.id, addendum.agreementId, addendum.number, addendum.title, addendum.signedOn,
                addendum.summary, addendum.previousEndsOn, addendum.endsOn, addendum.addedAmountIdr, addendum.recordedAt,
                changed, before.orElse(null), after.orElse(null));
    }
}
