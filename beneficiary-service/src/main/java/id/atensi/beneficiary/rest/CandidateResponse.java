package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.domain.DuplicateCandidate;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A likely duplicate pair and what became of it. */
public record CandidateResponse(UUID id, UUID firstId, UUID secondId, String reason, DuplicateCandidate.Status status,
                                OffsetDateTime detectedAt, String resolvedBy, OffsetDateTime resolvedAt, UUID survivorId) {

    static CandidateResponse of(DuplicateCandidate c) {
        return new CandidateResponse(c.id, c.firstId, c.secondId, c.reason, c.status, c.detectedAt, c.resolvedBy, c.resolvedAt,
                c.survivorId);
    }
}
