package id.atensi.aid.rest;

import id.atensi.aid.domain.ProgrammeKind;
import id.atensi.aid.service.ProgrammeService;
import id.atensi.vocabulary.FundingSourceKind;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** An aid programme to open, with its funding sources in the order the pool draws on them. */
@Schema(name = "AidProgrammeRequest")
public record AidProgrammeRequest(
        @NotBlank @Size(max = 300) String name,
        @NotNull ProgrammeKind kind,
        @NotNull LocalDate periodStart,
        @NotNull LocalDate periodEnd,
        @NotEmpty @Size(max = 50) List<@Valid @NotNull FundingSource> fundingSources) {

    @Schema(name = "FundingSourceRequest", description = "CSR needs partnerId (the CSR partner); OTHER needs funderName and may name a non-state funder's partnerId. A partnerId must be a known, active partner (422).")
    public record FundingSource(
            @NotNull FundingSourceKind kind,
            UUID partnerId,
            @Size(max = 300) String funderName,
            @NotNull @Min(value = 1, message = "must be at least 1 rupiah") Long amountIdr) {
    }

    ProgrammeService.Opening toOpening() {
        return new ProgrammeService.Opening(name, kind, periodStart, periodEnd, fundingSources.stream()
                .map(source -> new ProgrammeService.Funding(source.kind(), source.partnerId(), source.funderName(), source.amountIdr()))
                .toList());
    }
}
