package id.atensi.aid.rest;

import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import id.atensi.commons.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;
import java.util.UUID;

/** Who is calling (the token's subject), and for a partner token which organisation it acts for. */
@RequestScoped
public class Caller {

    private final SecurityIdentity identity;
    private final JsonWebToken token;

    Caller(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    /** The token's subject: who proposed, approved or overrode. */
    public String name() {
        String subject = token.getSubject();
        return subject != null ? subject : identity.getPrincipal().getName();
    }

    public boolean isStaff() {
        return identity.hasRole(Roles.ADMIN) || identity.hasRole(Roles.OFFICER) || identity.hasRole(Roles.AUDITOR);
    }

    public boolean isOfficer() {
        return identity.hasRole(Roles.ADMIN) || identity.hasRole(Roles.OFFICER);
    }

    /** The organisation a partner-only caller acts for; empty for staff, who see every distribution. */
    public Optional<UUID> ownPartner() {
        if (isStaff() || !identity.hasRole(Roles.PARTNER)) {
            return Optional.empty();
        }
        Object claim = token.getClaim(Roles.PARTNER_ID_CLAIM);
        try {
            return Optional.of(UUID.fromString(String.valueOf(claim)));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemCode.FORBIDDEN, "a partner token must carry the partner_id of its organisation");
        }
    }
}
