package id.atensi.partner.rest;

import id.atensi.partner.domain.ServiceUnitKind;
import id.atensi.partner.service.ServiceUnitService;
import id.atensi.vocabulary.Cluster;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Set;

@Schema(name = "ServiceUnitRequest", description = "A Kemensos technical unit to register, or its complete new state")
public record ServiceUnitRequest(
        @NotBlank @Size(max = 300) @Schema(examples = "Balai Disabilitas \"Phala Martha\" Sukabumi") String name,
        @NotNull @Schema(examples = "BALAI") ServiceUnitKind kind,
        @NotNull @Pattern(regexp = "\\d{2}", message = "must be a 2-digit province code") @Schema(examples = "32") String provinceCode,
        @Pattern(regexp = "\\d{2}\\.\\d{2}", message = "must be a regency code like 32.02") @Schema(examples = "32.02") String regencyCode,
        @Size(max = 500) String addressLine,
        @NotNull @PositiveOrZero @Max(100_000) @Schema(description = "Residents it can host", examples = "120") Integer residentialCapacity,
        Set<Cluster> clusters) {

    ServiceUnitService.UnitDetails toDetails() {
        return new ServiceUnitService.UnitDetails(name, kind, provinceCode, regencyCode, addressLine, residentialCapacity, clusters);
    }
}
