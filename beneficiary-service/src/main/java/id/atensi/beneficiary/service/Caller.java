package id.atensi.beneficiary.service;

import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import id.atensi.commons.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/** Who is calling: name and roles for the audit trail, the partner a partner-only token acts for, and the request id. */
@RequestScoped
public class Caller {

    private final SecurityIdentity identity;
    private final JsonWebToken token;
    private String requestId;

    Caller(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    public String name() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    public String roles() {
        return String.join(",", new TreeSet<>(identity.getRoles()));
    }

    public String requestId() {
        return requestId;
    }

    void requestId(String requestId) {
        this.requestId = requestId;
    }

    private boolean staff() {
        return identity.hasRole(Roles.ADMIN) || identity.hasRole(Roles.OFFICER) || identity.hasRole(Roles.AUDITOR)
                || identity.hasRole(Roles.VIEWER);
    }

    /**
     * The organisation a partner-only caller acts for; empty for staff roles, who see every person. A partner
     * token without a usable {@code partner_id} is refused rather than shown everything.
     */
    public Optional<UUID> ownPartner() {
        if (staff() || !identity.hasRole(Roles.PARTNER)) {
            return Optional.empty();
        }
        Object claim = token.getClaim(Roles.PARTNER_ID_CLAIM);
        try {
            return Optional.of(UUID.fromString(String.valueOf(claim)));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemCode.FORBIDDEN, "a partner token must carry the partner_id of its organisation");
        }
    }

    /** Viewers see NIK, KK number and phone masked; every other role (a partner only for its own people) unmasked, audited. */
    public boolean seesPersonalNumbers() {
        return identity.hasRole(Roles.ADMIN) || identity.hasRole(Roles.OFFICER) || identity.hasRole(Roles.AUDITOR)
                || identity.hasRole(Roles.PARTNER) && !identity.hasRole(Roles.VIEWER);
    }
}
