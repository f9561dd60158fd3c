package id.atensi.aid.rest;

import id.atensi.aid.events.KnownBeneficiary;
import id.atensi.aid.events.KnownConsent;
import id.atensi.aid.events.PersonalDataErasure;
import id.atensi.aid.service.DataSubjectQueries;
import id.atensi.vocabulary.ConsentPurpose;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@Schema(name = "AidDataSubject", description = "Everything the aid service holds on one beneficiary (UU 27/2022, right of access)")
public record DataSubjectResponse(UUID beneficiaryId, @Schema(examples = "aid") String service, OffsetDateTime generatedAt,
                                  @Schema(description = "What the service learned of the person from the beneficiary service's events; absent when it never did")
                                  Known known,
                                  @Schema(description = "Present once the person's personal data was erased here")
                                  Erasure erasure,
                                  @Schema(description = "The person's consents as the latest consent-changed event per purpose said")
                                  List<Consent> consents,
                                  @Schema(description = "Every distribution to the person, oldest first, with lines, shares and proof")
                                  List<DistributionResponse> distributions,
                                  @Schema(description = "The photos and documents stored as proof of those distributions, described; each is read at its fileReference")
                                  List<ProofFileResponse> proofFiles) {

    @Schema(name = "AidDataSubjectKnown")
    public record Known(String fullName, String status, OffsetDateTime registeredAt, UUID serviceUnitId, String provinceCode,
                        String regencyCode, UUID mergedInto) {
    }

    @Schema(name = "AidDataSubjectErasure")
    public record Erasure(String pseudonym, @Schema(examples = "REQUEST") String reason, OffsetDateTime erasedAt, OffsetDateTime appliedAt) {
    }

    @Schema(name = "AidDataSubjectConsent")
    public record Consent(ConsentPurpose purpose, boolean given, UUID consentId, OffsetDateTime changedAt) {
    }

    static DataSubjectResponse of(DataSubjectQueries.DataSubject subject) {
        KnownBeneficiary k = subject.known();
        PersonalDataErasure e = subject.erasure();
        return new DataSubjectResponse(subject.beneficiaryId(), "aid", subject.generatedAt(),
                k == null ? null : new Known(k.fullName, k.status, k.registeredAt, k.serviceUnitId, k.provinceCode, k.regencyCode, k.mergedInto),
                e == null ? null : new Erasure(e.pseudonym, e.reason, e.erasedAt, e.appliedAt),
                subject.consents().stream().map(DataSubjectResponse::consent).toList(),
                subject.distributions().stream().map(DistributionResponse::of).toList(),
                subject.proofFiles().stream().map(ProofFileResponse::of).toList());
    }

    private static Consent consent(KnownConsent c) {
        return new Consent(c.purpose, c.given, c.consentId, c.changedAt);
    }
}
