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

import java.util.Set;

/**
 * smallrye-jwt's bearer-token mechanism with a problem+json challenge. Quarkus ends an anonymous request
 * that a permission denies right after the mechanism's challenge, before any failure handler could add a
 * body, so the body has to be written here (the customisation the Quarkus security guide describes).
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class ProblemChallengeJwtMechanism implements HttpAuthenticationMechanism {

    private final JWTAuthMechanism delegate;
    private final BearerChallenge challenge;

    public ProblemChallengeJwtMechanism(JWTAuthMechanism delegate, BearerChallenge challenge) {
        this.delegate = delegate;
        this.challenge = challenge;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        return delegate.authenticate(context, identityProviderManager);
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
