package id.atensi.commons.security;

import com.github.benmanes.caffeine.cache.Ticker;
import id.atensi.commons.config.PlatformConfig;
import id.atensi.identity.VerifiedTokenCache;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import javax.crypto.SecretKey;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Verifies a bearer token once and then remembers it until it expires, instead of parsing it and checking its RS256
 * signature on every request: a client (the gateway, the console, a partner system) sends the same token for minutes,
 * and the verification was an eighth of a registration's CPU. What the cache changes, and what it does not:
 * <ul>
 *   <li>Only tokens that passed the whole verification (signature, issuer, audience, expiry) are kept, keyed by the
 *       token's exact text: another token, however similar, is verified on its own. Refusals are never kept.</li>
 *   <li>A kept token is answered until its {@code exp}, and at most {@code atensi.security.verified-tokens.max-age}
 *       (default five minutes, Keycloak's access-token lifetime) after it was verified; never past the moment
 *       verification itself would refuse it.</li>
 *   <li>Keys rotation: a token verified before its signing key left the identity provider's key set stays accepted
 *       until the end of that window, as it would have been by a replica that verified it then. Tokens signed with a
 *       new key verify as before (the key set is fetched again on an unknown key id).</li>
 *   <li>Revocation: the platform checks no revocation list (tokens are short-lived, verified offline); a logout or a
 *       disabled user is refused from the next token on, with or without the cache.</li>
 *   <li>Memory: at most {@code max-size} tokens (default 10,000, some 30 MB at worst), least recently used first out.</li>
 * </ul>
 * {@code max-age} of {@code PT0S} turns the cache off. The keeping itself is platform-identity's
 * {@link VerifiedTokenCache}, which the gateway uses for the identities it builds.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens implements JWTParser {

    private final JWTParser verifier;
    private final VerifiedTokenCache<JsonWebToken> verified;

    @Inject
    VerifiedTokens(DefaultJWTParser verifier, PlatformConfig config) {
        this(verifier, config.security().verifiedTokens().maxSize(), config.security().verifiedTokens().maxAge(),
                System::currentTimeMillis, Ticker.systemTicker());
    }

    /**
     * @param wallClockMillis the time tokens' {@code exp} is compared with
     * @param ticker          the time {@code maxAge} is counted in (tests move both)
     */
    public VerifiedTokens(JWTParser verifier, long maxSize, Duration maxAge, LongSupplier wallClockMillis, Ticker ticker) {
        this.verifier = verifier;
        this.verified = new VerifiedTokenCache<>(maxSize, maxAge, JsonWebToken::getExpirationTime, wallClockMillis, ticker);
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken known = verified.find(token);
        if (known != null) {
            return known;
        }
        JsonWebToken fresh = verifier.parse(token);
        verified.remember(token, fresh);
        return fresh;
    }

    /** Whether this token is kept as verified now (for tests and diagnostics). */
    public boolean holds(String token) {
        return verified.find(token) != null;
    }

    /** How many verified tokens are kept (for tests and diagnostics). */
    public long size() {
        return verified.size();
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }
}
