package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.domain.Beneficiary;
import id.atensi.beneficiary.domain.BeneficiaryStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

public record CaseStatusResponse(UUID id, BeneficiaryStatus status, String decisionNumber, LocalDate decisionDate,
                                 String terminationReason,
                                 @Schema(description = "The statuses the case may move to next; empty once it is closed")
                                 List<BeneficiaryStatus> allowedTransitions) {

    static CaseStatusResponse of(Beneficiary b) {
        return new CaseStatusResponse(b.id, b.status, b.decisionNumber, b.decisionDate, b.terminationReason,
                b.status.allowedTransitions().stream().sorted().toList());
    }
}
