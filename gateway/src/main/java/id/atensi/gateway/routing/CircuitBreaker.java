package id.atensi.gateway.routing;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * One service's circuit: closed while the service answers; open for {@code openDuration} after
 * {@code failureThreshold} consecutive failed exchanges, or at once when the service cannot be reached at all
 * (nothing is sent to the service then); after that, half-open: a single trial request goes through, and its
 * outcome closes or re-opens the circuit.
 */
public final class CircuitBreaker {

    public enum State { CLOSED, OPEN, HALF_OPEN }

    /** What {@link #tryAcquire()} decided: go ahead, or wait {@code retryAfterNanos}. */
    public record Permit(boolean allowed, long retryAfterNanos) {
    }

    private final int failureThreshold;
    private final long openNanos;
    private final LongSupplier clock;

    private State state = State.CLOSED;
    private int consecutiveFailures;
    private long openedAt;
    private boolean trialInFlight;

    public CircuitBreaker(int failureThreshold, Duration openDuration, LongSupplier nanoClock) {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("atensi.gateway.circuit-breaker.failure-threshold must be at least 1");
        }
        this.failureThreshold = failureThreshold;
        this.openNanos = openDuration.toNanos();
        this.clock = nanoClock;
    }

    public synchronized Permit tryAcquire() {
        if (state == State.OPEN) {
            long waited = clock.getAsLong() - openedAt;
            if (waited < openNanos) {
                return new Permit(false, openNanos - waited);
            }
            state = State.HALF_OPEN;
            trialInFlight = false;
        }
        if (state == State.HALF_OPEN) {
            if (trialInFlight) {
                // Another request is finding out whether the service is back; the others wait for it.
                return new Permit(false, Math.min(openNanos, Duration.ofSeconds(1).toNanos()));
            }
            trialInFlight = true;
        }
        return new Permit(true, 0);
    }

    public synchronized void onSuccess() {
        consecutiveFailures = 0;
        trialInFlight = false;
        state = State.CLOSED;
    }

    /** The exchange ended for a reason that says nothing about the service (the caller's fault). */
    public synchronized void onNeitherSuccessNorFailure() {
        // In half-open state the next request becomes the trial.
        trialInFlight = false;
    }

    public synchronized void onFailure() {
        consecutiveFailures++;
        if (state == State.HALF_OPEN || consecutiveFailures >= failureThreshold) {
            state = State.OPEN;
            openedAt = clock.getAsLong();
            trialInFlight = false;
        }
    }

    /**
     * No connection could be made (refused, no route, unknown host): unlike a slow or broken exchange this
     * leaves no doubt that the service is not there, so the circuit opens without waiting for more failures.
     *
     * @return the nanoseconds until the service is tried again
     */
    public synchronized long onUnreachable() {
        consecutiveFailures++;
        state = State.OPEN;
        openedAt = clock.getAsLong();
        trialInFlight = false;
        return openNanos;
    }

    /** False from the failure that opens the circuit until an exchange succeeds (the half-open trial included). */
    public synchronized boolean isClosed() {
        return state == State.CLOSED;
    }

    public synchronized State state() {
        return state;
    }
}
