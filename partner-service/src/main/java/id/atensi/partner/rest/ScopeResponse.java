package id.atensi.partner.rest;

import id.atensi.partner.domain.Agreement;
import id.atensi.vocabulary.AtensiService;
import id.atensi.vocabulary.Cluster;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

@Schema(name = "AgreementScope", description = "What the agreement covers: ATENSI services, clusters, regions and service units")
public record ScopeResponse(
        Set<AtensiService> services,
        Set<Cluster> clusters,
        @Schema(description = "Province (32) or regency (32.02) codes", examples = "[\"32\", \"36\"]") Set<String> regionCodes,
        Set<UUID> serviceUnitIds) {

    static ScopeResponse of(Agreement agreement) {
        return new ScopeResponse(new TreeSet<>(agreement.services), new TreeSet<>(agreement.clusters), new TreeSet<>(agreement.regionCodes),
                new TreeSet<>(agreement.serviceUnitIds));
    }
}
