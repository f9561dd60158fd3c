package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.domain.UnitTransfer;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.UUID;

public record TransferRequest(@NotNull UnitTransfer.Kind kind, @NotNull UUID serviceUnitId, @Size(max = 500) String note) {
}
