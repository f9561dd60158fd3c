package id.atensi.beneficiary.registry.service;

import id.atensi.commons.persistence.DatabaseUnreachable;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Records what a callback's receiver answered. A receiver that took the message must not get it again, yet the claim
 * on it lapses (and another attempt goes out) if its outcome is never written: so while the database cannot be
 * reached the recording is tried again every second, for as long as the claim holds with a margin. An outage longer
 * than that, or a node that dies meanwhile, still leads to a second delivery, which the receiver recognises by its
 * {@code transaction_id}.
 */
final class OutcomeRecorder {

    private static final Logger LOG = Logger.getLogger(OutcomeRecorder.class);
    private static final Duration RETRY_EVERY = Duration.ofSeconds(1);
    /** Stops this long before the claim lapses, so that a late recording does not land on the next attempt's claim. */
    private static final Duration MARGIN = Duration.ofSeconds(5);

    private final ScheduledExecutorService threads;
    private final Duration claimHeldFor;

    /** @param claimHeldFor how long a claim keeps others from attempting, counted from the claim */
    OutcomeRecorder(ScheduledExecutorService threads, Duration claimHeldFor) {
        this.threads = threads;
        this.claimHeldFor = claimHeldFor;
    }

    /**
     * Runs the recording on the calling thread and, should the database be unreachable, again later on the recorder's
     * threads. {@code claimedAt} is {@link System#nanoTime()} taken no earlier than the claim.
     */
    void record(String what, long claimedAt, Runnable recording) {
        try {
            recording.run();
        } catch (RuntimeException e) {
            long heldFor = System.nanoTime() - claimedAt;
            if (DatabaseUnreachable.causes(e) && heldFor + RETRY_EVERY.plus(MARGIN).toNanos() < claimHeldFor.toNanos()) {
                LOG.debugf("the outcome of %s waits for the database: %s", what, DatabaseUnreachable.describe(e));
                try {
                    threads.schedule(() -> record(what, claimedAt, recording), RETRY_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException stopping) {
                    LOG.infof("the outcome of %s is not recorded: the service is stopping; it is attempted again when its claim lapses", what);
                }
                return;
            }
            LOG.warnf(e, "the outcome of %s could not be recorded; it is attempted again when its claim lapses", what);
        }
    }
}
