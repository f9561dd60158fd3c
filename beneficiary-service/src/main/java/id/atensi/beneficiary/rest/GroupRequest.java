package id.atensi.beneficiary.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Set;
import java.util.UUID;

public record GroupRequest(@NotBlank @Size(max = 200) @Schema(examples = "Komunitas Pemulung Bantar Gebang") String name,
                           @Size(max = 2000) String description,
                           @Schema(description = "The coaching partner (LKS); a partner caller is it") UUID coachingPartnerId,
                           @Schema(examples = "32") String provinceCode,
                           @Schema(examples = "32.75") String regencyCode,
                           @NotEmpty Set<@NotNull UUID> memberIds,
                           @NotNull UUID coordinatorId,
                           @Schema(description = "The unit serving the group; default: the officer's own, else the coordinator's") UUID serviceUnitId) {
}
