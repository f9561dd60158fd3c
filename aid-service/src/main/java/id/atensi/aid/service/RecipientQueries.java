package id.atensi.aid.service;

import id.atensi.aid.events.KnownBeneficiary;
import id.atensi.commons.paging.Page;
import id.atensi.commons.rest.ProblemException;
import id.atensi.commons.security.Caller;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.UUID;

/** The beneficiaries aid can be given to, as learned from the beneficiary service's events. */
@ApplicationScoped
public class RecipientQueries {

    private final Caller caller;

    RecipientQueries(Caller caller) {
        this.caller = caller;
    }

    /** An officer reads those of its own unit and of no unit; another unit's answers 404. */
    public KnownBeneficiary beneficiary(UUID beneficiaryId) {
        Optional<UUID> unit = caller.ownUnit();
        return KnownBeneficiary.<KnownBeneficiary>findByIdOptional(beneficiaryId)
                .filter(known -> unit.isEmpty() || known.serviceUnitId == null || unit.get().equals(known.serviceUnitId))
                .orElseThrow(() -> ProblemException.notFound("known beneficiary", beneficiaryId));
    }

    /** Newest registrations first; an officer sees those of its own unit and of no unit. */
    public Page<KnownBeneficiary> beneficiaries(int page, int size) {
        Sort newest = Sort.descending("registeredAt");
        var query = caller.ownUnit()
                .map(unit -> KnownBeneficiary.<KnownBeneficiary>find("serviceUnitId = ?1 or serviceUnitId is null", newest, unit))
                .orElseGet(() -> KnownBeneficiary.findAll(newest))
                .page(page, size);
        return new Page<>(query.list(), page, size, query.count());
    }
}
