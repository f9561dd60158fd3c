package id.atensi.aid.rest;

import id.atensi.aid.domain.Programme;
import id.atensi.aid.domain.ProgrammeKind;
import id.atensi.aid.domain.ProgrammeStatus;
import id.atensi.aid.service.ProgrammeQueries;
import id.atensi.vocabulary.FundingSourceKind;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** An aid programme and its budget, in integer rupiah, as it is at the moment of the request. */
@Schema(name = "AidProgramme")
public record AidProgrammeResponse(UUID id, String name, ProgrammeKind kind, LocalDate periodStart, LocalDate periodEnd,
                                   @Schema(description = "At the moment of the request: OPEN takes new distributions; ENDED (an open programme after its periodEnd, Asia/Jakarta) and CLOSED take none, and distributions under way go on")
                                   ProgrammeStatus status,
                                   @Schema(description = "What an admin can move it to now: exactly what the service then accepts")
                                   List<ProgrammeStatus> allowedTransitions,
                                   long budgetIdr, long committedIdr, long deliveredIdr, long remainingIdr,
                                   @Schema(description = "In their order, the order in which the pool draws on them")
                                   List<FundingSource> fundingSources, OffsetDateTime createdAt, OffsetDateTime closedAt, long version) {

    @Schema(name = "FundingSource")
    public record FundingSource(UUID id, FundingSourceKind kind, UUID partnerId, String funderName, long amountIdr,
                                long committedIdr, long deliveredIdr, long remainingIdr) {

        static FundingSource of(id.atensi.aid.domain.FundingSource s) {
            return new FundingSource(s.id, s.kind, s.partnerId, s.funderName, s.amountIdr, s.committedIdr, s.deliveredIdr, s.remainingIdr());
        }
    }

    static AidProgrammeResponse of(ProgrammeQueries.Reading reading) {
        Programme p = reading.programme();
        return new AidProgrammeResponse(p.id, p.name, p.kind, p.periodStart, p.periodEnd, reading.status(), List.copyOf(reading.allowedTransitions()),
                p.budgetIdr, p.committedIdr, p.deliveredIdr, p.remainingIdr(), reading.fundingSources().stream().map(FundingSource::of).toList(),
                p.createdAt, p.closedAt, p.version);
    }
}
