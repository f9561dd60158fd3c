package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.domain.UnitTransfer;

import java.time.OffsetDateTime;
import java.util.UUID;

public record TransferResponse(UUID id, UnitTransfer.Kind kind, UUID fromUnitId, UUID toUnitId, String note, String madeBy,
                               OffsetDateTime madeAt) {

    static TransferResponse of(UnitTransfer t) {
        return new TransferResponse(t.id, t.kind, t.fromUnitId, t.toUnitId, t.note, t.madeBy, t.madeAt);
    }
}
