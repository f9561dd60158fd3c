package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.service.BeneficiaryQueries;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

public record CountsResponse(@Schema(examples = "cluster") String by, List<Count> counts) {

    /** One group: its key (a cluster, region code, status or unit id; absent for "not recorded") and how many. */
    @Schema(name = "Count")
    public record Count(@Schema(examples = "PERSONS_WITH_DISABILITIES") String key, long count) {
    }

    static CountsResponse of(String by, List<BeneficiaryQueries.Count> counts) {
        return new CountsResponse(by, counts.stream().map(c -> new Count(c.key(), c.count())).toList());
    }
}
