package id.atensi.commons.security;

import id.atensi.local.SigningKeys;
import id.atensi.local.Tokens;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Bearer tokens verified once and remembered: with smallrye-jwt's own parser and RS256 tokens signed as the platform
 * signs them, the number of real verifications counted beside a clock the test moves.
 */
class VerifiedTokensTest {

    private static Tokens tokens;
    private static Tokens otherKey;
    private static JWTAuthContextInfo context;

    private final AtomicLong now = new AtomicLong(System.currentTimeMillis());
    private final AtomicInteger verifications = new AtomicInteger();

    @BeforeAll
    static void keys(@TempDir Path directory) throws Exception {
        Path platform = Files.createDirectory(directory.resolve("platform"));
        Path other = Files.createDirectory(directory.resolve("other"));
        SigningKeys keys = SigningKeys.inDirectory(platform);
        tokens = new Tokens(keys);
        otherKey = new Tokens(SigningKeys.inDirectory(other));
        context = new JWTAuthContextInfo(keys.publicKeyFile().toUri().toString(), Tokens.ISSUER);
        context.setExpectedAudience(Set.of(Tokens.AUDIENCE));
    }

    private VerifiedTokens cache(long maxSize, Duration maxAge) {
        DefaultJWTParser parser = new DefaultJWTParser(context) {
            @Override
            public JsonWebToken parse(String token) throws ParseException {
                verifications.incrementAndGet();
                return super.parse(token);
            }
        };
        return new VerifiedTokens(parser, maxSize, maxAge, now::get, () -> now.get() * 1_000_000);
    }

    private static String admin(Duration lifetime) {
        return tokens.mint("cache-admin", Set.of("admin"), Tokens.Scope.none(), lifetime);
    }

    @Test
    void aTokenIsVerifiedOnceAndAnsweredFromMemoryUntilItExpires() throws Exception {
        VerifiedTokens cache = cache(100, Duration.ofHours(1));
        String token = admin(Duration.ofMinutes(10));
        for (int i = 0; i < 5; i++) {
            assertEquals("cache-admin", cache.parse(token).getSubject());
        }
        assertEquals(1, verifications.get());
        now.addAndGet(Duration.ofMinutes(10).toMillis() + 1_000);
        cache.parse(token);
        assertEquals(2, verifications.get(), "past its exp a token is verified again, never answered from memory");
    }

    @Test
    void aTokenIsVerifiedAgainAfterMaxAgeWhateverItsExpiry() throws Exception {
        VerifiedTokens cache = cache(100, Duration.ofMinutes(5));
        String token = admin(Duration.ofHours(1));
        cache.parse(token);
        now.addAndGet(Duration.ofMinutes(4).toMillis());
        cache.parse(token);
        assertEquals(1, verifications.get());
        now.addAndGet(Duration.ofMinutes(2).toMillis());
        cache.parse(token);
        assertEquals(2, verifications.get());
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefusedEveryTimeAndNeverKept() {
        VerifiedTokens cache = cache(100, Duration.ofHours(1));
        String forged = otherKey.mint("cache-admin", Set.of("admin"), Tokens.Scope.none(), Duration.ofMinutes(10));
        assertThrows(ParseException.class, () -> cache.parse(forged));
        assertThrows(ParseException.class, () -> cache.parse(forged));
        assertEquals(2, verifications.get());
        assertEquals(0, cache.size());
    }

    @Test
    void aTamperedCopyOfARememberedTokenIsVerifiedOnItsOwnAndRefused() throws Exception {
        VerifiedTokens cache = cache(100, Duration.ofHours(1));
        String token = admin(Duration.ofMinutes(10));
        cache.parse(token);
        String[] parts = token.split("\\.");
        String otherClaims = tokens.mint("cache-admin", Set.of("admin", "auditor"), Tokens.Scope.none(), Duration.ofMinutes(10))
                .split("\\.")[1];
        String tampered = parts[0] + "." + otherClaims + "." + parts[2];
        assertThrows(ParseException.class, () -> cache.parse(tampered));
        assertEquals(Set.of("admin"), cache.parse(token).getGroups());
    }

    @Test
    void anotherAudienceIsRefusedAsWithoutTheCache() {
        VerifiedTokens cache = cache(100, Duration.ofHours(1));
        String elsewhere = tokens.mint("cache-admin", Set.of("admin"), Tokens.Scope.none().withAudience("elsewhere"), Duration.ofMinutes(10));
        assertThrows(ParseException.class, () -> cache.parse(elsewhere));
        assertEquals(0, cache.size());
    }

    @Test
    void atMostMaxSizeTokensAreKept() throws Exception {
        VerifiedTokens cache = cache(3, Duration.ofHours(1));
        for (int i = 0; i < 10; i++) {
            cache.parse(tokens.mint("user-" + i, Set.of("officer"), Tokens.Scope.none(), Duration.ofMinutes(10)));
        }
        assertEquals(3, cache.size());
    }

    @Test
    void aMaxAgeOfZeroVerifiesEveryRequest() throws Exception {
        VerifiedTokens cache = cache(100, Duration.ZERO);
        String token = admin(Duration.ofMinutes(10));
        cache.parse(token);
        cache.parse(token);
        assertEquals(2, verifications.get());
        assertEquals(0, cache.size());
    }
}
