package id.atensi.beneficiary.service;

import id.atensi.beneficiary.domain.DuplicateCandidate;
import id.atensi.commons.paging.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** Duplicate candidates as callers list them for review; detecting and resolving them is {@link DuplicateService}'s. */
@ApplicationScoped
public class DuplicateQueries {

    private final BeneficiaryAccess access;

    DuplicateQueries(BeneficiaryAccess access) {
        this.access = access;
    }

    /**
     * The candidates in the caller's sight, oldest first: an officer's are the pairs with at least one side in its unit
     * (as {@link BeneficiaryAccess#sees} has it), so that duplicates across units come to light.
     */
    public Page<DuplicateCandidate> list(DuplicateCandidate.Status status, UUID beneficiaryId, int page, int size) {
        StringBuilder query = new StringBuilder("status = :status");
        Parameters parameters = Parameters.with("status", status == null ? DuplicateCandidate.Status.OPEN : status);
        if (beneficiaryId != null) {
            query.append(" and (firstId = :b or secondId = :b)");
            parameters.and("b", beneficiaryId);
        }
        access.unitScope().ifPresent(unit -> {
            query.append(" and (firstId in (select p.id from Beneficiary p where p.serviceUnitId = :unit)"
                    + " or secondId in (select p.id from Beneficiary p where p.serviceUnitId = :unit))");
            parameters.and("unit", unit);
        });
        var found = DuplicateCandidate.<DuplicateCandidate>find(query.toString(), Sort.by("detectedAt").and("id"), parameters);
        return new Page<>(found.page(page, size).list(), page, size, found.count());
    }
}
