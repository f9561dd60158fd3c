package id.atensi.partner.rest;

import id.atensi.partner.service.AgreementService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

@Schema(name = "AddendumRequest", description = "An addendum: a new period, a new scope, further commitments, or a change described in words")
public record AddendumRequest(
        @NotBlank @Size(max = 100) @Schema(description = "Unique among agreements and addenda", examples = "HK.01/2022/ADD-1") String number,
        @NotBlank @Size(max = 500) String title,
        @NotNull LocalDate signedOn,
        @NotBlank @Size(max = 4000) @Schema(examples = "Extends the period by one year and adds a training budget") String summary,
        @Schema(description = "The new start date, when the addendum changes it") LocalDate startsOn,
        @Schema(description = "The new end date, when the addendum changes it") LocalDate endsOn,
        @Valid @Schema(description = "The whole new scope, when the addendum changes it; it replaces the agreement's scope") ScopeRequest scope,
        @Size(max = 200) @Valid @Schema(description = "Commitments the addendum adds") List<AgreementRequest.CommitmentRequest> commitments) {

    AgreementService.Addendum toAddendum() {
        return new AgreementService.Addendum(number, title, signedOn, summary, startsOn, endsOn, scope == null ? null : scope.toScope(),
                AgreementRequest.CommitmentRequest.toCommitments(commitments));
    }
}
