package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.domain.Beneficiary;
import id.atensi.beneficiary.domain.BeneficiaryStatus;
import id.atensi.beneficiary.domain.Nik;
import id.atensi.beneficiary.domain.Sex;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

@Schema(name = "Beneficiary")
public record BeneficiaryResponse(
        UUID id,
        @Schema(examples = "Siti Aminah") String fullName,
        @Schema(description = "NIK; masked (320101********01) for roles without the right to see it") String nik,
        LocalDate birthDate,
        Sex sex,
        BeneficiaryStatus status,
        OffsetDateTime registeredAt) {

    static BeneficiaryResponse of(Beneficiary beneficiary, boolean showPersonalNumbers) {
        return new BeneficiaryResponse(beneficiary.id, beneficiary.fullName,
                showPersonalNumbers ? beneficiary.nik : Nik.masked(beneficiary.nik),
                beneficiary.birthDate, beneficiary.sex, beneficiary.status, beneficiary.registeredAt);
    }
}
