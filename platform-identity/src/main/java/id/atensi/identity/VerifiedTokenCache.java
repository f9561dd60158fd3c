package id.atensi.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * What was verified from a bearer token, kept by the token's exact text so that the same token sent again is not
 * parsed and its RS256 signature not checked again: a client sends one token with every request until it expires,
 * and that check was the largest part of the gateway's cost per request and an eighth of a registration's CPU in a
 * service (bench/RESULTS.md). The gateway keeps the {@code SecurityIdentity} it built, a service the parsed
 * {@code JsonWebToken}; both follow the same rules, stated here once:
 * <ul>
 *   <li>only what the caller has verified is remembered, and only with an expiry ({@code exp} in epoch seconds, as
 *       {@code expiresAt} reads it; 0 for none, which is never kept); any other text, however similar, is not found;</li>
 *   <li>an entry is found until its token's {@code exp} (compared with the wall clock on every look-up, since the
 *       cache's own ticker can drift from it) and for at most {@code maxAge} after it was remembered, so that a
 *       signing key removed from the realm or a changed setting reaches tokens already seen within that time;</li>
 *   <li>at most {@code maxEntries} are kept, least recently used out first; 0 entries or a zero age keeps none.</li>
 * </ul>
 */
public final class VerifiedTokenCache<V> {

    private record Entry<V>(V verified, long expiresAtMillis) {
    }

    /**
     * A token as a key. {@code String.hashCode} walks every character of a new String, about a thousand for a
     * Keycloak token, on every look-up; this hash takes only the last {@value #HASHED_TAIL} characters, which are
     * the end of the RS256 signature and as random as a hash. Equality is still the whole text, so a token that
     * differs anywhere (a copy with another payload and the same signature included) is another key. Only
     * verified tokens are kept, so nobody without the signing key can fill one hash bucket.
     */
    private static final class Key {

        private static final int HASHED_TAIL = 32;

        private final String token;
        private final int hash;

        Key(String token) {
            this.token = token;
            int h = token.length();
            for (int i = Math.max(0, token.length() - HASHED_TAIL); i < token.length(); i++) {
                h = 31 * h + token.charAt(i);
            }
            this.hash = h;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.hash == hash && key.token.equals(token);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private final Cache<Key, Entry<V>> entries;
    private final boolean enabled;
    private final ToLongFunction<V> expiresAt;
    private final LongSupplier wallClockMillis;

    /**
     * @param maxEntries      at most this many tokens are kept
     * @param maxAge          the longest a token is kept, whatever its expiry
     * @param expiresAt       the token's {@code exp} in epoch seconds, 0 or less if it has none
     * @param wallClockMillis the time {@code exp} is compared with
     * @param ticker          the time {@code maxAge} is counted in (tests move both)
     */
    public VerifiedTokenCache(long maxEntries, Duration maxAge, ToLongFunction<V> expiresAt, LongSupplier wallClockMillis,
                              Ticker ticker) {
        this.expiresAt = expiresAt;
        this.wallClockMillis = wallClockMillis;
        long maxAgeNanos = maxAge.toNanos();
        // Caffeine evicts over its size bound a moment after the write, so a bound of 0 would still answer briefly.
        this.enabled = maxEntries > 0 && maxAgeNanos > 0;
        this.entries = Caffeine.newBuilder()
                .maximumSize(Math.max(0, maxEntries))
                .ticker(ticker)
                // evictions on the calling thread: a few map operations, not worth a hop to the common pool
                .executor(Runnable::run)
                .expireAfter(new Expiry<Key, Entry<V>>() {
                    @Override
                    public long expireAfterCreate(Key token, Entry<V> entry, long now) {
                        long untilExpiry = Math.max(0, entry.expiresAtMillis() - wallClockMillis.getAsLong());
                        return Math.min(maxAgeNanos, TimeUnit.MILLISECONDS.toNanos(untilExpiry));
                    }

                    @Override
                    public long expireAfterUpdate(Key token, Entry<V> entry, long now, long currentDuration) {
                        return expireAfterCreate(token, entry, now);
                    }

                    @Override
                    public long expireAfterRead(Key token, Entry<V> entry, long now, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    /** What was verified earlier for exactly this token and has not expired since, or null. */
    public V find(String token) {
        if (!enabled || token == null) {
            return null;
        }
        Key key = new Key(token);
        Entry<V> entry = entries.getIfPresent(key);
        if (entry == null) {
            return null;
        }
        if (entry.expiresAtMillis() <= wallClockMillis.getAsLong()) {
            entries.invalidate(key);
            return null;
        }
        return entry.verified();
    }

    /** Keeps what was verified from this token until the token expires (at most {@code maxAge}); null, or anything without an expiry or already expired, is not kept. */
    public void remember(String token, V verified) {
        if (!enabled || token == null || verified == null) {
            return;
        }
        long exp = expiresAt.applyAsLong(verified);
        if (exp <= 0) {
            return;
        }
        long expiresAtMillis = TimeUnit.SECONDS.toMillis(exp);
        if (expiresAtMillis > wallClockMillis.getAsLong()) {
            entries.put(new Key(token), new Entry<>(verified, expiresAtMillis));
        }
    }

    /** How many tokens are kept (for tests and diagnostics). */
    public long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }
}
