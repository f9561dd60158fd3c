package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.domain.Consent;

import java.time.OffsetDateTime;
import java.util.UUID;

public record ConsentResponse(UUID id, UUID beneficiaryId, String purpose, boolean given, String recordedBy,
                              OffsetDateTime recordedAt, String note) {

    static ConsentResponse of(Consent c) {
        return new ConsentResponse(c.id, c.beneficiaryId, c.purpose, c.given, c.recordedBy, c.recordedAt, c.note);
    }
}
