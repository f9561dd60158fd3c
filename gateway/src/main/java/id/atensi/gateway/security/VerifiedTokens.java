package id.atensi.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Identities of bearer tokens the gateway has already verified, keyed by the exact token text. A client sends
 * the same token with every request until it expires, and parsing and checking its RS256 signature was the
 * largest part of the gateway's own cost per request (bench/RESULTS.md). An entry never outlives its token's
 * {@code exp} nor {@code maxAge} (so that a key rotation or a changed setting reaches tokens already seen);
 * tokens that failed are never kept, and any other text is verified in full. The services verify every token
 * again themselves.
 */
public final class VerifiedTokens {

    private final Cache<String, Entry> entries;
    private final boolean enabled;
    private final long maxAgeNanos;
    private final LongSupplier epochSeconds;

    private record Entry(SecurityIdentity identity, long lifetimeNanos) {
    }

    /**
     * @param maxEntries   at most this many identities are kept (0 keeps none)
     * @param maxAge       the longest an identity is kept, whatever its token's expiry
     * @param ticker       the cache's clock (tests move it)
     * @param epochSeconds now, in the seconds of a token's {@code exp}
     */
    public VerifiedTokens(long maxEntries, Duration maxAge, Ticker ticker, LongSupplier epochSeconds) {
        this.maxAgeNanos = maxAge.toNanos();
        // Caffeine evicts over its size bound a moment after the write, so a bound of 0 would still answer briefly.
        this.enabled = maxEntries > 0 && maxAgeNanos > 0;
        this.epochSeconds = epochSeconds;
        this.entries = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .ticker(ticker)
                .expireAfter(new Expiry<String, Entry>() {
                    @Override
                    public long expireAfterCreate(String token, Entry entry, long currentTime) {
                        return entry.lifetimeNanos();
                    }

                    @Override
                    public long expireAfterUpdate(String token, Entry entry, long currentTime, long currentDuration) {
                        return entry.lifetimeNanos();
                    }

                    @Override
                    public long expireAfterRead(String token, Entry entry, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    /** The identity verified earlier for exactly this token, or null. */
    public SecurityIdentity find(String token) {
        Entry entry = entries.getIfPresent(token);
        return entry == null ? null : entry.identity();
    }

    /** Keeps a verified identity until its token expires (at most {@code maxAge}); anything without an expiry is not kept. */
    public void remember(String token, SecurityIdentity identity) {
        if (!enabled || identity == null || identity.isAnonymous()
                || !(identity.getPrincipal() instanceof JsonWebToken jwt)
                || !(jwt.getClaim(Claims.exp.name()) instanceof Number expiresAt)) {
            return;
        }
        long untilExpiry = TimeUnit.SECONDS.toNanos(expiresAt.longValue() - epochSeconds.getAsLong());
        long lifetime = Math.min(untilExpiry, maxAgeNanos);
        if (lifetime > 0) {
            entries.put(token, new Entry(identity, lifetime));
        }
    }

    long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }
}
