package id.atensi.training;

import id.atensi.training.config.TrainingConfig;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** The service's clock in tests: real time in the configured zone, unless a test moves it to another moment. */
@Singleton
public class MovableClock extends Clock {

    private final ZoneId zone;
    private volatile Duration offset = Duration.ZERO;

    MovableClock(TrainingConfig config) {
        this.zone = config.timeZone();
    }

    /** Moves "now" to {@code moment}; time runs on from there. */
    public void travelTo(Instant moment) {
        offset = Duration.between(Instant.now(), moment);
    }

    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return Clock.offset(Clock.system(other), offset);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }
}
