package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.domain.Sex;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

@Schema(name = "RegisterBeneficiaryRequest", description = "A person to register")
public record RegisterBeneficiaryRequest(
        @NotBlank @Size(max = 200) @Schema(examples = "Siti Aminah") String fullName,
        @NotNull @Pattern(regexp = "\\d{16}", message = "must be exactly 16 digits")
        @Schema(description = "National identity number (NIK), 16 digits", examples = "3201014508900001") String nik,
        @NotNull @PastOrPresent @Schema(examples = "1990-08-05") LocalDate birthDate,
        @NotNull @Schema(examples = "FEMALE") Sex sex) {
}
