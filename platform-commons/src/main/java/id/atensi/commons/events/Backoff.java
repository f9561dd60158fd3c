package id.atensi.commons.events;

import java.time.Duration;

/** Doubling waits between attempts, up to a ceiling; reset after a success. */
final class Backoff {

    private final Duration initial;
    private final Duration ceiling;
    private Duration current;

    Backoff(Duration initial, Duration ceiling) {
        this.initial = initial;
        this.ceiling = ceiling;
        this.current = initial;
    }

    Duration next() {
        Duration wait = current;
        Duration doubled = current.multipliedBy(2);
        current = doubled.compareTo(ceiling) > 0 ? ceiling : doubled;
        return wait;
    }

    void reset() {
        current = initial;
    }
}
