package id.atensi.partner.rest;

import id.atensi.partner.domain.AgreementKind;
import id.atensi.partner.domain.Commitment;
import id.atensi.partner.domain.CommitmentKind;
import id.atensi.partner.domain.Party;
import id.atensi.partner.domain.PartyRole;
import id.atensi.partner.service.AgreementService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@Schema(name = "AgreementRequest", description = "A new agreement, recorded as DRAFT until its parties sign")
public record AgreementRequest(
        @NotBlank @Size(max = 100) @Schema(description = "Unique agreement number", examples = "HK.01/2020/REHSOS-ATC") String number,
        @NotBlank @Size(max = 500) @Schema(examples = "Art therapy for persons with disabilities") String title,
        @NotNull AgreementKind kind,
        @NotNull @Schema(examples = "2020-11-25") LocalDate startsOn,
        @NotNull @Schema(description = "Not before startsOn", examples = "2023-11-24") LocalDate endsOn,
        @NotNull @Size(min = 2, max = 50, message = "must name 2 to 50 parties") @Valid List<PartyRequest> parties,
        @Valid ScopeRequest scope,
        @Size(max = 200) @Valid List<CommitmentRequest> commitments) {

    AgreementService.Draft toDraft() {
        return new AgreementService.Draft(number, title, kind, startsOn, endsOn,
                parties.stream().map(PartyRequest::toParty).toList(),
                scope == null ? null : scope.toScope(),
                CommitmentRequest.toCommitments(commitments));
    }

    @Schema(name = "AgreementPartyRequest", description = "A partner or a service unit (exactly one) in a role")
    public record PartyRequest(UUID partnerId, UUID serviceUnitId, @NotNull PartyRole role) {

        Party toParty() {
            return new Party(partnerId, serviceUnitId, role);
        }
    }

    @Schema(name = "Commitment", description = "Money in whole rupiah, or something in kind described in words")
    public record CommitmentRequest(
            @NotNull @Schema(description = "The committing partner; one of the agreement's partner parties") UUID partnerId,
            @NotNull CommitmentKind kind,
            @Positive @Schema(description = "Whole rupiah; MONEY only", examples = "325000000") Long amountIdr,
            @NotBlank @Size(max = 1000) @Schema(examples = "Plastic press machines for 5 scavenger communities") String description) {

        static List<Commitment> toCommitments(List<CommitmentRequest> commitments) {
            return commitments == null ? List.of() : commitments.stream()
                    .map(c -> new Commitment(c.partnerId, c.kind, c.amountIdr, c.description.strip(), null)).toList();
        }
    }
}
