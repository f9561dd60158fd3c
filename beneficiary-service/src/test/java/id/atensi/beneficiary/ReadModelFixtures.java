package id.atensi.beneficiary;

import io.quarkus.narayana.jta.QuarkusTransaction;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** Waits for a read model to show what an event written to a topic should make of it (events arrive within a second). */
public final class ReadModelFixtures {

    private ReadModelFixtures() {
    }

    /** Reads {@code read} in a transaction of its own every 100 ms until it equals {@code expected}; fails after 30 s. */
    public static <T> void await(String what, T expected, Supplier<T> read) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        T last = QuarkusTransaction.requiringNew().call(read::get);
        while (!expected.equals(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + ": expected " + expected + " within 30 s, last read " + last);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            last = QuarkusTransaction.requiringNew().call(read::get);
        }
    }
}
