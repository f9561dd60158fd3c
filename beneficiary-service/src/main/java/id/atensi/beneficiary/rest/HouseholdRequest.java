package id.atensi.beneficiary.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

public record HouseholdRequest(@NotNull @Pattern(regexp = "\\d{16}", message = "must be exactly 16 digits") String kkNumber,
                               @NotEmpty List<@Valid @NotNull HouseholdMemberRequest> members,
                               @Schema(description = "The unit serving the family; default: the officer's own, else the head's") UUID serviceUnitId) {
}
