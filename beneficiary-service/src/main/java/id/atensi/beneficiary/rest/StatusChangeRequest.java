package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.domain.BeneficiaryStatus;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

public record StatusChangeRequest(@NotNull BeneficiaryStatus status,
                                  @Size(max = 100) @Schema(description = "Decision number, required for ACTIVE") String decisionNumber,
                                  @Schema(description = "Decision date, required for ACTIVE") LocalDate decisionDate,
                                  @Size(max = 500) @Schema(description = "Required for TERMINATED") String reason) {
}
