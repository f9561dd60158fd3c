package id.atensi.partner.rest;

import id.atensi.partner.domain.Agreement;
import id.atensi.partner.domain.AgreementKind;
import id.atensi.partner.domain.AgreementStatus;
import id.atensi.partner.domain.Commitment;
import id.atensi.partner.domain.CommitmentKind;
import id.atensi.partner.domain.PartyRole;
import id.atensi.partner.domain.Signatory;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Schema(name = "Agreement")
public record AgreementResponse(
        UUID id,
        String number,
        String title,
        AgreementKind kind,
        @Schema(description = "The status at the moment of the request: an agreement in force whose endsOn has passed (Asia/Jakarta) is EXPIRED, whether or not the nightly expiry job has recorded it yet")
        AgreementStatus status,
        @Schema(description = "Exactly the transitions the service accepts now: SIGNED (signature), ACTIVE (activation), TERMINATED (termination). EXPIRED is never listed: no request brings it about, the calendar does")
        List<AgreementStatus> allowedTransitions,
        LocalDate startsOn,
        LocalDate endsOn,
        LocalDate signedOn,
        String terminationReason,
        List<PartyResponse> parties,
        List<SignatoryResponse> signatories,
        ScopeResponse scope,
        List<CommitmentResponse> commitments,
        @Schema(description = "Sum of the money commitments, whole rupiah") long committedIdr,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        long version) {

    @Schema(name = "AgreementParty")
    public record PartyResponse(UUID partnerId, UUID serviceUnitId, @Schema(description = "The partner's legal name or the unit's name") String name,
                            PartyRole role) {
    }

    @Schema(name = "Signatory")
    public record SignatoryResponse(String name, String title, UUID partyId) {
    }

    @Schema(name = "AgreementCommitment")
    public record CommitmentResponse(UUID partnerId, CommitmentKind kind, Long amountIdr, String description,
                                 @Schema(description = "The addendum that added it, if any") String addendumNumber) {

        static CommitmentResponse of(Commitment commitment) {
            return new CommitmentResponse(commitment.partnerId, commitment.kind, commitment.amountIdr, commitment.description,
                    commitment.addendumNumber);
        }
    }

    /**
     * @param today the date the status is read for, in the ministry's time zone
     * @param names the parties' names by id
     */
    static AgreementResponse of(Agreement agreement, LocalDate today, Map<UUID, String> names, boolean showPersonalData) {
        return new AgreementResponse(agreement.id, agreement.number, agreement.title, agreement.kind, agreement.statusOn(today),
                agreement.allowedTransitionsOn(today), agreement.startsOn, agreement.endsOn, agreement.signedOn, agreement.terminationReason,
                agreement.parties.stream().map(party -> new PartyResponse(party.partnerId, party.serviceUnitId, names.get(party.id()), party.role)).toList(),
                agreement.signatories.stream().map(signatory -> view(signatory, showPersonalData)).toList(),
                ScopeResponse.of(agreement),
                agreement.commitments.stream().map(CommitmentResponse::of).toList(),
                agreement.committedIdr(), agreement.createdAt, agreement.updatedAt, agreement.version);
    }

    private static SignatoryResponse view(Signatory signatory, boolean showPersonalData) {
        return new SignatoryResponse(showPersonalData ? signatory.name : Masking.name(signatory.name), signatory.title, signatory.partyId);
    }
}
