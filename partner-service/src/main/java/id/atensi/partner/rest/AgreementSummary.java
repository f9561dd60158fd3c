package id.atensi.partner.rest;

import id.atensi.partner.domain.Agreement;
import id.atensi.partner.domain.AgreementKind;
import id.atensi.partner.domain.AgreementStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.UUID;

@Schema(name = "AgreementSummary", description = "An agreement in a list")
public record AgreementSummary(UUID id, String number, String title, AgreementKind kind,
                               @Schema(description = "The status at the moment of the request, as on the agreement itself") AgreementStatus status,
                               LocalDate startsOn, LocalDate endsOn) {

    static AgreementSummary of(Agreement agreement, LocalDate today) {
        return new AgreementSummary(agreement.id, agreement.number, agreement.title, agreement.kind, agreement.statusOn(today),
                agreement.startsOn, agreement.endsOn);
    }
}
