package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.domain.Approach;
import id.atensi.beneficiary.domain.Sex;
import id.atensi.beneficiary.service.BeneficiaryService;
import id.atensi.vocabulary.Cluster;
import id.atensi.vocabulary.DisabilityType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

@Schema(name = "BeneficiaryRequest", description = "A person to register, or the whole record to replace on update")
public record BeneficiaryRequest(
        @NotBlank @Size(max = 200) @Schema(examples = "Siti Aminah") String fullName,
        @NotNull @Pattern(regexp = "\\d{16}", message = "must be exactly 16 digits")
        @Schema(description = "National identity number (NIK), 16 digits", examples = "3201014508900001") String nik,
        @Pattern(regexp = "\\d{16}", message = "must be exactly 16 digits")
        @Schema(description = "Family card (KK) number, 16 digits", examples = "3201010101200001") String kkNumber,
        @Size(max = 100) @Schema(examples = "Bogor") String birthPlace,
        @NotNull @PastOrPresent @Schema(examples = "1990-08-05") LocalDate birthDate,
        @NotNull @Schema(examples = "FEMALE") Sex sex,
        @Valid Address address,
        @Pattern(regexp = "\\+?[0-9]{8,15}", message = "must be 8 to 15 digits, optionally after +") String phone,
        @Size(max = 40) @Schema(description = "Id in the national welfare database (DTKS/DTSEN)") String welfareId,
        @Schema(description = "Target clusters (klaster sasaran), the platform's values (docs/vocabulary.md)",
                examples = "[\"PERSONS_WITH_DISABILITIES\", \"ELDERLY\"]") Set<Cluster> clusters,
        @Schema(description = "Kinds of disability (ragam disabilitas); need the PERSONS_WITH_DISABILITIES cluster",
                examples = "[\"SENSORY_BLIND\"]") Set<DisabilityType> disabilityTypes,
        Approach approach,
        UUID serviceUnitId,
        @Schema(description = "Partners serving the person; a partner registering adds itself") Set<UUID> partnerIds) {

    @Schema(name = "Address", description = "Official region codes of the Ministry of Home Affairs; each lies in the one above")
    public record Address(
            @Pattern(regexp = "\\d{2}", message = "must be 2 digits") @Schema(examples = "32") String provinceCode,
            @Schema(examples = "32.01") String regencyCode,
            @Schema(examples = "32.01.01") String districtCode,
            @Schema(examples = "32.01.01.1001") String villageCode,
            @Size(max = 300) @Schema(examples = "Jl. Merdeka 1 RT 01/RW 02") String line) {
    }

    BeneficiaryService.Person toPerson() {
        return new BeneficiaryService.Person(fullName, nik, kkNumber, birthPlace, birthDate, sex,
                address == null ? null : new BeneficiaryService.Address(blankToNull(address.provinceCode()),
                        blankToNull(address.regencyCode()), blankToNull(address.districtCode()), blankToNull(address.villageCode()),
                        address.line()),
                phone, welfareId, clusters, disabilityTypes, approach, serviceUnitId, partnerIds);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
