package id.atensi.gateway.routing;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CircuitBreakerTest {

    private final AtomicLong now = new AtomicLong();
    private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(10), now::get);

    @Test
    void opensAfterConsecutiveFailuresOnly() {
        breaker.onFailure();
        breaker.onFailure();
        breaker.onSuccess();
        breaker.onFailure();
        breaker.onFailure();
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        assertTrue(breaker.tryAcquire().allowed());
        breaker.onFailure();
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        CircuitBreaker.Permit refused = breaker.tryAcquire();
        assertFalse(refused.allowed());
        assertEquals(Duration.ofSeconds(10).toNanos(), refused.retryAfterNanos());
    }

    @Test
    void halfOpenLetsOneTrialThroughAndItsOutcomeDecides() {
        open();
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        assertEquals(Duration.ofSeconds(6).toNanos(), breaker.tryAcquire().retryAfterNanos());
        now.addAndGet(Duration.ofSeconds(6).toNanos());
        assertTrue(breaker.tryAcquire().allowed(), "the trial");
        assertEquals(CircuitBreaker.State.HALF_OPEN, breaker.state());
        assertFalse(breaker.tryAcquire().allowed(), "only one trial at a time");
        breaker.onFailure();
        assertEquals(CircuitBreaker.State.OPEN, breaker.state(), "a failed trial opens the circuit again at once");
        assertFalse(breaker.tryAcquire().allowed());

        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertTrue(breaker.tryAcquire().allowed());
        breaker.onSuccess();
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        assertTrue(breaker.tryAcquire().allowed());
        assertTrue(breaker.tryAcquire().allowed());
    }

    @Test
    void anUnreachableServiceOpensTheCircuitAtOnce() {
        assertEquals(Duration.ofSeconds(10).toNanos(), breaker.onUnreachable());
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        now.addAndGet(Duration.ofSeconds(3).toNanos());
        assertEquals(Duration.ofSeconds(7).toNanos(), breaker.tryAcquire().retryAfterNanos());

        now.addAndGet(Duration.ofSeconds(7).toNanos());
        assertTrue(breaker.tryAcquire().allowed(), "the trial");
        breaker.onUnreachable();
        assertEquals(CircuitBreaker.State.OPEN, breaker.state(), "still not there: open again for the whole duration");
        assertEquals(Duration.ofSeconds(10).toNanos(), breaker.tryAcquire().retryAfterNanos());
    }

    private void open() {
        for (int i = 0; i < 3; i++) {
            breaker.onFailure();
        }
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
    }
}
