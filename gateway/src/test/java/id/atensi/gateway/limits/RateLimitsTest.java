package id.atensi.gateway.limits;

import id.atensi.gateway.config.GatewayConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimitsTest {

    private final RateLimits limits = new RateLimits(true, Map.of(
            "admin", limit(100, Duration.ofMinutes(1)),
            "viewer", limit(10, Duration.ofMinutes(1)),
            "auditor", limit(1, Duration.ofSeconds(1)),
            RateLimits.ANONYMOUS, limit(2, Duration.ofMinutes(1))), 1000);

    @Test
    void anonymousRequestsCountAgainstTheirAddress() {
        RateLimits.Client client = limits.client(null, "10.0.0.7");
        assertEquals(new RateLimits.Client("address:10.0.0.7", RateLimits.ANONYMOUS), client);
    }

    @Test
    void mostGenerousRoleWinsAndUnknownRolesFallBackToAnonymous() {
        assertEquals("admin", limits.roleFor(Set.of("viewer", "admin")));
        // 1 per second beats 10 per minute.
        assertEquals("auditor", limits.roleFor(Set.of("viewer", "auditor")));
        assertEquals(RateLimits.ANONYMOUS, limits.roleFor(Set.of("guest")));
    }

    @Test
    void bucketEmptiesAndTellsHowLongToWait() {
        RateLimits.Client client = new RateLimits.Client("address:10.0.0.8", RateLimits.ANONYMOUS);
        assertEquals(0, limits.tryConsume(client));
        assertEquals(0, limits.tryConsume(client));
        long wait = limits.tryConsume(client);
        assertTrue(wait > Duration.ofSeconds(50).toNanos() && wait <= Duration.ofMinutes(1).toNanos(), "wait " + wait);
        assertEquals(0, limits.tryConsume(new RateLimits.Client("address:10.0.0.9", RateLimits.ANONYMOUS)));
    }

    @Test
    void anonymousLimitIsRequired() {
        assertThrows(IllegalArgumentException.class,
                () -> new RateLimits(true, Map.of("admin", limit(1, Duration.ofSeconds(1))), 10));
    }

    private static GatewayConfig.RateLimit limit(long capacity, Duration period) {
        return new GatewayConfig.RateLimit() {
            @Override
            public long capacity() {
                return capacity;
            }

            @Override
            public Duration refillPeriod() {
                return period;
            }
        };
    }
}
