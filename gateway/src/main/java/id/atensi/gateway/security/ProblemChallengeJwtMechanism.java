package id.atensi.gateway.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.smallrye.jwt.runtime.auth.JWTAuthMechanism;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Set;

/**
 * smallrye-jwt's bearer-token mechanism with a problem+json challenge, and with the identities of tokens it
 * has verified kept for their next request ({@link VerifiedIdentities}; the gateway keeps the identity, since
 * building it is part of what a repeated token would cost again). Most repeated tokens never get here:
 * {@code KnownTokenForwarding} forwards their requests before Quarkus' authentication runs; this mechanism still
 * answers the others from the cache (a request with an {@code Origin}, or to a path the gateway answers itself).
 * Quarkus ends an anonymous request
 * that a permission denies right after the mechanism's challenge, before any failure handler could add a
 * body, so the body has to be written here (the customisation the Quarkus security guide describes).
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class ProblemChallengeJwtMechanism implements HttpAuthenticationMechanism {

    private final JWTAuthMechanism delegate;
    private final BearerChallenge challenge;
    private final VerifiedIdentities verifiedTokens;

    @Inject
    public ProblemChallengeJwtMechanism(JWTAuthMechanism delegate, BearerChallenge challenge, VerifiedIdentities verifiedTokens) {
        this.delegate = delegate;
        this.challenge = challenge;
        this.verifiedTokens = verifiedTokens;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String token = bearerToken(context.request().getHeader("Authorization"));
        if (token == null) {
            return delegate.authenticate(context, identityProviderManager);
        }
        VerifiedIdentities.Verified known = verifiedTokens.find(token);
        if (known != null) {
            // What the delegate records on success: Quarkus asks this attribute which mechanism authenticated.
            context.put(HttpAuthenticationMechanism.class.getName(), delegate);
            return Uni.createFrom().item(known.identity());
        }
        return delegate.authenticate(context, identityProviderManager)
                .invoke(identity -> verifiedTokens.remember(token, identity));
    }

    /** The {@code exp} of the token an identity was built from; 0 (never kept) for an anonymous one or one without it. */
    static long expiresAt(SecurityIdentity identity) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)
                || !(jwt.getClaim(Claims.exp.name()) instanceof Number expiresAt)) {
            return 0;
        }
        return expiresAt.longValue();
    }

    /** The token of an {@code Authorization: Bearer} header; null for anything else (left to the delegate as it is). */
    public static String bearerToken(String authorization) {
        if (authorization == null || authorization.length() <= 7 || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).strip();
        return token.isEmpty() || token.indexOf(' ') >= 0 ? null : token;
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return delegate.getChallenge(context);
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        if (!context.response().ended()) {
            challenge.send(context);
        }
        return Uni.createFrom().item(Boolean.TRUE);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return delegate.getCredentialTypes();
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return delegate.getCredentialTransport(context);
    }
}
