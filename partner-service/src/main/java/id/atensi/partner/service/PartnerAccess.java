package id.atensi.partner.service;

import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import id.atensi.commons.security.Caller;
import id.atensi.partner.domain.Agreement;
import id.atensi.partner.domain.PartnerLink;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Object-level access of the partner service (README, "Access"), on top of {@link Caller} and called from the use
 * cases. One rule (docs/how-a-service-is-built.md): what a caller does not reach is not found (404), for a read and a
 * change alike, so that an answer never confirms that another's id exists; what it reaches but may not change is
 * forbidden (403). Units, their networks and partners are a directory every staff role reads, so an officer's change
 * outside its own unit is a 403; another unit's agreement is not read at all, so it is a 404.
 */
@ApplicationScoped
public class PartnerAccess {

    private final Caller caller;

    PartnerAccess(Caller caller) {
        this.caller = caller;
    }

    /** Admins and the unit's own officers change a unit and its partner network. */
    void changesUnit(UUID unitId) {
        Optional<UUID> own = caller.ownUnit();
        if (own.isPresent() && !own.get().equals(unitId)) {
            throw new ProblemException(ProblemCode.FORBIDDEN, "an officer changes only its own service unit and its partner network");
        }
    }

    /** A partner caller reads only its own organisation and its links. */
    void readsPartner(UUID partnerId) {
        Optional<UUID> own = caller.ownPartner();
        if (own.isPresent() && !own.get().equals(partnerId)) {
            throw ProblemException.notFound("partner", partnerId);
        }
    }

    /** An officer changes the partners its unit works with: those linked in the unit's network. */
    void changesPartner(UUID partnerId) {
        Optional<UUID> own = caller.ownUnit();
        if (own.isPresent() && PartnerLink.count("serviceUnitId = ?1 and partnerId = ?2", own.get(), partnerId) == 0) {
            throw new ProblemException(ProblemCode.FORBIDDEN,
                    "an officer changes only the partners in its own unit's network; link the partner to the unit first");
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
    AgreementQueries.Reach reach() {
        return new AgreementQueries.Reach(caller.ownPartner().orElse(null), caller.ownUnit().orElse(null));
    }
}
