package id.atensi.gateway.security;

import com.github.benmanes.caffeine.cache.Ticker;
import id.atensi.gateway.config.GatewayConfig;
import id.atensi.gateway.limits.RateLimits;
import id.atensi.identity.VerifiedTokenCache;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.Set;

/**
 * The identities of the tokens smallrye-jwt has verified, kept for the same token's next request
 * (platform-identity's {@link VerifiedTokenCache}, the rules the services follow for the tokens they parse). With
 * each identity goes what every one of its requests would otherwise work out again: the client its requests count
 * against, and whether its roles pass the platform's permissions on every path.
 */
@Singleton
public class VerifiedIdentities {

    /** A verified token's identity, its rate-limit client, and whether every permission admits it. */
    public record Verified(SecurityIdentity identity, RateLimits.Client client, boolean admittedEverywhere) {
    }

    private final VerifiedTokenCache<Verified> cache;
    private final RateLimits rateLimits;
    private final Set<String> rolesAdmittedEverywhere;

    @Inject
    public VerifiedIdentities(GatewayConfig config, RateLimits rateLimits) {
        this(config, rateLimits, PlatformPermissions.rolesAdmittedEverywhere(ConfigProvider.getConfig()));
    }

    VerifiedIdentities(GatewayConfig config, RateLimits rateLimits, Set<String> rolesAdmittedEverywhere) {
        this.rateLimits = rateLimits;
        this.rolesAdmittedEverywhere = rolesAdmittedEverywhere;
        this.cache = new VerifiedTokenCache<>(config.verifiedTokens().maxEntries(), config.verifiedTokens().maxAge(),
                verified -> ProblemChallengeJwtMechanism.expiresAt(verified.identity()), System::currentTimeMillis,
                Ticker.systemTicker());
    }

    /** What was verified for exactly this token and has not expired since, or null. */
    public Verified find(String token) {
        return cache.find(token);
    }

    void remember(String token, SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return;
        }
        boolean admitted = identity.getRoles().stream().anyMatch(rolesAdmittedEverywhere::contains);
        cache.remember(token, new Verified(identity, rateLimits.client(identity, null), admitted));
    }
}
