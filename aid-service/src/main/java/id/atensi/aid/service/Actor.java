package id.atensi.aid.service;

import id.atensi.aid.domain.Distribution;
import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import id.atensi.commons.security.Caller;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Who acts on distributions and what it reaches: a partner the distributions it channels, an officer those of its
 * service unit (and reads, but does not change, those of no unit), admins and auditors all. Whatever lies outside the
 * caller's reach answers 404, as if it did not exist.
 *
 * @param partner the organisation a partner-only caller acts for, else empty
 * @param unit    the service unit of an officer who is not an admin, else empty
 * @param staff   admin or officer: may approve, cancel and override the duplicate-aid guard
 */
public record Actor(String name, Optional<UUID> partner, Optional<UUID> unit, boolean staff) {

    public static Actor of(Caller caller) {
        return new Actor(caller.name(), caller.ownPartner(), caller.ownUnit(), caller.isStaff());
    }

    /** @return the distribution, when this caller may read it; 404 otherwise */
    public Distribution reads(Distribution distribution, UUID id) {
        if (distribution == null
                || partner.isPresent() && !partner.get().equals(distribution.channellingPartnerId)
                || unit.isPresent() && distribution.serviceUnitId != null && !unit.get().equals(distribution.serviceUnitId)) {
            throw ProblemException.notFound("distribution", id);
        }
        return distribution;
    }

    /** @return the distribution, when this caller may move it on; a distribution of no unit is for admins only (403) */
    public Distribution changes(Distribution distribution, UUID id) {
        reads(distribution, id);
        if (unit.isPresent() && distribution.serviceUnitId == null) {
            throw new ProblemException(ProblemCode.FORBIDDEN, "distribution " + id + " belongs to no service unit: only an admin may change it",
                    List.of(), Map.of("rule", "no-unit-admin-only"));
        }
        return distribution;
    }

    /** The unit a new distribution belongs to: the recipient's; an officer proposes for its own unit only (403). */
    UUID unitFor(UUID recipientUnit) {
        if (unit.isEmpty()) {
            return recipientUnit;
        }
        if (recipientUnit != null && !recipientUnit.equals(unit.get())) {
            throw new ProblemException(ProblemCode.FORBIDDEN, "the recipient belongs to another service unit than the officer's",
                    List.of(), Map.of("rule", "other-unit"));
        }
        return unit.get();
    }
}
