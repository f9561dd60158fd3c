package id.atensi.identity;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The rules the gateway's identities and the services' parsed tokens share, with clocks the test moves. */
class VerifiedTokenCacheTest {

    private static final long NOW_MILLIS = 1_800_000_000_000L;

    private record Verified(String subject, long exp) {
    }

    private final AtomicLong nanos = new AtomicLong();
    private final AtomicLong millis = new AtomicLong(NOW_MILLIS);

    private VerifiedTokenCache<Verified> cache(long maxEntries, Duration maxAge) {
        return new VerifiedTokenCache<>(maxEntries, maxAge, Verified::exp, millis::get, nanos::get);
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
        millis.addAndGet(duration.toMillis());
    }

    private static Verified expiringIn(String subject, Duration lifetime) {
        return new Verified(subject, (NOW_MILLIS + lifetime.toMillis()) / 1000);
    }

    @Test
    void onlyTheExactTokenTextFindsWhatWasVerified() {
        VerifiedTokenCache<Verified> tokens = cache(100, Duration.ofMinutes(5));
        Verified verified = expiringIn("officer-a", Duration.ofMinutes(10));
        tokens.remember("header.payload.signature", verified);

        assertSame(verified, tokens.find("header.payload.signature"));
        assertNull(tokens.find("header.payload.signaturf"));
        assertNull(tokens.find("header.payload.signature "));
        assertNull(tokens.find(null));
    }

    @Test
    void tokensSharingTheirSignatureNeverFindEachOthersEntries() {
        VerifiedTokenCache<Verified> tokens = cache(100, Duration.ofMinutes(5));
        String signature = "S".repeat(342);
        Verified admin = expiringIn("admin-1", Duration.ofMinutes(10));
        Verified viewer = expiringIn("viewer-1", Duration.ofMinutes(10));
        tokens.remember("header.admin-payload." + signature, admin);

        // Same signature, hence the same hash: only the whole text decides.
        assertNull(tokens.find("header.viewer-payload." + signature));
        assertNull(tokens.find("header.admin-payloaD." + signature));
        assertNull(tokens.find("eader.admin-payload." + signature));
        tokens.remember("header.viewer-payload." + signature, viewer);
        assertSame(admin, tokens.find("header.admin-payload." + signature));
        assertSame(viewer, tokens.find("header.viewer-payload." + signature));
        assertEquals(2, tokens.size());
    }

    @Test
    void aTokenIsForgottenAtItsExp() {
        VerifiedTokenCache<Verified> tokens = cache(100, Duration.ofMinutes(5));
        tokens.remember("t", expiringIn("officer-a", Duration.ofSeconds(30)));

        advance(Duration.ofSeconds(29));
        assertEquals("officer-a", tokens.find("t").subject());
        advance(Duration.ofSeconds(1));
        assertNull(tokens.find("t"), "kept past the token's exp");
    }

    @Test
    void theWallClockPassingExpForgetsATokenEvenIfTheCacheTickerLags() {
        VerifiedTokenCache<Verified> tokens = cache(100, Duration.ofMinutes(5));
        tokens.remember("t", expiringIn("officer-a", Duration.ofSeconds(30)));

        millis.addAndGet(Duration.ofSeconds(30).toMillis());
        assertNull(tokens.find("t"), "answered past exp because only the wall clock moved");
        assertEquals(0, tokens.size());
    }

    @Test
    void aLongLivedTokenIsForgottenAfterMaxAge() {
        VerifiedTokenCache<Verified> tokens = cache(100, Duration.ofMinutes(5));
        tokens.remember("t", expiringIn("officer-a", Duration.ofDays(1)));

        advance(Duration.ofMinutes(5).minusSeconds(1));
        assertEquals("officer-a", tokens.find("t").subject());
        advance(Duration.ofSeconds(1));
        assertNull(tokens.find("t"), "kept past max-age");
    }

    @Test
    void expiredOrNeverExpiringOrNullIsNotKept() {
        VerifiedTokenCache<Verified> tokens = cache(100, Duration.ofMinutes(5));
        tokens.remember("expired", new Verified("late", NOW_MILLIS / 1000 - 1));
        tokens.remember("expiring-now", new Verified("late", NOW_MILLIS / 1000));
        tokens.remember("no-exp", new Verified("forever", 0));
        tokens.remember("null", null);

        assertEquals(0, tokens.size());
        assertNull(tokens.find("expired"));
        assertNull(tokens.find("no-exp"));
    }

    @Test
    void zeroEntriesOrAZeroAgeKeepsNothing() {
        VerifiedTokenCache<Verified> noEntries = cache(0, Duration.ofMinutes(5));
        noEntries.remember("t", expiringIn("officer-a", Duration.ofMinutes(10)));
        assertNull(noEntries.find("t"));

        VerifiedTokenCache<Verified> noAge = cache(100, Duration.ZERO);
        noAge.remember("t", expiringIn("officer-a", Duration.ofMinutes(10)));
        assertNull(noAge.find("t"));
        assertEquals(0, noAge.size());
    }

    @Test
    void atMostMaxEntriesAreKept() {
        VerifiedTokenCache<Verified> tokens = cache(50, Duration.ofMinutes(5));
        for (int i = 0; i < 500; i++) {
            tokens.remember("token-" + i, expiringIn("user-" + i, Duration.ofMinutes(10)));
        }
        assertEquals(50, tokens.size());
    }
}
