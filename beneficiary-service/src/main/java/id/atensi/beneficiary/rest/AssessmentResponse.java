package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.domain.Assessment;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

public record AssessmentResponse(UUID id, UUID beneficiaryId, LocalDate assessedOn, String assessor, String summary,
                                 List<AssessmentRequest.Need> needs, OffsetDateTime recordedAt) {

    static AssessmentResponse of(Assessment a) {
        return new AssessmentResponse(a.id, a.beneficiaryId, a.assessedOn, a.assessor, a.summary,
                a.needs.stream().map(n -> new AssessmentRequest.Need(n.service, n.need)).toList(), a.recordedAt);
    }
}
