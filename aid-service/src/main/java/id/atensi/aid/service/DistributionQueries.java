package id.atensi.aid.service;

import id.atensi.aid.domain.Distribution;
import id.atensi.aid.domain.DistributionLine;
import id.atensi.aid.domain.DistributionShare;
import id.atensi.aid.domain.DistributionStatus;
import id.atensi.aid.domain.FundingSource;
import id.atensi.aid.domain.Programme;
import id.atensi.aid.domain.RecipientKind;
import id.atensi.aid.domain.Share;
import id.atensi.commons.paging.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Distributions as they are at the moment they are read, one or a page, within the caller's reach. */
@ApplicationScoped
public class DistributionQueries {

    private final AidAccess access;
    private final Clock clock;
    private final PartnerSharing sharing;

    DistributionQueries(AidAccess access, Clock clock, PartnerSharing sharing) {
        this.access = access;
        this.clock = clock;
        this.sharing = sharing;
    }

    /** What a list may be narrowed to; every field optional. */
    public record Filter(UUID programmeId, DistributionStatus status, RecipientKind recipientKind, UUID recipientId,
                         UUID channellingPartnerId) {
    }

    public Reading get(UUID id) {
        return read(access.reads(Distribution.<Distribution>findById(id), id));
    }

    /** Newest first; a partner sees only what it channels, an officer its unit's and those of no unit. */
    public Page<Reading> list(Filter filter, int page, int size) {
        List<String> where = new ArrayList<>();
        Map<String, Object> parameters = new HashMap<>();
        UUID channellingPartnerId = access.partnerScope().orElse(filter.channellingPartnerId());
        access.unitScope().ifPresent(unit -> {
            where.add("(serviceUnitId = :unit or serviceUnitId is null)");
            parameters.put("unit", unit);
        });
        narrow(where, parameters, "programmeId", filter.programmeId());
        narrow(where, parameters, "status", filter.status());
        narrow(where, parameters, "recipientKind", filter.recipientKind());
        narrow(where, parameters, "recipientId", filter.recipientId());
        narrow(where, parameters, "channellingPartnerId", channellingPartnerId);
        String query = where.isEmpty() ? "1 = 1" : String.join(" and ", where);
        var found = Distribution.<Distribution>find(query, Sort.descending("proposedAt"), parameters).page(page, size);
        return new Page<>(read(found.list()), page, size, found.count());
    }

    private static void narrow(List<String> where, Map<String, Object> parameters, String field, Object value) {
        if (value != null) {
            where.add(field + " = :" + field);
            parameters.put(field, value);
        }
    }

    /**
     * A distribution as it is at the moment it is read: its lines, its shares, the moves it can make now, and whether
     * its personal details are withheld from this caller ({@link PartnerSharing}).
     */
    public record Reading(Distribution distribution, List<DistributionLine> lines, List<DistributionShare> shares,
                          Set<DistributionStatus> allowedTransitions, boolean personalDataWithheld) {
    }

    public Reading read(Distribution distribution) {
        return read(List.of(distribution)).get(0);
    }

    /** Reads a page of distributions with a fixed number of queries, whatever its size. */
    public List<Reading> read(List<Distribution> distributions) {
        if (distributions.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = distributions.stream().map(d -> d.id).toList();
        Map<UUID, List<DistributionLine>> lines = DistributionLine.<DistributionLine>list("distributionId in ?1 order by position", ids)
                .stream().collect(Collectors.groupingBy(line -> line.distributionId));
        Map<UUID, List<DistributionShare>> shares = DistributionShare.<DistributionShare>list("distributionId in ?1 order by position", ids)
                .stream().collect(Collectors.groupingBy(share -> share.distributionId));
        List<UUID> proposedIn = distributions.stream().filter(d -> d.status.next().contains(DistributionStatus.APPROVED))
                .map(d -> d.programmeId).distinct().toList();
        Map<UUID, Programme> programmesById = proposedIn.isEmpty() ? Map.of()
                : Programme.<Programme>list("id in ?1", proposedIn).stream().collect(Collectors.toMap(p -> p.id, Function.identity()));
        Map<UUID, List<FundingSource>> sources = proposedIn.isEmpty() ? Map.of()
                : FundingSource.<FundingSource>list("programmeId in ?1 order by position", proposedIn).stream()
                .collect(Collectors.groupingBy(source -> source.programmeId));
        LocalDate today = today();
        Set<UUID> withheld = sharing.withheld(distributions);
        List<Reading> readings = new ArrayList<>();
        for (Distribution d : distributions) {
            List<DistributionShare> own = shares.getOrDefault(d.id, List.of());
            Set<DistributionStatus> allowed = programmesById.containsKey(d.programmeId)
                    ? d.allowedTransitions(programmesById.get(d.programmeId), sources.getOrDefault(d.programmeId, List.of()), sharesOf(own), today)
                    : d.status.next();
            readings.add(new Reading(d, lines.getOrDefault(d.id, List.of()), own, allowed, withheld.contains(d.id)));
        }
        return readings;
    }

    private LocalDate today() {
        return Clocks.today(clock);
    }

    private static List<Share> sharesOf(List<DistributionShare> rows) {
        return rows.stream().map(DistributionShare::share).toList();
    }
}
