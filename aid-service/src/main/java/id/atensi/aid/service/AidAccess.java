package id.atensi.aid.service;

import id.atensi.aid.domain.Distribution;
import id.atensi.aid.events.KnownBeneficiary;
import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import id.atensi.commons.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The aid service's object-level rules on top of {@link Caller}. A partner reaches the distributions it channels; an
 * officer those of its service unit and those of no unit (and the known beneficiaries likewise); admins and auditors
 * reach everything. Programmes and items are national: every role that may read them reads them all.
 * <p>
 * The one rule: another unit's or partner's object is not found (404) when read or listed, and when changed, since an
 * object the caller cannot read must not be confirmed to exist (docs/architecture.md); naming another's unit or
 * partner in a change, or changing what the caller may read but not move, is forbidden (403).
 */
@ApplicationScoped
public class AidAccess {

    private final Caller caller;

    AidAccess(Caller caller) {
        this.caller = caller;
    }

    /** Who acts: the token's subject, recorded as proposer, approver, or whoever recorded a delivery. */
    public String name() {
        return caller.name();
    }

    /** The organisation a partner-only caller acts for: lists and totals show only what it channels. */
    public Optional<UUID> partnerScope() {
        return caller.ownPartner();
    }

    /** An officer's service unit: lists and totals show that unit's distributions and those of no unit. */
    public Optional<UUID> unitScope() {
        return caller.ownUnit();
    }

    /** @return the distribution, when this caller may read it; 404 otherwise */
    public Distribution reads(Distribution distribution, UUID id) {
        Optional<UUID> partner = partnerScope();
        Optional<UUID> unit = unitScope();
        if (distribution == null
                || partner.isPresent() && !partner.get().equals(distribution.channellingPartnerId)
                || unit.isPresent() && distribution.serviceUnitId != null && !unit.get().equals(distribution.serviceUnitId)) {
            throw ProblemException.notFound("distribution", id);
        }
        return distribution;
    }

    /** @return the distribution, when this caller may move it on; one of no unit an officer reads, but only an admin moves (403) */
    public Distribution changes(Distribution distribution, UUID id) {
        reads(distribution, id);
        if (unitScope().isPresent() && distribution.serviceUnitId == null) {
            throw new ProblemException(ProblemCode.FORBIDDEN, "distribution " + id + " belongs to no service unit: only an admin may change it",
                    List.of(), Map.of("rule", "no-unit-admin-only"));
        }
        return distribution;
    }

    /** @return the known beneficiary, when this caller may read it (an officer: its unit's and those of no unit); 404 otherwise */
    public KnownBeneficiary reads(KnownBeneficiary known, UUID id) {
        Optional<UUID> unit = unitScope();
        if (known == null || unit.isPresent() && known.serviceUnitId != null && !unit.get().equals(known.serviceUnitId)) {
            throw ProblemException.notFound("known beneficiary", id);
        }
        return known;
    }

    /** The unit a new distribution belongs to: the recipient's; an officer proposes for its own unit only (403). */
    UUID unitFor(UUID recipientUnit) {
        Optional<UUID> unit = unitScope();
        if (unit.isEmpty()) {
            return recipientUnit;
        }
        if (recipientUnit != null && !recipientUnit.equals(unit.get())) {
            throw new ProblemException(ProblemCode.FORBIDDEN, "the recipient belongs to another service unit than the officer's",
                    List.of(), Map.of("rule", "other-unit"));
        }
        return unit.get();
    }

    /** The channelling partner of a new distribution: a partner proposes what it channels itself (403 for another). */
    UUID channelFor(UUID requested) {
        Optional<UUID> partner = partnerScope();
        if (partner.isEmpty()) {
            return requested;
        }
        if (requested != null && !requested.equals(partner.get())) {
            throw new ProblemException(ProblemCode.FORBIDDEN, "a partner proposes distributions it channels itself only");
        }
        return partner.get();
    }

    /** Only staff (admins and officers) give the same item to the same recipient again: a partner may not (403). */
    void requireMayOverrideDuplicateGuard() {
        if (!caller.isStaff()) {
            throw new ProblemException(ProblemCode.FORBIDDEN, "only an officer may override the duplicate-aid guard", List.of(),
                    Map.of("rule", "duplicate-override-officer-only"));
        }
    }
}
