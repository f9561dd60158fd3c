package id.atensi.partner.rest;

import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import id.atensi.commons.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;
import java.util.UUID;

/** Who is calling, and for a partner token which organisation it may see. */
@RequestScoped
public class Caller {

    private final SecurityIdentity identity;
    private final JsonWebToken token;

    Caller(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    public String name() {
        return identity.getPrincipal().getName();
    }

    /**
     * The organisation a partner-only caller acts for; empty for staff roles, who see every partner.
     * A partner token without a usable {@code partner_id} is refused rather than shown everything.
     */
    public Optional<UUID> ownPartner() {
        boolean staff = identity.hasRole(Roles.ADMIN) || identity.hasRole(Roles.OFFICER) || identity.hasRole(Roles.AUDITOR)
                || identity.hasRole(Roles.VIEWER);
        if (staff || !identity.hasRole(Roles.PARTNER)) {
            return Optional.empty();
        }
        Object claim = token.getClaim(Roles.PARTNER_ID_CLAIM);
        try {
            return Optional.of(UUID.fromString(String.valueOf(claim)));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemCode.FORBIDDEN, "a partner token must carry the partner_id of its organisation");
        }
    }

    /** Viewers read without personal data: contacts' and signatories' details come masked. */
    public boolean seesPersonalData() {
        return !identity.hasRole(Roles.VIEWER) || identity.hasRole(Roles.ADMIN) || identity.hasRole(Roles.OFFICER)
                || identity.hasRole(Roles.AUDITOR);
    }
}
