package id.atensi.aid.service;

import id.atensi.aid.events.KnownBeneficiary;
import id.atensi.commons.paging.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** The beneficiaries aid can be given to, as learned from the beneficiary service's events. */
@ApplicationScoped
public class RecipientQueries {

    private final AidAccess access;

    RecipientQueries(AidAccess access) {
        this.access = access;
    }

    /** An officer reads those of its own unit and of no unit; another unit's answers 404. */
    public KnownBeneficiary beneficiary(UUID beneficiaryId) {
        return access.reads(KnownBeneficiary.<KnownBeneficiary>findById(beneficiaryId), beneficiaryId);
    }

    /** Newest registrations first; an officer sees those of its own unit and of no unit. */
    public Page<KnownBeneficiary> beneficiaries(int page, int size) {
        Sort newest = Sort.descending("registeredAt");
        var query = access.unitScope()
                .map(unit -> KnownBeneficiary.<KnownBeneficiary>find("serviceUnitId = ?1 or serviceUnitId is null", newest, unit))
                .orElseGet(() -> KnownBeneficiary.findAll(newest))
                .page(page, size);
        return new Page<>(query.list(), page, size, query.count());
    }
}
