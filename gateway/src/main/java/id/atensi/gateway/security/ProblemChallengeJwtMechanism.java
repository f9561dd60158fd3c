package id.atensi.gateway.security;

import com.github.benmanes.caffeine.cache.Ticker;
import id.atensi.gateway.config.GatewayConfig;
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

import java.util.Set;

/**
 * smallrye-jwt's bearer-token mechanism with a problem+json challenge, and with the identities of tokens it
 * has verified kept for their next request ({@link VerifiedTokens}). Quarkus ends an anonymous request
 * that a permission denies right after the mechanism's challenge, before any failure handler could add a
 * body, so the body has to be written here (the customisation the Quarkus security guide describes).
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class ProblemChallengeJwtMechanism implements HttpAuthenticationMechanism {

    private final JWTAuthMechanism delegate;
    private final BearerChallenge challenge;
    private final VerifiedTokens verifiedTokens;

    @Inject
    public ProblemChallengeJwtMechanism(JWTAuthMechanism delegate, BearerChallenge challenge, GatewayConfig config) {
        this.delegate = delegate;
        this.challenge = challenge;
        this.verifiedTokens = new VerifiedTokens(config.verifiedTokens().maxEntries(), config.verifiedTokens().maxAge(),
                Ticker.systemTicker(), () -> System.currentTimeMillis() / 1000);
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String token = bearerToken(context.request().getHeader("Authorization"));
        if (token == null) {
            return delegate.authenticate(context, identityProviderManager);
        }
        SecurityIdentity known = verifiedTokens.find(token);
        if (known != null) {
            // What the delegate records on success: Quarkus asks this attribute which mechanism authenticated.
            context.put(HttpAuthenticationMechanism.class.getName(), delegate);
            return Uni.createFrom().item(known);
        }
        return delegate.authenticate(context, identityProviderManager)
                .invoke(identity -> verifiedTokens.remember(token, identity));
    }

    /** The token of an {@code Authorization: Bearer} header; null for anything else (left to the delegate as it is). */
    static String bearerToken(String authorization) {
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
