package id.atensi.partner.rest;

import id.atensi.partner.service.AgreementService;
import id.atensi.vocabulary.AtensiService;
import id.atensi.vocabulary.Cluster;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Set;
import java.util.UUID;

@Schema(name = "AgreementScopeRequest", description = "What the agreement covers: ATENSI services, clusters, regions and service units")
public record ScopeRequest(
        Set<AtensiService> services,
        Set<Cluster> clusters,
        @Size(max = 600) @Schema(description = "Province (32) or regency (32.02) codes", examples = "[\"32\", \"36\"]") Set<String> regionCodes,
        @Size(max = 200) Set<UUID> serviceUnitIds) {

    AgreementService.Scope toScope() {
        return new AgreementService.Scope(services, clusters, regionCodes, serviceUnitIds);
    }
}
