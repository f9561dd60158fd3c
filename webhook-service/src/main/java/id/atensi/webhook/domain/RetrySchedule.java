package id.atensi.webhook.domain;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * When a delivery is tried again. {@code delays.get(n)} is the wait before attempt n + 1, counted from the failure
 * of attempt n (the first is 0: at once). A receiver's {@code Retry-After} (with 429 or 503) replaces the
 * schedule's wait for the next attempt, bounded by 10 hours (or the schedule's longest wait, if longer) so that a
 * receiver cannot park a delivery for ever; it does not add attempts.
 */
public record RetrySchedule(List<Duration> delays) {

    private static final Duration LONGEST_RETRY_AFTER = Duration.ofHours(10);

    public RetrySchedule {
        if (delays.isEmpty()) {
            throw new IllegalArgumentException("a retry schedule needs at least one attempt");
        }
        delays = List.copyOf(delays);
    }

    public int attempts() {
        return delays.size();
    }

    /**
     * @param attemptsMade the attempts of this round so far (1 after the first failure)
     * @return the wait before the next attempt, or empty when the schedule is used up
     */
    public Optional<Duration> next(int attemptsMade, Optional<Duration> retryAfter) {
        if (attemptsMade >= delays.size()) {
            return Optional.empty();
        }
        Duration longest = delays.stream().max(Duration::compareTo).orElseThrow();
        Duration cap = longest.compareTo(LONGEST_RETRY_AFTER) > 0 ? longest : LONGEST_RETRY_AFTER;
        return Optional.of(retryAfter.map(wait -> wait.compareTo(cap) > 0 ? cap : wait).orElse(delays.get(attemptsMade)));
    }
}
