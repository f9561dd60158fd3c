package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.domain.Approach;
import id.atensi.beneficiary.domain.Beneficiary;
import id.atensi.beneficiary.domain.BeneficiaryStatus;
import id.atensi.beneficiary.domain.Sex;
import id.atensi.beneficiary.pii.PersonalNumberCipher;
import id.atensi.beneficiary.service.BeneficiaryService;
import id.atensi.vocabulary.Cluster;
import id.atensi.vocabulary.DisabilityType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

@Schema(name = "Beneficiary")
public record BeneficiaryResponse(
        UUID id,
        @Schema(examples = "Siti Aminah") String fullName,
        @Schema(description = "NIK; masked (3201********0001) for roles without the right to see it") String nik,
        @Schema(description = "KK number; masked like the NIK") String kkNumber,
        String birthPlace,
        LocalDate birthDate,
        Sex sex,
        BeneficiaryRequest.Address address,
        @Schema(description = "Phone; masked for roles without the right to see personal data") String phone,
        String welfareId,
        List<Cluster> clusters,
        List<DisabilityType> disabilityTypes,
        Approach approach,
        UUID serviceUnitId,
        List<UUID> partnerIds,
        BeneficiaryStatus status,
        String decisionNumber,
        LocalDate decisionDate,
        String terminationReason,
        OffsetDateTime registeredAt,
        OffsetDateTime updatedAt,
        @Schema(description = "Set when this record was merged into another: the survivor's id") UUID mergedInto,
        @Schema(description = "The version, also sent as ETag; send it back in If-Match to update") long version,
        @Schema(description = "True when the caller is a partner and the person's PARTNER_SHARING consent does not hold: every personal field is absent, and partnerIds names only the caller") boolean personalDataWithheld,
        @Schema(description = "Set when the person's personal data was erased; fullName is then a pseudonym") OffsetDateTime erasedAt) {

    static BeneficiaryResponse of(BeneficiaryService.View view, boolean showPersonalData) {
        Beneficiary b = view.beneficiary();
        return new BeneficiaryResponse(b.id, b.fullName,
                showPersonalData ? view.nik() : PersonalNumberCipher.masked(view.nik()),
                showPersonalData ? view.kkNumber() : PersonalNumberCipher.masked(view.kkNumber()),
                b.birthPlace, b.birthDate, b.sex,
                b.provinceCode == null && b.addressLine == null ? null
                        : new BeneficiaryRequest.Address(b.provinceCode, b.regencyCode, b.districtCode, b.villageCode,
                        showPersonalData ? b.addressLine : null),
                showPersonalData ? b.phone : PersonalNumberCipher.masked(b.phone),
                b.welfareId,
                Arrays.stream(b.clusters).map(Cluster::valueOf).toList(),
                Arrays.stream(b.disabilityTypes).map(DisabilityType::valueOf).toList(),
                b.approach, b.serviceUnitId, List.of(b.partnerIds), b.status, b.decisionNumber, b.decisionDate,
                b.terminationReason, b.registeredAt, b.updatedAt, b.mergedInto, b.version, false, b.erasedAt);
    }

    /**
     * What a partner sees of a person it serves without the person's consent to sharing: that the person exists in its
     * services and where the case stands, nothing personal. Even the other partners serving the person are left out:
     * which organisations serve someone tells much about them (a rehabilitation centre, a shelter).
     */
    static BeneficiaryResponse withheld(Beneficiary b, UUID callerPartner) {
        return new BeneficiaryResponse(b.id, null, null, null, null, null, null, null, null, null, List.of(), List.of(),
                null, b.serviceUnitId, List.of(callerPartner), b.status, null, null, null, b.registeredAt, b.updatedAt,
                b.mergedInto, b.version, true, b.erasedAt);
    }
}
