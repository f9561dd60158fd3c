package id.atensi.partner.rest;

import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import id.atensi.commons.security.Caller;
import id.atensi.partner.domain.Agreement;
import id.atensi.partner.domain.PartnerLink;
import id.atensi.partner.service.AgreementService;
import jakarta.enterprise.context.RequestScoped;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Object-level access of the partner service (README, "Access"). Units and partners are a directory every staff role
 * reads; an officer changes only its own unit, its network and the partners in it, and the agreements that reach its
 * unit. What a caller may not reach answers 404, so that its existence does not leak.
 */
@RequestScoped
class Access {

    private final Caller caller;

    Access(Caller caller) {
        this.caller = caller;
    }

    /** Admins and the unit's own officers change a unit and its partner network. */
    void changesUnit(UUID unitId) {
        Optional<UUID> own = caller.ownUnit();
        if (own.isPresent() && !own.get().equals(unitId)) {
            throw ProblemException.notFound("service unit", unitId);
        }
    }

    /** An officer changes the partners its unit works with: those linked in the unit's network. */
    void changesPartner(UUID partnerId) {
        Optional<UUID> own = caller.ownUnit();
        if (own.isPresent() && PartnerLink.count("serviceUnitId = ?1 and partnerId = ?2", own.get(), partnerId) == 0) {
            throw ProblemException.notFound("partner", partnerId);
        }
    }

    /** A partner reads the agreements it is a party to; an officer those that reach its unit and the national ones. */
    Agreement reads(Agreement agreement) {
        Optional<UUID> partner = caller.ownPartner();
        Optional<UUID> unit = caller.ownUnit();
        Set<UUID> units = agreement.unitIds();
        boolean reached = partner.map(agreement::hasPartnerParty)
                .orElseGet(() -> unit.isEmpty() || units.isEmpty() || units.contains(unit.get()));
        if (!reached) {
            throw ProblemException.notFound("agreement", agreement.id);
        }
        return agreement;
    }

    /** Only admins change a national agreement (one without a service unit); officers can read it, so this is a 403. */
    Agreement changes(Agreement agreement) {
        reads(agreement);
        if (caller.ownUnit().isPresent() && agreement.unitIds().isEmpty()) {
            throw new ProblemException(ProblemCode.FORBIDDEN, "an agreement without a service unit is national: only an admin changes it");
        }
        return agreement;
    }

    /** An officer drafts and amends agreements for its own unit: the units the terms name must include it. */
    void keepsOwnUnit(Set<UUID> unitIds) {
        Optional<UUID> own = caller.ownUnit();
        if (own.isPresent() && !unitIds.contains(own.get())) {
            throw new ProblemException(ProblemCode.FORBIDDEN,
                    "an officer records agreements of its own service unit: name unit " + own.get() + " as a party or in the scope");
        }
    }

    /** The agreements this caller's lists and reports cover. */
    AgreementService.Reach reach() {
        return new AgreementService.Reach(caller.ownPartner().orElse(null), caller.ownUnit().orElse(null));
    }
}
