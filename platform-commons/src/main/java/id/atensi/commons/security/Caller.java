package id.atensi.commons.security;

import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Collection;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Who is calling, as far as object-level access goes. An admin reaches everything; an officer works in one
 * service unit (claim {@code unit_id}) and reaches that unit's objects; a partner acts for one organisation (claim
 * {@code partner_id}) and reaches what that organisation serves, provides or channels; auditors and viewers read
 * across units. A scoped token whose claim is missing or malformed is refused, never shown everything.
 */
@RequestScoped
public class Caller {

    private final SecurityIdentity identity;
    private final JsonWebToken token;

    Caller(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    /** The token's subject: who registered, approved, merged or read. */
    public String name() {
        if (identity.isAnonymous()) {
            return "anonymous";
        }
        String subject = token.getSubject();
        return subject != null ? subject : identity.getPrincipal().getName();
    }

    /** The caller's roles, sorted and comma-separated, for audit trails. */
    public String roles() {
        return String.join(",", new TreeSet<>(identity.getRoles()));
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    public boolean isAdmin() {
        return identity.hasRole(Roles.ADMIN);
    }

    /** Admins and officers: the roles that change records. */
    public boolean isStaff() {
        return identity.hasRole(Roles.ADMIN) || identity.hasRole(Roles.OFFICER);
    }

    /** Roles that read across partners: admin, officer, auditor and viewer. */
    private boolean readsAcrossPartners() {
        return isStaff() || identity.hasRole(Roles.AUDITOR) || identity.hasRole(Roles.VIEWER);
    }

    /** The organisation a partner-only caller acts for; empty for every other role. */
    public Optional<UUID> ownPartner() {
        if (readsAcrossPartners() || !identity.hasRole(Roles.PARTNER)) {
            return Optional.empty();
        }
        return Optional.of(requiredClaim(Roles.PARTNER_ID_CLAIM, "a partner token must carry the partner_id of its organisation"));
    }

    /** The service unit an officer (who is not also an admin) works in; empty for every other role. */
    public Optional<UUID> ownUnit() {
        if (isAdmin() || !identity.hasRole(Roles.OFFICER)) {
            return Optional.empty();
        }
        return Optional.of(requiredClaim(Roles.UNIT_ID_CLAIM, "an officer token must carry the unit_id of the officer's service unit"));
    }

    /** Whether this caller reaches an object served by {@code unitId} and {@code partnerIds}, as far as its scope goes. */
    public boolean reaches(UUID unitId, Collection<UUID> partnerIds) {
        Optional<UUID> unit = ownUnit();
        if (unit.isPresent()) {
            return unit.get().equals(unitId);
        }
        Optional<UUID> partner = ownPartner();
        return partner.isEmpty() || partnerIds.contains(partner.get());
    }

    /** Viewers read with personal numbers and contact details masked; every other role sees them (and reads are audited). */
    public boolean seesPersonalData() {
        return isStaff() || identity.hasRole(Roles.AUDITOR) || identity.hasRole(Roles.PARTNER) && !identity.hasRole(Roles.VIEWER);
    }

    private UUID requiredClaim(String claim, String refusal) {
        Object value = token.getClaim(claim);
        if (value == null) {
            throw new ProblemException(ProblemCode.FORBIDDEN, refusal);
        }
        try {
            return UUID.fromString(String.valueOf(value));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemCode.FORBIDDEN, refusal);
        }
    }
}
