package id.atensi.partner.domain;

import id.atensi.vocabulary.AtensiService;
import id.atensi.vocabulary.Cluster;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * What an agreement binds its parties to at one moment: period, scope and commitments. An addendum keeps the terms
 * before and after it, which is how the history tells what each addendum changed.
 */
public record AgreementTerms(LocalDate startsOn, LocalDate endsOn, Set<AtensiService> services, Set<Cluster> clusters,
                             Set<String> regionCodes, Set<UUID> serviceUnitIds, List<CommitmentTerm> commitments, long committedIdr) {

    /** Sorted sets, so that terms read back from JSON compare and show as they were written. */
    public AgreementTerms {
        services = new TreeSet<>(services == null ? Set.of() : services);
        clusters = new TreeSet<>(clusters == null ? Set.of() : clusters);
        regionCodes = new TreeSet<>(regionCodes == null ? Set.of() : regionCodes);
        serviceUnitIds = new TreeSet<>(serviceUnitIds == null ? Set.of() : serviceUnitIds);
        commitments = commitments == null ? List.of() : List.copyOf(commitments);
    }

    /** One commitment as the terms read it. */
    public record CommitmentTerm(UUID partnerId, CommitmentKind kind, Long amountIdr, String description, String addendumNumber) {
    }

    public static AgreementTerms of(Agreement agreement) {
        return new AgreementTerms(agreement.startsOn, agreement.endsOn, agreement.services, agreement.clusters, agreement.regionCodes,
                agreement.serviceUnitIds,
                agreement.commitments.stream()
                        .map(c -> new CommitmentTerm(c.partnerId, c.kind, c.amountIdr, c.description, c.addendumNumber))
                        .toList(),
                agreement.committedIdr());
    }

    /** The names of the terms that differ from {@code before}, in a fixed order. */
    public List<String> changedSince(AgreementTerms before) {
        List<String> changed = new ArrayList<>();
        addIfChanged(changed, "startsOn", before.startsOn, startsOn);
        addIfChanged(changed, "endsOn", before.endsOn, endsOn);
        addIfChanged(changed, "services", before.services, services);
        addIfChanged(changed, "clusters", before.clusters, clusters);
        addIfChanged(changed, "regionCodes", before.regionCodes, regionCodes);
        addIfChanged(changed, "serviceUnitIds", before.serviceUnitIds, serviceUnitIds);
        addIfChanged(changed, "commitments", before.commitments, commitments);
        return changed;
    }

    private static void addIfChanged(List<String> changed, String name, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changed.add(name);
        }
    }
}
