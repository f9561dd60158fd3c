package id.atensi.training.domain;

/**
 * Whether a participant completed a class: attended at least {@code thresholdPercent} of its sessions.
 * Compared in integers so that exactly the threshold (3 of 4 at 75%) completes.
 */
public record CompletionRule(int thresholdPercent) {

    public CompletionRule {
        if (thresholdPercent < 1 || thresholdPercent > 100) {
            throw new IllegalArgumentException("completion threshold must be between 1 and 100 percent, was " + thresholdPercent);
        }
    }

    public boolean completed(int sessionsAttended, int sessionsTotal) {
        if (sessionsTotal <= 0) {
            throw new IllegalArgumentException("a class without sessions has no completion");
        }
        return (long) sessionsAttended * 100 >= (long) thresholdPercent * sessionsTotal;
    }
}
