package id.atensi.training.service;

import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import id.atensi.commons.security.Roles;
import id.atensi.training.domain.TrainingClass;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;
import java.util.UUID;

/**
 * Who is calling, as far as object-level access goes: a partner token acts for one partner organisation
 * and reaches only the classes it provides; staff roles reach every class.
 */
@RequestScoped
public class Caller {

    private final SecurityIdentity identity;
    private final JsonWebToken token;

    Caller(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    /** The partner this caller acts for, when it acts for one; a partner token without a usable claim is refused. */
    public Optional<UUID> partnerId() {
        if (!identity.hasRole(Roles.PARTNER) || identity.hasRole(Roles.ADMIN) || identity.hasRole(Roles.OFFICER)) {
            return Optional.empty();
        }
        Object claim = token.getClaim(Roles.PARTNER_ID_CLAIM);
        try {
            return Optional.of(UUID.fromString(String.valueOf(claim)));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemCode.FORBIDDEN, "a partner token must name its partner in the partner_id claim");
        }
    }

    public boolean reaches(TrainingClass trainingClass) {
        return partnerId().map(trainingClass.providerPartnerIds::contains).orElse(true);
    }

    /** Idempotency keys are the caller's own: two callers choosing the same key do not see each other's answers. */
    public String subject() {
        return identity.getPrincipal().getName();
    }
}
