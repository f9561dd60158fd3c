package id.atensi.aid.service;

import id.atensi.aid.domain.FundingSource;
import id.atensi.aid.domain.Programme;
import id.atensi.aid.domain.ProgrammeStatus;
import id.atensi.commons.paging.Page;
import id.atensi.commons.rest.ProblemException;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Programmes, which are national: every reading role sees them all, as they are at the moment of the request. */
@ApplicationScoped
public class ProgrammeQueries {

    private final Clock clock;

    ProgrammeQueries(Clock clock) {
        this.clock = clock;
    }

    /**
     * A programme as it is when read: its funding sources in their order (the pool's), and its status and the
     * transitions it allows today (an open programme reads ENDED from the day after its period).
     */
    public record Reading(Programme programme, List<FundingSource> fundingSources, ProgrammeStatus status,
                          Set<ProgrammeStatus> allowedTransitions) {
    }

    public Reading get(UUID id) {
        return read(Programme.<Programme>findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("programme", id)));
    }

    /** Newest first, optionally by status as it is today. */
    public Page<Reading> list(ProgrammeStatus status, int page, int size) {
        LocalDate today = Clocks.today(clock);
        Sort newest = Sort.descending("createdAt");
        // ENDED is not stored: the filter asks what a read would say today.
        var query = status == null ? Programme.<Programme>findAll(newest) : switch (status) {
            case OPEN -> Programme.<Programme>find("status = :open and periodEnd >= :today", newest,
                    Parameters.with("open", ProgrammeStatus.OPEN).and("today", today));
            case ENDED -> Programme.<Programme>find("status = :open and periodEnd < :today", newest,
                    Parameters.with("open", ProgrammeStatus.OPEN).and("today", today));
            case CLOSED -> Programme.<Programme>find("status = :closed", newest, Parameters.with("closed", ProgrammeStatus.CLOSED));
        };
        query.page(page, size);
        List<Programme> programmes = query.list();
        Map<UUID, List<FundingSource>> sources = programmes.isEmpty() ? Map.of()
                : FundingSource.<FundingSource>list("programmeId in ?1 order by position", programmes.stream().map(p -> p.id).toList())
                .stream().collect(Collectors.groupingBy(source -> source.programmeId));
        return new Page<>(programmes.stream().map(p -> read(p, sources.getOrDefault(p.id, List.of()), today)).toList(), page, size,
                query.count());
    }

    public Reading read(Programme programme) {
        return read(programme, FundingSource.list("programmeId = ?1 order by position", programme.id), Clocks.today(clock));
    }

    private static Reading read(Programme programme, List<FundingSource> sources, LocalDate today) {
        return new Reading(programme, sources, programme.statusOn(today), programme.allowedTransitionsOn(today));
    }
}
