package id.atensi.gateway.security;

import id.atensi.identity.VerifiedTokenCache;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The gateway's identities in platform-identity's cache, as ProblemChallengeJwtMechanism keeps them. */
class VerifiedTokensTest {

    private static final long NOW = 1_800_000_000L;

    /** The cache's clock (nanoseconds) and the wall clock (epoch seconds) move together. */
    private final AtomicLong nanos = new AtomicLong();
    private final AtomicLong seconds = new AtomicLong(NOW);

    private VerifiedTokenCache<SecurityIdentity> cache(long maxEntries, Duration maxAge) {
        return new VerifiedTokenCache<>(maxEntries, maxAge, ProblemChallengeJwtMechanism::expiresAt,
                () -> seconds.get() * 1000, nanos::get);
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
        seconds.addAndGet(duration.toSeconds());
    }

    @Test
    void theSameTokenFindsItsIdentityAndNoOtherTextDoes() {
        VerifiedTokenCache<SecurityIdentity> tokens = cache(100, Duration.ofMinutes(5));
        SecurityIdentity identity = identity("officer-a", NOW + 600);
        tokens.remember("header.payload.signature", identity);

        assertSame(identity, tokens.find("header.payload.signature"));
        assertNull(tokens.find("header.payload.signaturf"));
        assertNull(tokens.find("header.payload.signature "));
    }

    @Test
    void anIdentityIsForgottenWhenItsTokenExpires() {
        VerifiedTokenCache<SecurityIdentity> tokens = cache(100, Duration.ofMinutes(5));
        tokens.remember("t", identity("officer-a", NOW + 30));

        advance(Duration.ofSeconds(29));
        assertSame("officer-a", tokens.find("t").getPrincipal().getName());
        advance(Duration.ofSeconds(1));
        assertNull(tokens.find("t"), "kept past the token's exp");
    }

    @Test
    void aLongLivedTokenIsVerifiedAgainAfterMaxAge() {
        VerifiedTokenCache<SecurityIdentity> tokens = cache(100, Duration.ofMinutes(5));
        tokens.remember("t", identity("officer-a", NOW + 86_400));

        advance(Duration.ofMinutes(5).minusSeconds(1));
        assertSame("officer-a", tokens.find("t").getPrincipal().getName());
        advance(Duration.ofSeconds(1));
        assertNull(tokens.find("t"), "kept past max-age");
    }

    @Test
    void expiredOrNeverExpiringOrAnonymousIdentitiesAreNotKept() {
        VerifiedTokenCache<SecurityIdentity> tokens = cache(100, Duration.ofMinutes(5));
        tokens.remember("expired", identity("late", NOW - 1));
        tokens.remember("expiring-now", identity("late", NOW));
        tokens.remember("no-exp", identity("forever", 0));
        tokens.remember("anonymous", QuarkusSecurityIdentity.builder().setAnonymous(true).build());
        tokens.remember("null", null);

        for (String token : Set.of("expired", "expiring-now", "no-exp", "anonymous", "null")) {
            assertNull(tokens.find(token), token);
        }
    }

    @Test
    void disabledCacheKeepsNothing() {
        VerifiedTokenCache<SecurityIdentity> tokens = cache(0, Duration.ofMinutes(5));
        tokens.remember("t", identity("officer-a", NOW + 600));
        assertNull(tokens.find("t"));

        VerifiedTokenCache<SecurityIdentity> noAge = cache(100, Duration.ZERO);
        noAge.remember("t", identity("officer-a", NOW + 600));
        assertNull(noAge.find("t"));
    }

    @Test
    void theNumberOfKeptIdentitiesIsBounded() {
        VerifiedTokenCache<SecurityIdentity> tokens = cache(50, Duration.ofMinutes(5));
        for (int i = 0; i < 500; i++) {
            tokens.remember("token-" + i, identity("user-" + i, NOW + 600));
        }
        assertEquals(50, tokens.size());
    }

    @Test
    void onlyABearerAuthorizationHeaderNamesAToken() {
        assertEquals("abc.def.ghi", ProblemChallengeJwtMechanism.bearerToken("Bearer abc.def.ghi"));
        assertEquals("abc.def.ghi", ProblemChallengeJwtMechanism.bearerToken("bearer  abc.def.ghi "));
        assertNull(ProblemChallengeJwtMechanism.bearerToken(null));
        assertNull(ProblemChallengeJwtMechanism.bearerToken("Bearer "));
        assertNull(ProblemChallengeJwtMechanism.bearerToken("Basic dXNlcjpwYXNz"));
        assertNull(ProblemChallengeJwtMechanism.bearerToken("Bearer two words"));
        assertNull(ProblemChallengeJwtMechanism.bearerToken("Bearerabc.def.ghi"));
    }

    private static SecurityIdentity identity(String subject, long expiresAt) {
        Map<String, Object> claims = expiresAt == 0 ? Map.of("sub", subject) : Map.of("sub", subject, "exp", expiresAt);
        JsonWebToken jwt = new JsonWebToken() {
            @Override
            public String getName() {
                return subject;
            }

            @Override
            public Set<String> getClaimNames() {
                return claims.keySet();
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String claimName) {
                return (T) claims.get(claimName);
            }
        };
        return QuarkusSecurityIdentity.builder().setPrincipal(jwt).addRole("officer").build();
    }
}
